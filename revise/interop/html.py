"""Anki's HTML fields → Markdown, with markdownify: bold, italics, lists, line breaks, tables and
code as Markdown; MathJax `\\(…\\)` and `\\[…\\]` kept as math, Anki's LaTeX `[$]…[/$]` as `$…$`; `[sound:…]` as a link; images
pointing into `media/` under their safe names."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

_MATH_RE = re.compile(r"\\\((?:(?!\\\)).)*?\\\)|\\\[(?:(?!\\\]).)*?\\\]", re.DOTALL)
# Anki's own LaTeX (`[$]…[/$]`, `[$$]…[/$$]`), which it renders to images: ours is math text
_LATEX_RE = re.compile(r"\[(\$\$?)\](.*?)\[/\1\]", re.DOTALL)
_SOUND_RE = re.compile(r"\[sound:([^\]]+)\]")
_END_BREAK_RE = re.compile(r"\\+(?=\n\n|\Z)")
_HOLDER_RE = re.compile(r"REVISEHOLD(\d+)X")
_REMOTE_RE = re.compile(r"^(?:[a-z][\w+.-]*:|//)", re.IGNORECASE)
DECLARATION_RE = re.compile(r"<!(?!--)")  # `<!` opening anything but a comment: what Python 3.11's parser may reject


def media_link(name: str, safe: Callable[[str], str], folder: str = "media") -> str:
    """A media file's link target: in `folder` (`media`, or `../media` from a subdeck's file), its
    safe name percent-quoted (spaces and all)."""
    return f"{folder}/{quote(safe(name))}"


def html_to_markdown(field: str, safe: Callable[[str], str], folder: str = "media") -> str:
    """One field's HTML as Markdown; `safe` gives the file name a media file is written under, and
    `folder` the media folder's path from the note's file."""
    from markdownify import MarkdownConverter

    held: list[str] = []

    def hold(text: str) -> str:
        held.append(text)
        return f"REVISEHOLD{len(held) - 1}X"

    # math and sounds are taken out first: markdownify would escape their backslashes and brackets
    field = _MATH_RE.sub(lambda m: hold(_math(m.group(0))), field)
    field = _LATEX_RE.sub(lambda m: hold(f"{m.group(1)}{_math(m.group(2)).strip()}{m.group(1)}"), field)
    field = _SOUND_RE.sub(lambda m: hold(_sound(html.unescape(m.group(1)), safe, folder)), field)
    text = converted(_converter(MarkdownConverter, safe, folder), field)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    text = _END_BREAK_RE.sub("", text)  # a `<br>` ending a paragraph breaks nothing: no stray `\`
    return _HOLDER_RE.sub(lambda m: held[int(m.group(1))], text)


def converted(converter, field: str) -> str:  # noqa: ANN001 - a markdownify converter
    """`converter.convert(field)`, also for a field Python's HTML parser rejects (it keeps that `<!…` as text)."""
    from bs4.exceptions import ParserRejectedMarkup

    try:
        return converter.convert(field)
    except ParserRejectedMarkup:
        # Python 3.11's parser gives up on some `<!…` declarations (`<![x`); in a field they are text
        return converter.convert(DECLARATION_RE.sub("&lt;!", field))


def _math(source: str) -> str:
    """MathJax as Anki stores it (HTML-escaped, maybe with `<br>`) as plain math text."""
    source = re.sub(r"<br\s*/?>", " ", source, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", source))


def _sound(name: str, safe: Callable[[str], str], folder: str) -> str:
    """`[sound:x.mp3]` as a link to the file (a terminal cannot play it, a viewer can)."""
    if _REMOTE_RE.match(name):
        return f"[🔊 {name}]({name})"
    return f"[🔊 {name}]({media_link(name, safe, folder)})"


def _converter(base: type, safe: Callable[[str], str], folder: str):
    """markdownify's converter for Anki fields: ATX headings, `-` bullets, backslash line breaks."""

    class AnkiConverter(base):  # type: ignore[misc, valid-type]
        def convert_img(self, el, text, parent_tags):  # noqa: ANN001 - markdownify's signature
            src = el.attrs.get("src") or ""
            alt = (el.attrs.get("alt") or "").replace("]", "")
            target = src if _REMOTE_RE.match(src) else media_link(html.unescape(src), safe, folder)
            return f"![{alt}]({target})"

        def convert_script(self, el, text, parent_tags):  # noqa: ANN001
            return ""

        convert_style = convert_script

    return AnkiConverter(heading_style="ATX", newline_style="BACKSLASH", bullets="-", table_infer_header=True)
