"""Card text → terminal: rich Markdown, math as readable Unicode, control characters made inert."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

# --- control characters -------------------------------------------------------------

# C0 controls (except tab and newline), DEL and C1 controls: any of them could start a terminal
# escape sequence (ESC, and CSI 0x9b on terminals that honour 8-bit controls).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<{code:02X}>"  # C1 controls have no control picture; show the byte, e.g. <9B>


def make_inert(text: str) -> str:
    """Replace control characters (except newline and tab) by visible stand-ins."""
    return _CONTROL.sub(_visible_control, text.replace("\r\n", "\n"))


def shorten(text: str, width: int, *, keep_end: bool = False) -> str:
    """`text` cut to `width` characters with …, at the start when `keep_end` (a path keeps its file:line)."""
    if len(text) <= width:
        return text
    return "…" + text[len(text) - width + 1 :] if keep_end else text[: width - 1] + "…"


# --- super- and subscripts, derived from Unicode character names ---------------------------

# Unicode blocks holding super/subscript letters and digits that terminal fonts commonly draw:
# Latin-1 Supplement (²), Spacing Modifier Letters (ʲ), Phonetic Extensions and their Supplement
# (ᵢ ᵝ ᶻ), Superscripts and Subscripts (⁻ ₙ), Latin Extended-C (ⱼ). Later additions (ꟲ) are
# left out: few fonts have them, and a missing glyph is worse than x^C.
_SCRIPT_BLOCKS = (
    (0x00A0, 0x0100),
    (0x02B0, 0x0300),
    (0x1D00, 0x1DC0),
    (0x2070, 0x20A0),
    (0x2C60, 0x2C80),
)

_SUPERSCRIPT_NAMES = (
    ("SUPERSCRIPT LATIN SMALL LETTER ", ("LATIN SMALL LETTER ",)),
    ("SUPERSCRIPT ", ("", "DIGIT ")),
    ("MODIFIER LETTER SMALL GREEK ", ("GREEK SMALL LETTER ",)),
    ("MODIFIER LETTER SMALL ", ("LATIN SMALL LETTER ", "GREEK SMALL LETTER ")),
    ("MODIFIER LETTER CAPITAL ", ("LATIN CAPITAL LETTER ",)),
)
_SUBSCRIPT_NAMES = (
    ("LATIN SUBSCRIPT SMALL LETTER ", ("LATIN SMALL LETTER ",)),
    ("GREEK SUBSCRIPT SMALL LETTER ", ("GREEK SMALL LETTER ",)),
    ("SUBSCRIPT ", ("", "DIGIT ")),
)


def _script_forms(naming: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Map characters to their superscript (or subscript) forms, matched by Unicode name.

    "SUPERSCRIPT TWO" is the form of "DIGIT TWO", "MODIFIER LETTER SMALL Z" of "LATIN SMALL
    LETTER Z", "SUBSCRIPT PLUS SIGN" of "PLUS SIGN".
    """
    forms: dict[str, str] = {}
    for start, stop in _SCRIPT_BLOCKS:
        for form in map(chr, range(start, stop)):
            base = _base_character(unicodedata.name(form, ""), naming)
            if base is not None:
                forms.setdefault(base, form)
    if "\N{MINUS SIGN}" in forms:
        forms["-"] = forms["\N{MINUS SIGN}"]  # people type a hyphen for minus
    return forms


def _base_character(name: str, naming: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The character a script form named `name` is a form of, if it is one."""
    for prefix, base_prefixes in naming:
        if name.startswith(prefix):
            rest = name.removeprefix(prefix)
            # "SUPERSCRIPT MINUS" is the form of "MINUS SIGN"
            for candidate in (*(base + rest for base in base_prefixes), rest + " SIGN"):
                try:
                    return unicodedata.lookup(candidate)
                except KeyError:
                    continue
    return None


@cache
def _superscripts() -> dict[str, str]:
    return _script_forms(_SUPERSCRIPT_NAMES)


@cache
def _subscripts() -> dict[str, str]:
    return _script_forms(_SUBSCRIPT_NAMES)


@cache
def _script_characters() -> frozenset[str]:
    return frozenset(_superscripts().values()) | frozenset(_subscripts().values())


def _wrapped(text: str) -> bool:
    """True if text is one bracketed group, like (a+b) or [l], whose first bracket closes at the end."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    if len(text) < 2 or text[0] not in pairs or text[-1] != pairs[text[0]]:
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += (char == text[0]) - (char == text[-1])
        if depth == 0:
            return index == len(text) - 1
    return False


def _script(text: str, forms: dict[str, str], marker: str) -> str:
    """Superscript/subscript `text` with Unicode forms when all exist, else `^x`, `^[l]`, `^(a+b)`."""
    text = text.strip()
    if not text:
        return ""
    if all(char in forms for char in text):
        return "".join(forms[char] for char in text)
    if len(text) == 1 or _wrapped(text):
        return marker + text
    return f"{marker}({text})"


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
        and char not in _script_characters()
        and char not in ".'′"
    )


def _is_atom(text: str) -> bool:
    """True if text reads as one term, so it needs no parentheses in a/b or √x."""
    return len(text) <= 1 or _wrapped(text) or not any(map(_joins_terms, text))


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
    return _script(l2tobj.node_arg_to_text(node, 0), _superscripts(), "^")


def _subscript_text(node: Any, l2tobj: Any) -> str:
    return _script(l2tobj.node_arg_to_text(node, 0), _subscripts(), "_")


def _fraction_text(node: Any, l2tobj: Any) -> str:
    numerator, denominator = (l2tobj.node_arg_to_text(node, k) for k in (0, 1))
    text = f"{_grouped(numerator)}/{_grouped(denominator)}"
    # "1/m∑…" would read as 1/(m∑…): a fraction followed by an operand gets parentheses.
    return f"({text})" if _operand_follows(node, l2tobj) else text


