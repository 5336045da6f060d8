"""LaTeX math → readable Unicode text through pylatexenc (imported lazily: it is slow to load)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from revise.render.scripts import script, script_characters, subscripts, superscripts, wrapped

# --- when parentheses and spaces are needed ---------------------------------------------------

# Characters in these categories join terms (+ = ≤ × , - and spaces), so a fraction's part
# holding one needs parentheses.
_JOINING_CATEGORIES = {"Sm", "Pd", "Po", "Zs"}


def _is_prefix_operator(char: str) -> bool:
    """∂ ∇ ∑ ∏ ∫ √ read as part of their operand: ∂J/∂w needs no parentheses."""
    name = unicodedata.name(char, "")
    return name in {"PARTIAL DIFFERENTIAL", "NABLA", "SQUARE ROOT"} or name.startswith(
        ("N-ARY", "INTEGRAL")
    )


def _joins_terms(char: str) -> bool:
    """True for characters that join terms (+ − = , ≤ × space), false for letters, digits and ∂."""
    if char.isspace():
        return True
    return (
        unicodedata.category(char) in _JOINING_CATEGORIES
        and not _is_prefix_operator(char)
        and char not in script_characters()
        and char not in ".'′"
    )


def _is_atom(text: str) -> bool:
    """True if text reads as one term, so it needs no parentheses in a/b or √x."""
    return len(text) <= 1 or wrapped(text) or not any(map(_joins_terms, text))


def _grouped(text: str) -> str:
    text = text.strip()
    return text if _is_atom(text) else f"({text})"


_NEXT_TOKEN = re.compile(r"\s*(\\[A-Za-z]+|\\.|.|$)", re.DOTALL)


def _next_token(node: Any) -> str:
    """The LaTeX token right after `node` (a macro, a character, or "" at the end)."""
    match = _NEXT_TOKEN.match(node.parsing_state.s, node.pos + node.len)
    return match.group(1) if match else ""


def _operand_follows(node: Any, l2tobj: Any) -> bool:
    """True if the LaTeX right after `node` starts an operand (a letter, digit, group, \\sum…)."""
    token = _next_token(node)
    if not token or token in {"\\right", "\\end"}:
        return False
    if token.startswith("\\"):
        spec = l2tobj.latex_context.get_macro_spec(token[1:])
        symbol = getattr(spec, "simplify_repl", None)
        return not (isinstance(symbol, str) and symbol and all(map(_joins_terms, symbol)))
    return token.isalnum() or token in "([{"


def _keeps_space_after(node: Any, text: str) -> bool:
    """Whether the space written after a macro stays: a ≤ b and log x keep it; αx and ∂J do not."""
    if not node.macro_post_space or not text or text.endswith(" "):
        return False
    if len(text) > 1:
        return True
    opening = unicodedata.category(text) == "Ps" or node.macroname in {"lvert", "lVert"}
    if opening or _is_prefix_operator(text):
        return False  # (x, ‖x‖, ∂J
    # After a letter the space only ended the macro name (\alpha x), unless an operator follows.
    return not (text.isalpha() and _next_token(node)[:1].isalnum())


# --- pylatexenc: LaTeX → text, extended with scripts, fractions and roots ---------------------


def _superscript_text(node: Any, l2tobj: Any) -> str:
    return script(l2tobj.node_arg_to_text(node, 0), superscripts(), "^")


def _subscript_text(node: Any, l2tobj: Any) -> str:
    return script(l2tobj.node_arg_to_text(node, 0), subscripts(), "_")


def _fraction_text(node: Any, l2tobj: Any) -> str:
    numerator, denominator = (l2tobj.node_arg_to_text(node, k) for k in (0, 1))
    text = f"{_grouped(numerator)}/{_grouped(denominator)}"
    # "1/m∑…" would read as 1/(m∑…): a fraction followed by an operand gets parentheses.
    return f"({text})" if _operand_follows(node, l2tobj) else text


def _square_root_text(node: Any, l2tobj: Any) -> str:
    degree = script(l2tobj.node_arg_to_text(node, 0), superscripts(), "^")
    return f"{degree}\N{SQUARE ROOT}{_grouped(l2tobj.node_arg_to_text(node, 1))}"


def _walker_context() -> Any:
    """pylatexenc's parsing rules, with ^ and _ taking one argument (it leaves them as text)."""
    from pylatexenc import latexwalker, macrospec

    one_argument = macrospec.MacroStandardArgsParser("{")
    context = latexwalker.get_default_latex_context_db()
    scripts = [macrospec.SpecialsSpec(char, args_parser=one_argument) for char in "^_"]
    context.add_context_category("revise-scripts", prepend=True, specials=scripts)
    return context


