"""Card text → rich Markdown for the terminal: math as Unicode, images as file links, code as written.

rich and markdown-it are imported inside the functions that need them: the CLI imports this
package for `make_inert` on every printed path, and must start quickly.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import count
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from revise.render.attachments import embed_options, is_image_name
from revise.render.latex import latex_to_unicode
from revise.render.text import make_inert

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

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
    | !\[\[(?P<embed>[^\[\]|\n]+?)\\?(?:\|(?P<options>[^\[\]\n]*))?\]\]
    """,
    re.VERBOSE | re.DOTALL,
)
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

# A line starting "[…]: text" would be read as a link reference definition and vanish; a cloze
# front can look like that, so the bracket is escaped (reference-style links are not resolved).
_REFERENCE_DEFINITION = re.compile(
    r"^((?: {0,3}(?:[-*+]|\d{1,9}[.)]|>)?[ \t]*)*)\[(?=[^\]\n]*\]:)", re.MULTILINE
)


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _math(groups: dict[str, str | None]) -> tuple[str, bool]:
    """The LaTeX of a math match, and whether it is a display formula ($$…$$ or \\[…\\])."""
    display = groups["display"] or groups["bracket"]
    return display or groups["paren"] or groups["dollar"] or "", display is not None


def _math_markdown(latex: str, display: bool) -> str:
    lines = [_escape_markdown(line) for line in latex_to_unicode(latex).splitlines()]
    # A display formula keeps its lines (hard breaks); an inline one stays on one line.
    return "\\\n".join(lines) if display else " ".join(lines)


# --- image links -------------------------------------------------------------------------

_FILE_STAND_IN = "revise-file:"
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _restore_file_links(tokens: list[Any]) -> None:
    """Turn the stand-in scheme of image links back into file: URIs, in the parsed tokens."""
    for token in tokens:
        href = token.attrs.get("href") if token.attrs else None
        if isinstance(href, str) and href.startswith(_FILE_STAND_IN):
            token.attrs["href"] = "file:" + href.removeprefix(_FILE_STAND_IN)
        _restore_file_links(token.children or [])


def _image_link(source: str, base_dir: Path | None) -> str:
    """The link target for an image: web addresses as they are, files as file: URIs when resolvable."""
    from revise.render.images import resolve_image

    path = resolve_image(source, base_dir)
    if path is None:
        return quote(source, safe=_URL_SAFE)
    # markdown-it refuses file: links; a stand-in scheme survives parsing and is swapped back.
    return _FILE_STAND_IN + path.resolve().as_uri().removeprefix("file:")


Mark = Callable[[], str] | None  # the next image's mark, when images are drawn apart; None: links


def _image_mark(images: str) -> Mark:
    """For `images` "links": None; "mark": each image is 🖼; "numbered": 🖼1, 🖼2, … (several drawn apart)."""
    if images == "links":
        return None
    numbers = count(1)
    return (lambda: f"\N{FRAME WITH PICTURE}{next(numbers)}") if images == "numbered" else (lambda: "\N{FRAME WITH PICTURE}")


def _image_markdown(alt: str, source: str, base_dir: Path | None, mark: Mark = None) -> str:
    """An image as a line of text with a link to it, or (drawn apart) its mark and alt text."""
    source = source.removeprefix("<").removesuffix(">")
    if mark is not None:
        return f"{mark()} {_escape_markdown(alt)}".rstrip()
    label = f"{_escape_markdown(alt)} " if alt.strip() else ""
    target = _image_link(source, base_dir)
    return f"\N{FRAME WITH PICTURE} {label}([{_escape_markdown(source)}](<{target}>))"


# --- converting runs of text ---------------------------------------------------------------


