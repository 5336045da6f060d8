"""Images a card links to that are not there: warnings with file:line at import, sync and preview
(at review the card still shows, with a placeholder saying the image is missing)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revise.notes import ParseWarning
    from revise.render.images import CardImage


def missing_image_warnings(file: str, notes: Iterable[tuple[str, int]], root: str | Path | None = None) -> list[ParseWarning]:
    """A warning for each image that the notes (text, first line) of `file`, imported from `root`,
    link to and that is not there (next to the note, nor by name in its vault or `root`), at the
    line of the file that holds the link."""
    with_images = [(text, line) for text, line in notes if "![" in text]  # most notes: nothing more to do
    if not with_images:
        return []
    from revise.notes import ParseWarning
    from revise.render.attachments import search_folder
    from revise.render.images import card_images

    search = search_folder(Path(file), root)
    lines: list[str] | None = None
    warnings: dict[tuple[int, str], ParseWarning] = {}
    for text, first in with_images:
        for image in card_images(text, Path(file).parent, search):
            if image.missing:
                lines = _file_lines(file) if lines is None else lines
                line = _line_of(image.source, lines, first)
                warnings.setdefault((line, image.source), ParseWarning(file, line, _not_found(image, search)))
    return list(warnings.values())


def _not_found(image: CardImage, search: Path | None) -> str:
    elsewhere = f", nor by name in {search}" if search is not None else ""
    return f"image '{image.source}' not found at {image.path}{elsewhere} — fix the link, or put the picture there"


def _file_lines(file: str) -> list[str]:
    """The file's lines, to find a link's line in (read again only when an image is missing)."""
    try:
        return Path(file).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return []


def _line_of(source: str, lines: list[str], first: int) -> int:
    """The 1-based line, from the note's first line on, whose text holds the link `source`."""
    for number in range(max(first, 1), len(lines) + 1):
        if any(link in lines[number - 1] for link in (f"]({source}", f"](<{source}>", f"[[{source}")):
            return number
    return first
