"""Images in review: the protocol chosen from the environment, `o` opening a real viewer program (a
shell script standing in for one), and the card screen with an image, drawn or as a placeholder."""

from __future__ import annotations

import io
import itertools
import sys
import time

import pytest
from rich.console import Console

from revise.errors import ReviseError
from revise.render.images import CardImage, drawn_image, renderer
from revise.review.images import image_protocol, open_images, viewer_commands
from revise.review.screen import card_screen, shown_images
from tests.render.test_images import picture
from tests.review.scripted import screens, session

COUNTS = {"new": 1, "learning": 0, "review": 0, "done": 0, "left": 1}


@pytest.mark.parametrize("env, interactive, protocol", [
    ({"TERM": "xterm-kitty"}, True, "kitty"),
    ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, True, "kitty"),
    ({"TERM": "xterm-kitty"}, False, None),  # piped: placeholders, and nothing is asked of a terminal
    ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, True, None),  # tmux passes no kitty graphics
    ({"TERM": "tmux-256color"}, True, None),
    ({"TERM": "screen"}, True, None),
    ({"TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"}, True, "sixel"),
    ({"TERM_PROGRAM": "WezTerm"}, True, "sixel"),
    ({"TERM": "foot"}, True, "sixel"),
    ({"TERM": "xterm-256color"}, True, None),
    ({"TERM": "xterm-kitty", "REVISE_IMAGES": "off"}, True, None),
    ({"TERM": "xterm-256color", "TMUX": "x", "REVISE_IMAGES": "blocks"}, True, "blocks"),  # chosen: drawn
    ({"REVISE_IMAGES": "Kitty"}, False, None),
])
def test_protocol_from_the_environment(env, interactive, protocol):
    assert image_protocol(env, interactive) == protocol


def test_an_unknown_protocol_is_an_error_naming_the_choices():
    with pytest.raises(ReviseError, match="REVISE_IMAGES='iterm' is not one of auto, kitty, sixel, blocks, off"):
        image_protocol({"REVISE_IMAGES": "iterm"}, True)


def test_viewer_commands():
    assert viewer_commands(["a.png", "b.png"], {}, "linux") == [["xdg-open", "a.png"], ["xdg-open", "b.png"]]
    assert viewer_commands(["a.png", "b.png"], {}, "darwin") == [["open", "a.png", "b.png"]]
    assert viewer_commands(["a b.png"], {"REVISE_IMAGE_VIEWER": "feh -F"}, "linux") == [["feh", "-F", "a b.png"]]


def fake_viewer(tmp_path):
    """A program that writes the files it was asked to open into viewed.txt."""
    script = tmp_path / "viewer"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{tmp_path / 'viewed.txt'}'\n")
    script.chmod(0o755)
    return script, tmp_path / "viewed.txt"


def viewed(record, timeout=10.0):
    """The lines the fake viewer wrote (it runs in the background)."""
    deadline = time.monotonic() + timeout
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return record.read_text().splitlines() if record.exists() else []


def test_open_runs_the_viewer_on_the_files_that_exist(tmp_path):
    script, record = fake_viewer(tmp_path)
    pic = picture(tmp_path / "pic.png", (8, 8))
    images = [CardImage("pic.png", path=pic), CardImage("gone.png", path=tmp_path / "gone.png")]
    assert open_images(images, {"REVISE_IMAGE_VIEWER": str(script)}) == "Opened pic.png in the image viewer."
    assert viewed(record) == [str(pic)]


def test_open_without_a_viewer_or_an_image_says_so(tmp_path):
    pic = CardImage("pic.png", path=picture(tmp_path / "pic.png", (8, 8)))
    message = open_images([pic], {"REVISE_IMAGE_VIEWER": str(tmp_path / "no-such-viewer")})
    assert message.startswith("Cannot open the image: ") and "set REVISE_IMAGE_VIEWER" in message
    assert open_images([], {}) == "This card has no image to open."
    gone = CardImage("gone.png", path=tmp_path / "gone.png")
    assert open_images([gone], {}) == "Cannot open gone.png: the file is missing — fix the link in the note."


def row_with_images(tmp_path):
    picture(tmp_path / "img" / "map.png", (640, 480))
    return {"id": 1, "deck": "geo", "headings": "[]", "kind": "basic", "source": str(tmp_path / "geo.md"),
            "front": "Which country is this?\n![the outline](img/map.png)", "back": "France ![](img/flag.png)"}


