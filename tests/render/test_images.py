"""Tests for revise.render.images: a card's images found and resolved, placeholders, and drawing
checked byte for byte against textual-image's own rendering for a kitty terminal."""

from __future__ import annotations

import io
import itertools
import sys
from pathlib import Path

import pytest
from PIL import Image
from rich.console import Console

from revise.render import attachments
from revise.render.images import (
    CardImage, ImageBlock, card_images, drawn_image, fitted_cells, placeholder, renderer, resolve_image,
)


def picture(path: Path, size: tuple[int, int]) -> Path:
    """A real PNG made by Pillow: a gradient, so that scaling it changes its bytes."""
    image = Image.new("RGB", size)
    image.putdata([(x * 255 // size[0], y * 255 // size[1], 128) for y in range(size[1]) for x in range(size[0])])
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def test_images_of_a_note_resolve_next_to_its_file(tmp_path):
    picture(tmp_path / "img" / "relu.png", (64, 40))
    text = "ReLU ![the ReLU curve](img/relu.png) and ![](<img/two words.png> \"title\")\n\nthe web ![](https://example.com/a.png)"
    found = card_images(text, tmp_path)
    assert [(i.source, i.alt, i.path, i.line) for i in found] == [
        ("img/relu.png", "the ReLU curve", tmp_path / "img" / "relu.png", 0),
        ("img/two words.png", "", tmp_path / "img" / "two words.png", 0),
        ("https://example.com/a.png", "", None, 2),
    ]
    assert [i.missing for i in found] == [False, True, False]


def test_images_in_code_are_not_images(tmp_path):
    text = "Inline `![](a.png)` and\n\n```\n![](b.png)\n```\n\n    ![](c.png)\n\nreal ![](d.png)"
    assert [(i.source, i.line) for i in card_images(text, tmp_path)] == [("d.png", 8)]


def test_obsidian_embeds_are_images_with_their_alt_text_and_width(tmp_path):
    picture(tmp_path / "map.png", (64, 40))
    text = "![[map.png]] ![[map.png|300]]\n![[img/flag.png|the flag|120x80]] ![[Some note]] `![[code.png]]`"
    assert [(i.source, i.alt, i.path, i.line, i.width) for i in card_images(text, tmp_path)] == [
        ("map.png", "", tmp_path / "map.png", 0, None),
        ("map.png", "", tmp_path / "map.png", 0, 300),
        ("img/flag.png", "the flag", tmp_path / "img" / "flag.png", 1, 120),
    ]


def test_a_link_not_next_to_its_note_is_found_by_name_in_the_search_folder(tmp_path):
    attachments._indexes.clear()
    flag = picture(tmp_path / "vault" / "attachments" / "flag.png", (8, 8))
    notes = tmp_path / "vault" / "notes"
    found = card_images("![[flag.png]] and ![](flag.png) ![[gone.png]]", notes, tmp_path / "vault")
    assert [(i.path, i.missing) for i in found] == [(flag, False), (flag, False), (notes / "gone.png", True)]
    assert [i.path for i in card_images("![[flag.png]]", notes)] == [notes / "flag.png"]  # no folder to search


def test_anki_media_links_are_percent_escaped(tmp_path):
    """An imported subdeck links `../media/pic%20one.png`; the file's name has a space."""
    picture(tmp_path / "media" / "pic one.png", (8, 8))
    assert resolve_image("../media/pic%20one.png", tmp_path / "Geo") == tmp_path / "media" / "pic one.png"
    picture(tmp_path / "100%25.png", (8, 8))  # a name that really holds %25 is found as written
    assert resolve_image("100%25.png", tmp_path) == tmp_path / "100%25.png"


def test_a_relative_link_with_no_folder_or_a_web_address_names_no_file(tmp_path):
    assert resolve_image("a.png", None) is None
    assert resolve_image("https://example.com/a.png", tmp_path) is None
    assert resolve_image("//cdn.example.com/a.png", tmp_path) is None
    assert resolve_image(f"file://{tmp_path}/a.png", None) == tmp_path / "a.png"


def test_placeholder_text(tmp_path):
    path = picture(tmp_path / "map.png", (640, 480))
    assert placeholder(CardImage("map.png", path=path), (640, 480)) == "[image: map.png 640×480 — o to open]"
    assert placeholder(CardImage("gone.png", path=tmp_path / "gone.png")) == "[image missing: gone.png]"
    assert placeholder(CardImage("https://x.org/a.png")) == "[image: https://x.org/a.png — o to open]"
    assert placeholder(CardImage("\x1b[2J.png", path=tmp_path / "x")) == "[image missing: ␛[2J.png]"


def lines(renderable, width=80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()


def test_without_a_protocol_an_image_is_its_placeholder(tmp_path):
    path = picture(tmp_path / "map.png", (640, 480))
    assert lines(ImageBlock(CardImage("map.png", path=path), None)) == ["[image: map.png 640×480 — o to open]"]
    (tmp_path / "notes.png").write_text("not a picture")
    unreadable = CardImage("notes.png", path=tmp_path / "notes.png")
    assert lines(ImageBlock(unreadable, "kitty")) == ["[image: notes.png — o to open]"]  # drawn only if Pillow reads it
    missing = CardImage("gone.png", path=tmp_path / "gone.png")
    assert lines(ImageBlock(missing, "kitty")) == ["[image missing: gone.png]"]


@pytest.mark.parametrize("pixels, cells", [((64, 40), (6, 2)), ((800, 600), (32, 12)), ((3000, 100), (80, 1))])
def test_an_image_keeps_its_size_or_shrinks_to_fit(pixels, cells):
    assert fitted_cells(pixels, (10, 20), max_width=80, max_rows=12) == cells


@pytest.fixture
def kitty_output(monkeypatch):
    """`render(renderable)` → what a kitty terminal receives: textual-image writes the picture to
    sys.__stdout__ itself, rich the text to its console; image ids start from the same number."""
    from textual_image._terminal import get_cell_size

    tgp = renderer("kitty")
    monkeypatch.delattr(get_cell_size, "_result", raising=False)  # not a terminal: 10×20 pixel cells
    drawn_image.cache_clear()

    def render(renderable) -> str:
        monkeypatch.setattr(tgp, "_image_id_counter", itertools.count(4242))
        monkeypatch.setattr(sys, "__stdout__", io.StringIO())
        console = Console(file=io.StringIO(), width=80, height=24, color_system="truecolor", force_terminal=True)
        console.print(renderable)
        return sys.__stdout__.getvalue() + console.file.getvalue()

    yield render, tgp
    drawn_image.cache_clear()  # its pictures were sent to a terminal that is gone


@pytest.mark.parametrize("pixels, cells", [((64, 40), (6, 2)), ((800, 600), (32, 12))])
def test_kitty_drawing_is_textual_images_own(tmp_path, kitty_output, pixels, cells):
    render, tgp = kitty_output
    path = picture(tmp_path / "pic.png", pixels)
    ours = render(ImageBlock(CardImage("pic.png", path=path), "kitty", rows=12))
    theirs = render(tgp(str(path), width=cells[0], height=cells[1]))
    assert "\x1b_Ga=p,i=4242,c=%d,r=%d,U=1,q=2\x1b\\" % cells in theirs  # the placement, at that size
    caption = "\x1b[2mpic.png — o to open\x1b[0m\n"
    assert ours == theirs + caption


def test_an_embeds_width_is_the_width_it_is_drawn_at(tmp_path, kitty_output):
    """`![[pic.png|300]]`: 300 pixels wide, 30 cells of 10 pixels, as textual-image draws it at that size."""
    render, tgp = kitty_output
    path = picture(tmp_path / "pic.png", (64, 40))
    (image,) = card_images("![[pic.png|300]]", tmp_path)
    ours = render(ImageBlock(image, "kitty", rows=12))
    theirs = render(tgp(str(path), width=30, height=9))  # 300×188 pixels: 30×9 cells
    assert "c=30,r=9" in theirs and ours == theirs + "\x1b[2mpic.png — o to open\x1b[0m\n"
