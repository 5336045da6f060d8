"""Card text (our Markdown) → an Anki field (HTML) with Python-Markdown: math as MathJax `\\(…\\)` /
`\\[…\\]`, clozes as `{{cN::…}}`, images copied into the package's media."""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from revise.notes.masking import CODE_AND_MATH

# Math and cloze markers are swapped for private-use characters while Python-Markdown runs, so that
# neither `_` in LaTeX nor `::` in a cloze is read as Markdown (Python-Markdown itself uses \x02/\x03).
_MATH_OPEN, _MATH_CLOSE = "\ue010", "\ue011"
_CLOZE_OPEN, _CLOZE_HINT, _CLOZE_CLOSE = "\ue000", "\ue001", "\ue002"
_PLACEHOLDER = re.compile(f"{_MATH_OPEN}(\\d+){_MATH_CLOSE}|{_CLOZE_OPEN}(\\d+){_CLOZE_OPEN}|[{_CLOZE_HINT}{_CLOZE_CLOSE}]")
_CODE_OR_MATH = re.compile(CODE_AND_MATH, re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SINGLE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p>).)*)</p>", re.DOTALL)


@dataclass
class Media:
    """The files the fields refer to, by the name each has in the package (one name per content)."""

    files: dict[str, Path] = field(default_factory=dict)
    _by_digest: dict[str, str] = field(default_factory=dict)

    def add(self, path: Path) -> str:
        """The package name of the image at `path` (a file of the same content keeps its first name)."""
        data = path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        if digest in self._by_digest:
            return self._by_digest[digest]
        name = _safe_name(path.name)
        while name in self.files:  # two different images with one name: the second gets its digest
            name = f"{Path(name).stem}-{digest[:8]}{Path(name).suffix}"
        self.files[name], self._by_digest[digest] = path, name
        return name


def _safe_name(name: str) -> str:
    """A media file name Anki accepts: no path separators, no characters its media check renames."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return cleaned or "image"


def field_html(text: str, base_dir: Path | None, media: Media, cloze: bool = False) -> str:
    """`text` (Markdown) as an Anki field; a canonical cloze note's deletions stay `{{cN::…}}`."""
    maths: list[str] = []
    source = _protect(text, maths, cloze)
    converter = _converter()
    converter.revise_images = (base_dir, media)  # read by MediaImages while this field converts
    rendered = converter.reset().convert(source).strip()
    single = _SINGLE_PARAGRAPH.fullmatch(rendered)  # one paragraph: its text alone, as Anki's editor writes it
    if single:
        rendered = single.group(1)
    return _PLACEHOLDER.sub(lambda m: _restore(m, maths), rendered)


def _protect(text: str, maths: list[str], cloze: bool) -> str:
    """Swap math (outside code) and, for a cloze note, the deletion markers for placeholders."""
    if cloze:
        from revise.notes.cloze import cloze_segments

        segments, tail = cloze_segments(text)
        parts = [before + f"{_CLOZE_OPEN}{n}{_CLOZE_OPEN}{body}" + (f"{_CLOZE_HINT}{hint}" if hint is not None else "")
                 + _CLOZE_CLOSE for before, n, body, hint in segments]
        text = "".join(parts) + tail
    return "\n".join(_outside_fences(text.split("\n"), lambda line: _CODE_OR_MATH.sub(
        lambda m: _math_placeholder(m.group(), maths), line)))


def _outside_fences(lines: list[str], convert: Any) -> list[str]:
    """Each line converted, except inside fenced code blocks (kept as written)."""
    out, fence = [], None
    for line in lines:
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0]
        elif fence is not None and opened and opened.group(1)[0] == fence:
            fence = None
        elif fence is None:
            line = convert(line)
        out.append(line)
    return out


def _math_placeholder(span: str, maths: list[str]) -> str:
    """Code as written; math as a placeholder, remembered as MathJax."""
    if span.startswith("`"):
        return span
    if span.startswith("$$"):
        latex, display = span[2:-2], True
    elif span.startswith("$"):
        latex, display = span[1:-1], False
    else:
        latex, display = span[2:-2], span.startswith("\\[")
    maths.append(("\\[" if display else "\\(") + html.escape(latex, quote=False) + ("\\]" if display else "\\)"))
    return f"{_MATH_OPEN}{len(maths) - 1}{_MATH_CLOSE}"


def _restore(match: re.Match[str], maths: list[str]) -> str:
    if match.group(1) is not None:
        return maths[int(match.group(1))]
    if match.group(2) is not None:
        return "{{c" + match.group(2) + "::"
    return "::" if match.group() == _CLOZE_HINT else "}}"


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    """A Python-Markdown converter whose images point into the package's media (made once: it is slow to build)."""
    import markdown
    from markdown.treeprocessors import Treeprocessor

    class MediaImages(Treeprocessor):
        def run(self, root: Any) -> None:
            base_dir, media = self.md.revise_images
            for image in root.iter("img"):
                image.set("src", _media_source(image.get("src", ""), base_dir, media))

    converter = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
    converter.treeprocessors.register(MediaImages(converter), "revise_media", 0)
    return converter


def _media_source(src: str, base_dir: Path | None, media: Media) -> str:
    """An image's source in the package: a local file that exists becomes a media file; others stay."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or base_dir is None:
        return src
    path = (base_dir / unquote(parts.path)).resolve()
    return media.add(path) if path.is_file() else src