def plain(renderable, width=60):
    console = Console(file=io.StringIO(), width=width, height=30, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def test_screen_shows_placeholders_under_each_side(tmp_path):
    row = row_with_images(tmp_path)
    assert plain(card_screen(row, revealed=True, counts=COUNTS, previews=None, height=29))[2:8] == [
        "Which country is this? 🖼 the outline",
        "[image: map.png 640×480 — o to open]",
        "─" * 60,
        "France 🖼",
        "[image missing: img/flag.png]",
        "─" * 60,
    ]
    assert [i.name for i in shown_images(row, revealed=False)] == ["map.png"]  # not the answer's before it shows
    assert [i.name for i in shown_images(row, revealed=True)] == ["map.png", "flag.png"]


def test_several_images_are_numbered_and_at_most_three_drawn(tmp_path):
    for name in "abcd":
        picture(tmp_path / f"{name}.png", (64, 40))
    row = {"id": 1, "deck": "d", "headings": "[]", "kind": "basic", "source": str(tmp_path / "n.md"), "back": "",
           "front": "| ![](a.png) | ![one](b.png) |\n|---|---|\n| ![](c.png) | ![](d.png) |"}
    screen = plain(card_screen(row, revealed=False, counts=COUNTS, height=29, protocol="blocks"))
    assert screen[4:7] == [" 🖼1  🖼2 one", " ──────────", " 🖼3  🖼4"]  # the table keeps its shape
    assert ["1: a.png — o to open", "2: b.png — o to open", "3: c.png — o to open",
            "[image 4: d.png 64×40 — o to open]"] == [line for line in screen if "o to open" in line]


def test_screen_draws_kitty_images_as_textual_image_does(tmp_path, monkeypatch):
    """The whole card screen holds textual-image's own kitty rendering of the picture, byte for byte."""
    from textual_image._terminal import get_cell_size

    row = row_with_images(tmp_path)
    tgp = renderer("kitty")
    monkeypatch.delattr(get_cell_size, "_result", raising=False)  # not a terminal: 10×20 pixel cells
    drawn_image.cache_clear()

    def render(renderable):
        monkeypatch.setattr(tgp, "_image_id_counter", itertools.count(77))
        monkeypatch.setattr(sys, "__stdout__", io.StringIO())
        console = Console(file=io.StringIO(), width=80, height=30, color_system="truecolor", force_terminal=True)
        console.print(renderable)
        return sys.__stdout__.getvalue(), console.file.getvalue()

    sent, screen = render(card_screen(row, revealed=False, counts=COUNTS, height=29, protocol="kitty"))
    library_sent, library_text = render(tgp(str(tmp_path / "img" / "map.png"), width=24, height=9))  # 64×24 cells, to 29 // 3 rows
    drawn_image.cache_clear()
    assert sent == library_sent and library_text in screen
    assert "map.png — o to open" in screen and "[image:" not in screen


def test_o_opens_the_cards_images_and_keeps_the_card(notes_db, tmp_path, monkeypatch):
    script, record = fake_viewer(tmp_path)
    monkeypatch.setenv("REVISE_IMAGE_VIEWER", str(script))
    folder = tmp_path / "geo"
    picture(folder / "img" / "map.png", (64, 40))
    db = notes_db("geo", {"geo.md": "Q: Which country is this?\n![](img/map.png)\nA: France\n"}, folder)
    _, out, _ = session(db, ["o", "", "3", "q"], terminal=True)
    assert viewed(record) == [str(folder / "img" / "map.png")]
    second = screens(out)[1]
    assert "Opened map.png in the image viewer." in second and "Space reveal" in second  # still the question
    assert db.execute("SELECT count(*) FROM revlog").fetchone()[0] == 1


def test_obsidian_embeds_show_and_open_from_the_vaults_attachments(notes_db, tmp_path, monkeypatch):
    from revise.render import attachments

    attachments._indexes.clear()
    script, record = fake_viewer(tmp_path)
    monkeypatch.setenv("REVISE_IMAGE_VIEWER", str(script))
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    flag = picture(vault / "attachments" / "flag.png", (64, 40))
    db = notes_db("geo", {"geo.md": "#flashcards\n\nQ: Whose flag?\n![[flag.png|300]]\nA: France ![[map.png]]\n"},
                  vault / "Flashcards")
    _, out, _ = session(db, ["o", "", "3", "q"], terminal=True)
    assert viewed(record) == [str(flag)]
    first, second, revealed = screens(out)[:3]
    assert "Whose flag? 🖼" in first and "[image: flag.png 64×40 — o to open]" in first
    assert "Opened flag.png in the image viewer." in second
    assert "[image missing: map.png]" in revealed


def test_a_link_is_found_by_name_in_the_imported_folder(tmp_path):
    """Course notes in week folders, their pictures in one folder of the course: found as Obsidian would."""
    from revise import collection, sources
    from revise.render import attachments

    attachments._indexes.clear()
    course = tmp_path / "course"
    picture(course / "images" / "cell.png", (64, 40))
    (course / "week1").mkdir(parents=True)
    (course / "week1" / "bio.md").write_text("Q: What is this?\n![a cell](cell.png)\nA: A cell\n")
    db = collection.open_collection(tmp_path / "c.db")
    assert not sources.import_paths(db, [course]).files[0].warnings  # found: no warning either
    _, out, _ = session(db, ["q"], terminal=True)
    assert "[image: cell.png 64×40 — o to open]" in screens(out)[0]