def _square_root_text(node: Any, l2tobj: Any) -> str:
    degree = _script(l2tobj.node_arg_to_text(node, 0), _superscripts(), "^")
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


# --- finding math, code and images in Markdown -----------------------------------------------

_INLINE = re.compile(
    r"""
      (?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))
    | (?P<escaped>\\[\\$])
    | \$\$(?P<display>.+?)\$\$
    | \\\[(?P<bracket>.+?)\\\]
    | \\\((?P<paren>.+?)\\\)
    | \$(?!\s)(?P<dollar>(?:\\.|[^$\\\n])+?)(?<!\s)\$(?!\d)
    | !\[(?P<alt>[^\]\n]*)\]\((?P<src><[^>\n]*>|[^)\s]+)(?:\s+"[^"\n]*")?\)
    """,
    re.VERBOSE | re.DOTALL,
)
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _math_markdown(latex: str, display: bool) -> str:
    lines = [_escape_markdown(line) for line in latex_to_unicode(latex).splitlines()]
    # A display formula keeps its lines (hard breaks); an inline one stays on one line.
    return "\\\n".join(lines) if display else " ".join(lines)


_FILE_STAND_IN = "revise-file:"


def _restore_file_links(tokens: list[Any]) -> None:
    """Turn the stand-in scheme of image links back into file: URIs, in the parsed tokens."""
    for token in tokens:
        href = token.attrs.get("href") if token.attrs else None
        if isinstance(href, str) and href.startswith(_FILE_STAND_IN):
            token.attrs["href"] = "file:" + href.removeprefix(_FILE_STAND_IN)
        _restore_file_links(token.children or [])


def _image_link(source: str, base_dir: Path | None) -> str:
    """The link target for an image: web addresses as they are, files as file: URIs when resolvable."""
    scheme = urlsplit(source).scheme
    if scheme not in {"", "file"}:
        return quote(source, safe=_URL_SAFE)
    path = Path(source.removeprefix("file://")).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_absolute():
        return quote(source, safe=_URL_SAFE)
    # markdown-it refuses file: links; a stand-in scheme survives parsing and is swapped back.
    return _FILE_STAND_IN + path.resolve().as_uri().removeprefix("file:")


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _image_markdown(alt: str, source: str, base_dir: Path | None) -> str:
    source = source.removeprefix("<").removesuffix(">")
    label = f"{_escape_markdown(alt)} " if alt.strip() else ""
    target = _image_link(source, base_dir)
    return f"\N{FRAME WITH PICTURE} {label}([{_escape_markdown(source)}](<{target}>))"


# A line starting "[…]: text" would be read as a link reference definition and vanish; a cloze
# front can look like that, so the bracket is escaped (reference-style links are not resolved).
_REFERENCE_DEFINITION = re.compile(
    r"^((?: {0,3}(?:[-*+]|\d{1,9}[.)]|>)?[ \t]*)*)\[(?=[^\]\n]*\]:)", re.MULTILINE
)


def _convert_inline(text: str, base_dir: Path | None, markdown: bool = True) -> str:
    """Turn math into Unicode and images into links, leaving code spans as they are."""

    def replace(match: re.Match[str]) -> str:
        groups = match.groupdict()
        if groups["code"]:
            return match.group()
        if groups["escaped"]:  # \$ stays escaped for Markdown; plain text shows the character
            return match.group() if markdown else match.group()[1:]
        if groups["alt"] is not None:
            if not markdown:
                return match.group()
            return _image_markdown(groups["alt"], groups["src"], base_dir)
        display = groups["display"] or groups["bracket"]
        latex = display or groups["paren"] or groups["dollar"] or ""
        if not markdown:
            return " ".join(latex_to_unicode(latex).split())
        return _math_markdown(latex, display is not None)

    converted = _INLINE.sub(replace, text)
    return _REFERENCE_DEFINITION.sub(r"\1\\[", converted) if markdown else converted


def _code_block_lines(text: str) -> set[int]:
    """Line numbers (0-based) inside fenced or indented code blocks, where nothing is converted."""
    from markdown_it import MarkdownIt

    lines: set[int] = set()
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type in {"fence", "code_block"} and token.map:
            lines.update(range(*token.map))
    return lines


def _convert_markdown(text: str, base_dir: Path | None) -> str:
    """Convert math and images in each run of lines outside code blocks; code stays as written."""
    from itertools import groupby

    code_lines = _code_block_lines(text)
    parts = []
    for in_code, run in groupby(enumerate(text.split("\n")), key=lambda item: item[0] in code_lines):
        chunk = "\n".join(line for _, line in run)
        parts.append(chunk if in_code else _convert_inline(chunk, base_dir))
    return "\n".join(parts)


# --- public renderers --------------------------------------------------------------------


def card_markdown(text: str, base_dir: Path | None = None) -> RenderableType:
    """Render card text (Markdown) for the terminal: math as Unicode, images as links, controls inert."""
    from rich.markdown import Markdown

    markdown = Markdown(_convert_markdown(make_inert(text), base_dir), hyperlinks=True)
    _restore_file_links(markdown.parsed)
    return markdown


def inline_text(text: str) -> Text:
    """A one-line string (deck name, heading path) made safe: controls inert, no markup, math as Unicode."""
    from rich.text import Text

    one_line = " ".join(make_inert(text).replace("\t", " ").split("\n"))
    if "$" in one_line or "\\" in one_line:
        one_line = _convert_inline(one_line, None, markdown=False)
    return Text(one_line, end="")
