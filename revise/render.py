"""Card text → terminal: rich Markdown, math as readable Unicode, control characters made inert."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

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


# --- super- and subscripts, derived from Unicode character names ---------------------------


def _script_forms(prefixes: tuple[str, ...]) -> dict[str, str]:
    """Map each character to its superscript/subscript form, found by Unicode name.

    "SUPERSCRIPT TWO" is the superscript of "DIGIT TWO", "MODIFIER LETTER SMALL Z" of
    "LATIN SMALL LETTER Z", "GREEK SUBSCRIPT SMALL LETTER BETA" of "GREEK SMALL LETTER BETA".
    Only the Basic Multilingual Plane is searched: terminal fonts rarely cover the rest.
    """
    forms: dict[str, str] = {}
    for code in range(0x80, 0x10000):
        name = unicodedata.name(chr(code), "")
        for prefix, base_prefix in prefixes:
            if not name.startswith(prefix):
                continue
            rest = name[len(prefix) :]
            for candidate in _base_names(base_prefix, rest):
                base = _lookup(candidate)
                if base and base not in forms:
                    forms[base] = chr(code)
                    break
    if "\N{MINUS SIGN}" in forms:
        forms["-"] = forms["\N{MINUS SIGN}"]  # people type a hyphen for minus
    return forms


def _base_names(base_prefix: str, rest: str) -> list[str]:
    if base_prefix:
        return [base_prefix + rest]
    # "SUPERSCRIPT TWO" → "DIGIT TWO"; "SUPERSCRIPT PLUS SIGN" → "PLUS SIGN"; "SUPERSCRIPT MINUS" → "MINUS SIGN"
    return [rest, "DIGIT " + rest, rest + " SIGN"]


def _lookup(name: str) -> str | None:
    try:
        return unicodedata.lookup(name)
    except KeyError:
        return None


_SUPERSCRIPT_PREFIXES = (
    ("SUPERSCRIPT LATIN SMALL LETTER ", "LATIN SMALL LETTER "),
    ("SUPERSCRIPT ", ""),
    ("MODIFIER LETTER SMALL GREEK ", "GREEK SMALL LETTER "),
    ("MODIFIER LETTER SMALL ", "LATIN SMALL LETTER "),
    ("MODIFIER LETTER CAPITAL ", "LATIN CAPITAL LETTER "),
)
_SUBSCRIPT_PREFIXES = (
    ("LATIN SUBSCRIPT SMALL LETTER ", "LATIN SMALL LETTER "),
    ("GREEK SUBSCRIPT SMALL LETTER ", "GREEK SMALL LETTER "),
    ("SUBSCRIPT ", ""),
)


@cache
def _superscripts() -> dict[str, str]:
    return _script_forms(_SUPERSCRIPT_PREFIXES)


@cache
def _subscripts() -> dict[str, str]:
    return _script_forms(_SUBSCRIPT_PREFIXES)


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


# Characters that join terms, so a fraction's part holding one needs parentheses: + − = , …
_JOINING_CATEGORIES = {"Sm", "Pd", "Po", "Zs"}


def _is_prefix_operator(char: str) -> bool:
    """∂ ∇ ∑ ∏ ∫ √ read as part of their operand: ∂J/∂w needs no parentheses."""
    name = unicodedata.name(char, "")
    return name in {"PARTIAL DIFFERENTIAL", "NABLA", "SQUARE ROOT"} or name.startswith(
        ("N-ARY", "INTEGRAL")
    )


def _joins_terms(char: str) -> bool:
    """True for characters that join terms (+ − = , ≤ ×), false for letters, digits and ∂."""
    if char.isspace():
        return True
    return (
        unicodedata.category(char) in _JOINING_CATEGORIES
        and not _is_prefix_operator(char)
        and char not in _scripts_output()
        and char not in ".'′"
    )


@cache
def _scripts_output() -> frozenset[str]:
    return frozenset(_superscripts().values()) | frozenset(_subscripts().values())


def _is_atom(text: str) -> bool:
    """True if text reads as one term, so it needs no parentheses in a/b or √x."""
    return len(text) <= 1 or _wrapped(text) or not any(_joins_terms(char) for char in text)


def _grouped(text: str) -> str:
    text = text.strip()
    return text if _is_atom(text) else f"({text})"


# --- pylatexenc -------------------------------------------------------------------------


@cache
def _converter() -> tuple[Any, Any]:
    """Build (pylatexenc walker context, text converter) with sub/superscripts and fractions."""
    from pylatexenc import latexwalker, macrospec
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        SpecialsTextSpec,
        get_default_latex_context_db,
    )

    # pylatexenc leaves ^ and _ as plain characters; parse them with one argument each.
    one_argument = macrospec.MacroStandardArgsParser("{")
    walker_context = latexwalker.get_default_latex_context_db()
    walker_context.add_context_category(
        "revise-scripts",
        prepend=True,
        specials=[
            macrospec.SpecialsSpec("^", args_parser=one_argument),
            macrospec.SpecialsSpec("_", args_parser=one_argument),
        ],
    )

    def superscript(node: Any, l2tobj: Any) -> str:
        return _script(l2tobj.node_arg_to_text(node, 0), _superscripts(), "^")

    def subscript(node: Any, l2tobj: Any) -> str:
        return _script(l2tobj.node_arg_to_text(node, 0), _subscripts(), "_")

    def fraction(node: Any, l2tobj: Any) -> str:
        numerator, denominator = (l2tobj.node_arg_to_text(node, k) for k in (0, 1))
        text = f"{_grouped(numerator)}/{_grouped(denominator)}"
        # "1/m∑…" would read as 1/(m∑…): a fraction followed by an operand gets parentheses.
        return f"({text})" if _operand_follows(node, text_context) else text

    def square_root(node: Any, l2tobj: Any) -> str:
        degree = l2tobj.node_arg_to_text(node, 0).strip()
        index = _script(degree, _superscripts(), "^") if degree else ""
        return f"{index}\N{SQUARE ROOT}{_grouped(l2tobj.node_arg_to_text(node, 1))}"

    text_context = get_default_latex_context_db()
    text_context.add_context_category(
        "revise-math",
        prepend=True,
        macros=[
            *(MacroTextSpec(name, simplify_repl=fraction) for name in ("frac", "dfrac", "tfrac")),
            MacroTextSpec("sqrt", simplify_repl=square_root),
            MacroTextSpec("|", "\N{DOUBLE VERTICAL LINE}"),
            MacroTextSpec("arg", "arg"),
        ],
        specials=[
            SpecialsTextSpec("^", simplify_repl=superscript),
            SpecialsTextSpec("_", simplify_repl=subscript),
            SpecialsTextSpec("&", " "),  # alignment points in aligned equations
        ],
    )

    class MathToText(LatexNodes2Text):  # type: ignore[misc]
        def macro_node_to_text(self, node: Any) -> str:
            # The walker swallows the space after a macro; put it back after words (log x) and
            # operators (a ≤ b), not after letters (αx) or prefix operators (∂J).
            text = super().macro_node_to_text(node)
            if node.macro_post_space and text and not _hugs_operand(text):
                return text + " "
            return text

    return walker_context, MathToText(latex_context=text_context, math_mode="text")


_NEXT_TOKEN = re.compile(r"\s*(\\[A-Za-z]+|\\.|.|$)", re.DOTALL)


def _operand_follows(node: Any, text_context: Any) -> bool:
    """True if the LaTeX right after `node` starts an operand (a letter, digit, group, \\sum…)."""
    source = node.parsing_state.s
    token = _NEXT_TOKEN.match(source, node.pos + node.len).group(1)
    if not token or token in {"\\right", "\\end"}:
        return False
    if token.startswith("\\"):
        spec = text_context.get_macro_spec(token[1:])
        symbol = getattr(spec, "simplify_repl", None)
        return not (isinstance(symbol, str) and len(symbol) == 1 and _joins_terms(symbol))
    return token.isalnum() or token in "([{"


def _hugs_operand(text: str) -> bool:
    return len(text) == 1 and (text.isalpha() or _is_prefix_operator(text)) or text.endswith(" ")


_SCRIPT_MACRO = re.compile(r"([_^])\s*(\\[A-Za-z]+\s*(?:\{[^{}]*\})+)")


def latex_to_unicode(latex: str) -> str:
    """Convert a LaTeX math formula to readable Unicode text: \\frac{1}{1+e^{-z}} → 1/(1+e⁻ᶻ)."""
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    walker_context, converter = _converter()
    # pylatexenc cannot parse x_\mathrm{init} (a script whose argument is a macro with
    # arguments); brace it as x_{\mathrm{init}}.
    braced = _SCRIPT_MACRO.sub(r"\1{\2}", latex)
    walker = LatexWalker(braced, latex_context=walker_context, tolerant_parsing=False)
    try:
        text = converter.nodelist_to_text(walker.get_latex_nodes()[0])
    except LatexWalkerError:  # a malformed formula is shown as written rather than garbled
        return latex.strip()
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


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
    """The link target for an image: URLs as they are, files as file:// URIs when resolvable."""
    if urlsplit(source).scheme in {"http", "https", "file"}:
        return source
    path = Path(source).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_absolute():
        return source
    # markdown-it refuses file: links; a stand-in scheme survives parsing and is swapped back.
    return _FILE_STAND_IN + path.resolve().as_uri().removeprefix("file:")


