"""Writing a deck under a folder: safe names, nothing overwritten without force, nothing half-written."""

from __future__ import annotations

import pytest

from revise.errors import ReviseError
from revise.interop.deck import ImportedDeck
from revise.interop.folder import deck_files, safe_name, write_files
from tests.interop.helpers import note


def test_safe_names():
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"  # one name: no separator left
    assert safe_name("a:b*c?.png") == "a_b_c_.png"
    assert safe_name("CON.txt") == "CON_.txt"
    assert safe_name("...", "deck") == "deck"
    assert len(safe_name("x" * 300 + ".png")) == 100


def test_one_file_per_deck_in_folders_for_subdecks():
    deck = ImportedDeck([note("basic", "q", "a", deck="A::B", id="anki-1"), note("basic", "q2", "a2", deck="A", id="anki-2"),
                         note("basic", "q3", "a3", deck="a::b", id="anki-3")], {"x/y.png": b"1"})
    assert sorted(deck_files(deck)) == ["A.md", "A/B.md", "a/b (2).md", "media/x_y.png"]


def test_other_content_is_not_overwritten_without_force(tmp_path):
    files = {"A.md": b"new", "media/p.png": b"png"}
    (tmp_path / "A.md").write_bytes(b"mine")
    with pytest.raises(ReviseError, match="--force"):
        write_files(tmp_path, files)
    assert (tmp_path / "A.md").read_bytes() == b"mine" and not (tmp_path / "media").exists()  # nothing written
    done = write_files(tmp_path, files, force=True)
    assert (tmp_path / "A.md").read_bytes() == b"new" and sorted(done.written) == ["A.md", "media/p.png"]
    assert write_files(tmp_path, files).unchanged == ["A.md", "media/p.png"]  # the same content again: fine


def test_a_symlink_in_the_folder_is_never_written_through(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("keep")
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "A.md").symlink_to(outside)
    with pytest.raises(ReviseError):
        write_files(tmp_path / "deck", {"A.md": b"x"}, force=True)
    assert outside.read_text() == "keep"
