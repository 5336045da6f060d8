"""A card's images: found in its Markdown (`![](…)`, Obsidian's `![[…]]`), resolved next to its note
file (else by name in its vault or imported folder), and drawn with
textual-image (kitty graphics, sixel, colour blocks) or shown as a labelled placeholder.

Pillow and textual-image are imported only when a card has an image to draw or measure."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from revise.render.markdown import image_links

# The ways of drawing an image, by textual-image's module and class for each
PROTOCOLS = {"kitty": ("tgp", "Image"), "sixel": ("sixel", "Image"), "blocks": ("halfcell", "Image")}
DEFAULT_CELL = (10, 20)  # pixels of a terminal cell when the terminal does not say (textual-image's default)


@dataclass(frozen=True)
class CardImage:
    """One image of a card: its link as written, its alt text, the file it names (None for a web address)."""

    source: str
    alt: str = ""
    path: Path | None = None
    line: int = 0  # 0-based, within the card's text
    width: int | None = None  # pixels, as `![[pic.png|300]]` asks: the picture is shown at that width

    @property
    def missing(self) -> bool:
        """True for a local file that is not there."""
        return self.path is not None and not self.path.is_file()

    @property
    def name(self) -> str:
        """The file name (or the web address) a learner recognises."""
        return self.path.name if self.path is not None else self.source


def card_images(text: str, base_dir: Path | None, search_root: Path | None = None) -> list[CardImage]:
    """The images a card's Markdown shows (not those in code), resolved against its note's folder,
    else by name under `search_root` (its vault or imported folder)."""
    return [CardImage(source, alt, resolve_image(source, base_dir, search_root), line, width)
            for line, alt, source, width in image_links(text)]


def resolve_image(source: str, base_dir: Path | None, search_root: Path | None = None) -> Path | None:
    """The local file an image link names: relative links are read from the note's folder, else
    found by name under `search_root` as Obsidian finds attachments, and percent-escapes (as Anki's
    media links have) undone when the file needs it. None for a web address, or a relative link
    with no folder to read it from; a missing file is named next to the note."""
    if urlsplit(source).scheme not in {"", "file"} or source.startswith("//"):
        return None
    written = source.removeprefix("file://")
    candidates = [Path(written).expanduser(), Path(unquote(written)).expanduser()]
    if base_dir is not None:
        candidates = [path if path.is_absolute() else base_dir / path for path in candidates]
    if not candidates[0].is_absolute():
        return None
    found = next((path for path in candidates if path.is_file()), None)
    if found is None and search_root is not None and not Path(written).is_absolute():
        from revise.render.attachments import find_by_name

        found = find_by_name(written, search_root, base_dir) or find_by_name(unquote(written), search_root, base_dir)
    return Path(os.path.abspath(found or candidates[-1]))


def image_size(path: Path) -> tuple[int, int] | None:
    """The image's size in pixels, read from its header; None when Pillow cannot read it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def placeholder(image: CardImage, size: tuple[int, int] | None = None, number: int | None = None) -> str:
    """`[image: pic.png 640×480 — o to open]` (`[image 2: …` when numbered), or `[image missing: pic.png]`
    when the file is not there."""
    from revise.render.text import make_inert

    what = "image" if number is None else f"image {number}"
    if image.missing:
        return f"[{what} missing: {make_inert(image.source)}]"
    shown = f"{make_inert(image.name)} {size[0]}×{size[1]}" if size else make_inert(image.name)
    return f"[{what}: {shown} — o to open]"


def fitted_cells(pixels: tuple[int, int], cell: tuple[int, int], max_width: int, max_rows: int) -> tuple[int, int]:
    """The image's size in terminal cells: its own size, made smaller (never larger) to fit."""
    width, height = pixels[0] / cell[0], pixels[1] / cell[1]
    scale = min(1.0, max_width / width, max_rows / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


class ImageBlock:
    """An image on the review screen: drawn with `protocol` (kitty, sixel, blocks) at most `rows`
    lines tall, else (no protocol, a missing or unreadable file, a web address) its placeholder."""

    def __init__(self, image: CardImage, protocol: str | None, rows: int = 12, number: int | None = None) -> None:
        self.image, self.protocol, self.rows, self.number = image, protocol, rows, number

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich.text import Text

        image, size = self.image, None
        if image.path is not None and not image.missing:
            size = image_size(image.path)
        if size and self.protocol in PROTOCOLS:
            shown = (image.width, max(1, round(size[1] * image.width / size[0]))) if image.width else size
            width, height = fitted_cells(shown, cell_pixels(), options.max_width, self.rows)
            yield drawn_image(image.path, self.protocol, width, height, image.path.stat().st_mtime_ns)
            label = image.name if self.number is None else f"{self.number}: {image.name}"
            yield Text(f"{label} — o to open", style="dim", overflow="ellipsis", no_wrap=True)
        else:
            yield Text(placeholder(image, size, self.number), style="yellow" if image.missing else "dim")


def cell_pixels() -> tuple[int, int]:
    """A terminal cell's size in pixels, as textual-image measures it (asked once)."""
    from textual_image._terminal import get_cell_size

    try:
        return tuple(get_cell_size())  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 - a closed stdout or an odd terminal: draw at the usual size
        return DEFAULT_CELL


@functools.lru_cache(maxsize=32)
def drawn_image(path: Path, protocol: str, width: int, height: int, mtime_ns: int = 0) -> Any:
    """textual-image's renderable for `protocol` at `width`×`height` cells; kept, so that a card
    drawn again (revealed, resized back) does not send the same picture to the terminal twice."""
    return renderer(protocol)(str(path), width=width, height=height)


def renderer(protocol: str) -> type:
    """textual-image's renderable class for `protocol`, loaded without its package's own detection:
    importing `textual_image.renderable` asks the terminal which protocol it has (writing escape codes,
    reading the keyboard), and revise decides that from the environment instead."""
    import importlib
    import types

    module_name, class_name = PROTOCOLS[protocol]
    if "textual_image.renderable" not in sys.modules:
        import textual_image

        package = types.ModuleType("textual_image.renderable")
        package.__path__ = [os.path.join(textual_image.__path__[0], "renderable")]
        sys.modules["textual_image.renderable"] = package
    return getattr(importlib.import_module(f"textual_image.renderable.{module_name}"), class_name)