def _text_context() -> Any:
    """pylatexenc's text replacements, with our scripts, fractions, roots and a few symbols."""
    from pylatexenc.latex2text import MacroTextSpec, SpecialsTextSpec, get_default_latex_context_db

    em_space = "\N{EM SPACE}"  # survives the folding of runs of ordinary spaces
    macros = [
        *(MacroTextSpec(name, simplify_repl=_fraction_text) for name in ("frac", "dfrac", "tfrac")),
        MacroTextSpec("sqrt", simplify_repl=_square_root_text),
        MacroTextSpec("|", "\N{DOUBLE VERTICAL LINE}"),
        MacroTextSpec("arg", "arg"),
        MacroTextSpec("quad", em_space * 2),
        MacroTextSpec("qquad", em_space * 4),
    ]
    specials = [
        SpecialsTextSpec("^", simplify_repl=_superscript_text),
        SpecialsTextSpec("_", simplify_repl=_subscript_text),
        SpecialsTextSpec("&", " "),  # alignment points in aligned equations
    ]
    context = get_default_latex_context_db()
    context.add_context_category("revise-math", prepend=True, macros=macros, specials=specials)
    return context


# Macros that only size or place what follows: dropping them loses nothing. Any other macro without
# a text form (a user's own \\newcommand, say) keeps the whole formula as written.
_LAYOUT_MACROS = frozenset(
    "left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr"
    " displaystyle textstyle scriptstyle limits nolimits operatorname mathop nonumber notag".split()
)


class _UnknownMacro(Exception):
    """A macro the converter has no text for (a user's own \\newcommand, say)."""


@cache
def _converter() -> tuple[Any, Any]:
    """(pylatexenc parsing context, LaTeX → text converter), built once."""
    from pylatexenc.latex2text import LatexNodes2Text

    class MathToText(LatexNodes2Text):  # type: ignore[misc]
        def macro_node_to_text(self, node: Any) -> str:
            if node.macroname not in _LAYOUT_MACROS and self.latex_context.get_macro_spec(node.macroname) is None:
                raise _UnknownMacro(node.macroname)  # pylatexenc would silently drop it
            # The parser swallows the space after a macro name; put back the ones that matter.
            text: str = super().macro_node_to_text(node)
            return text + " " if _keeps_space_after(node, text) else text

    return _walker_context(), MathToText(latex_context=_text_context(), math_mode="text")


# pylatexenc cannot parse x_\mathrm{init} (a script whose argument is a macro with arguments):
# brace it as x_{\mathrm{init}} first.
_SCRIPT_MACRO = re.compile(r"([_^])\s*(\\[A-Za-z]+\s*(?:\{[^{}]*\})+)")
# The space inside sized delimiters is only for the source's eye: \lVert x \rVert is ‖x‖ and
# \left( x \right) is (x).
_SPACE_BEFORE_CLOSING = re.compile(r"\s+(\\(?:right|bigr|Bigr|biggr|Biggr|rvert|rVert|rangle|rfloor|rceil)(?![A-Za-z]))")
_SPACE_AFTER_OPENING = re.compile(r"(\\(?:left|bigl|Bigl|biggl|Biggl)\s*(?:[(\[|.]|\\[{|]))\s+")
_WIDE_SPACE = re.compile(" *(\N{EM SPACE}+) *")


def latex_to_unicode(latex: str) -> str:
    """Convert a LaTeX math formula to readable Unicode text: \\frac{1}{1+e^{-z}} → 1/(1+e⁻ᶻ)."""
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    walker_context, converter = _converter()
    tidied = _SCRIPT_MACRO.sub(r"\1{\2}", latex)
    tidied = _SPACE_AFTER_OPENING.sub(r"\1", _SPACE_BEFORE_CLOSING.sub(r"\1", tidied))
    walker = LatexWalker(tidied, latex_context=walker_context, tolerant_parsing=False)
    try:
        text: str = converter.nodelist_to_text(walker.get_latex_nodes()[0])
    except (LatexWalkerError, _UnknownMacro):  # shown as written rather than garbled or cut short
        return latex.strip()
    lines = (re.sub(r"[ \t]+", " ", line) for line in text.splitlines())
    return "\n".join(filter(None, (_WIDE_SPACE.sub(r"\1", line).strip() for line in lines)))