def _image_markdown(alt: str, source: str, base_dir: Path | None) -> str:
    source = source.removeprefix("<").removesuffix(">")
    label = f"{_escape_markdown(alt)} " if alt.strip() else ""
    target = _image_link(source, base_dir).replace(" ", "%20")
    return f"\N{FRAME WITH PICTURE} {label}([{_escape_markdown(source)}](<{target}>))"


def _convert_inline(text: str, base_dir: Path | None, markdown: bool = True) -> str:
    """Turn math into Unicode and images into links, leaving code spans as they are."""

    def replace(match: re.Match[str]) -> str:
        groups = match.groupdict()
        if groups["code"] or groups["escaped"]:
            return match.group()
        if groups["alt"] is not None:
            return _image_markdown(groups["alt"], groups["src"], base_dir) if markdown else match.group()
        display = groups["display"] or groups["bracket"]
        latex = display or groups["paren"] or groups["dollar"] or ""
        if not markdown:
            return " ".join(latex_to_unicode(latex).split())
        return _math_markdown(latex, display is not None)

    return _INLINE.sub(replace, text)


def _code_block_lines(text: str) -> set[int]:
    """Line numbers (0-based) inside fenced or indented code blocks, where nothing is converted."""
    from markdown_it import MarkdownIt

    lines: set[int] = set()
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type in {"fence", "code_block"} and token.map:
            lines.update(range(*token.map))
    return lines


