"""Tests for revise.render.attachments: Obsidian embeds' options, and a link's file found by name in
the vault (or imported folder) as Obsidian finds attachments."""

from __future__ import annotations

import pytest

from revise.render import attachments
from revise.render.attachments import embed_options, find_by_name, is_image_name, search_folder
from tests.render.test_images import picture


@pytest.fixture(autouse=True)
def fresh_index():
    attachments._indexes.clear()  # each test's folders are new: no names kept from another
    yield
    attachments._indexes.clear()


@pytest.mark.parametrize("options, expected", [
    (None, ("", None)), ("300", ("", 300)), ("300x200", ("", 300)), (" 120 ", ("", 120)),
    ("the outline", ("the outline", None)), ("the outline|300", ("the outline", 300)),
    ("a\\|b\\|40", ("a|b", 40)),  # in a table the pipes are escaped
    ("0", ("", None)),
])
def test_embed_options_are_alt_text_and_a_width(options, expected):
    assert embed_options(options) == expected


def test_image_names_by_extension():
    assert [is_image_name(n) for n in ("a.png", "B.JPG", "c.webp", "d.svg ", "Note", "e.pdf", "f.mp3")] == [
        True, True, True, True, False, False, False]


def vault(tmp_path):
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    return root


def test_found_from_the_vault_root_then_by_name(tmp_path):
    root = vault(tmp_path)
    notes = root / "Courses" / "Geo"
    notes.mkdir(parents=True)
    flag = picture(root / "attachments" / "flag.png", (8, 8))
    assert find_by_name("attachments/flag.png", root, notes) == flag  # a path from the vault's root
    assert find_by_name("flag.png", root, notes) == flag  # a name alone: anywhere in the vault
    assert find_by_name("FLAG.png", root, notes) == flag  # Obsidian's links ignore case
    assert find_by_name("img/flag.png", root, notes) is None  # the folders it names must be there too
    assert find_by_name("../flag.png", root, notes) is None
    assert find_by_name("gone.png", root, notes) is None


def test_the_notes_own_folder_first_then_the_fewest_folders_down(tmp_path):
    root = vault(tmp_path)
    deep = picture(root / "a" / "b" / "pic.png", (8, 8))
    shallow = picture(root / "z" / "pic.png", (8, 8))
    assert find_by_name("pic.png", root, root / "notes") == shallow
    assert find_by_name("pic.png", root, root / "a" / "b") == deep


def test_hidden_folders_are_not_searched(tmp_path):
    root = vault(tmp_path)
    picture(root / ".trash" / "old.png", (8, 8))
    assert find_by_name("old.png", root, root) is None


def test_the_search_folder_is_the_vault_above_the_note_else_the_imported_folder(tmp_path):
    root = vault(tmp_path)
    (root / "Flashcards").mkdir()
    assert search_folder(root / "Flashcards" / "geo.md", str(root / "Flashcards")) == root  # imported below the vault
    plain = tmp_path / "notes"
    (plain / "sub").mkdir(parents=True)
    assert search_folder(plain / "sub" / "n.md", str(plain)) == plain
    assert search_folder(plain / "sub" / "n.md", str(plain / "sub" / "n.md")) is None  # a file imported alone
    assert search_folder(plain / "sub" / "n.md", None) is None


def test_a_picture_added_later_is_found_once_the_names_are_read_again(tmp_path, monkeypatch):
    root = vault(tmp_path)
    assert find_by_name("late.png", root, root) is None
    late = picture(root / "media" / "late.png", (8, 8))
    assert find_by_name("late.png", root, root) is None  # the names read a moment ago are kept
    clock = attachments.time.monotonic() + attachments._INDEX_SECONDS + 1
    monkeypatch.setattr(attachments.time, "monotonic", lambda: clock)
    assert find_by_name("late.png", root, root) == late