def _as_markdown(match: re.Match[str], base_dir: Path | None, mark: Mark = None) -> str:
    """One match as Markdown: code and \\$ as written, an image (or an Obsidian image embed) as a
    link, math as escaped Unicode; an embed of a note stays as written."""
    groups = match.groupdict()
    if groups["code"] or groups["escaped"] or (groups["embed"] and not is_image_name(groups["embed"])):
        return match.group()  # \$ stays escaped for Markdown
    if groups["alt"] is not None:
        return _image_markdown(groups["alt"], groups["src"], base_dir, mark)
    if groups["embed"]:
        return _image_markdown(embed_options(groups["options"])[0], groups["embed"].strip(), base_dir, mark)
    return _math_markdown(*_math(groups))


def _as_plain(match: re.Match[str]) -> str:
    """One match as plain text: code and images as written, \\$ as the character, math as Unicode."""
    groups = match.groupdict()
    if groups["code"] or groups["alt"] is not None or groups["embed"]:
        return match.group()
    if groups["escaped"]:
        return match.group()[1:]
    latex, _ = _math(groups)
    return " ".join(latex_to_unicode(latex).split())


def _convert_inline(text: str, base_dir: Path | None, mark: Mark = None) -> str:
    """Turn math into Unicode and images into links (or marks), leaving code spans as they are."""
    converted = _INLINE.sub(partial(_as_markdown, base_dir=base_dir, mark=mark), text)
    return _REFERENCE_DEFINITION.sub(r"\1\\[", converted)


def _code_block_lines(text: str) -> set[int]:
    """Line numbers (0-based) inside fenced or indented code blocks, where nothing is converted."""
    from markdown_it import MarkdownIt

    lines: set[int] = set()
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type in {"fence", "code_block"} and token.map:
            lines.update(range(*token.map))
    return lines


def _runs(text: str) -> Iterator[tuple[int, str, bool]]:
    """The text in runs of lines inside and outside code blocks: (first line, the run, in code)."""
    from itertools import groupby

    code_lines = _code_block_lines(text)
    for in_code, run in groupby(enumerate(text.split("\n")), key=lambda item: item[0] in code_lines):
        lines = list(run)
        yield lines[0][0], "\n".join(line for _, line in lines), in_code


def _convert_markdown(text: str, base_dir: Path | None, images: str = "links") -> str:
    """Convert math and images in each run of lines outside code blocks; code stays as written."""
    mark = _image_mark(images)
    return "\n".join(chunk if in_code else _convert_inline(chunk, base_dir, mark) for _, chunk, in_code in _runs(text))


def image_links(text: str) -> list[tuple[int, str, str, int | None]]:
    """Each image outside code, `![alt](target)` or Obsidian's `![[target|alt|width]]`, as (0-based
    line, alt text, target as written (without <>), width in pixels if the embed gives one)."""
    if "![" not in text:  # most cards: no Markdown parse at all
        return []
    found = []
    for start, chunk, in_code in _runs(text):
        for match in () if in_code else _INLINE.finditer(chunk):
            line = start + chunk.count("\n", 0, match.start())
            if match["alt"] is not None:
                found.append((line, match["alt"], match["src"].removeprefix("<").removesuffix(">"), None))
            elif match["embed"] and is_image_name(match["embed"]):
                alt, width = embed_options(match["options"])
                found.append((line, alt, match["embed"].strip(), width))
    return found


# --- public renderers --------------------------------------------------------------------


def card_markdown(text: str, base_dir: Path | None = None, images: str = "links") -> RenderableType:
    """Render card text (Markdown) for the terminal: math as Unicode, controls inert, images as links
    (`images` "links"), or, when they are drawn apart, as 🖼 and their alt text ("mark"), numbered
    🖼1, 🖼2 when there are several ("numbered")."""
    from rich.markdown import Markdown

    markdown = Markdown(_convert_markdown(make_inert(text), base_dir, images), hyperlinks=True)
    _restore_file_links(markdown.parsed)
    return markdown


def inline_text(text: str) -> Text:
    """A one-line string (deck name, heading path) made safe: controls inert, no markup, math as Unicode."""
    from rich.text import Text

    one_line = " ".join(make_inert(text).replace("\t", " ").split("\n"))
    if "$" in one_line or "\\" in one_line:
        one_line = _INLINE.sub(_as_plain, one_line)
    return Text(one_line, end="")