def _convert_markdown(text: str, base_dir: Path | None) -> str:
    code_lines = _code_block_lines(text)
    lines = text.split("\n")
    out: list[str] = []
    chunk: list[str] = []
    for number, line in enumerate(lines):
        if number in code_lines:
            if chunk:
                out.append(_convert_inline("\n".join(chunk), base_dir))
                chunk = []
            out.append(line)
        else:
            chunk.append(line)
    if chunk:
        out.append(_convert_inline("\n".join(chunk), base_dir))
    return "\n".join(out)


# --- public renderers --------------------------------------------------------------------


def card_markdown(text: str, base_dir: Path | None = None) -> RenderableType:
    """Render card text (Markdown) for the terminal: math as Unicode, images as links, controls inert."""
    from rich.markdown import Markdown

    markdown = Markdown(_convert_markdown(make_inert(text), base_dir), hyperlinks=True)
    _restore_file_links(markdown.parsed)
    return markdown


def inline_text(text: str) -> Text:
    """A one-line string (deck name, heading path) made safe: controls inert, math as Unicode, no markup."""
    from rich.text import Text

    one_line = " ".join(make_inert(text).replace("\t", " ").split("\n"))
    if "$" in one_line or "\\" in one_line:
        one_line = _convert_inline(one_line, None, markdown=False)
    return Text(one_line, end="")
