"""Symlinks in an imported folder, made for real on disk: a loop back to an ancestor is followed once
and never loops, two links to one folder read it once, a link to a file outside is a note file."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from revise import collection
from revise.cli import app
from revise.sources.files import markdown_files
from revise.sources.sync import import_paths, sync_sources
from tests.sources.helpers import counts, snapshot


def _fronts_by_deck(db) -> list[tuple[str, str]]:
    """(deck, front) of every live card, duplicates kept: a card read twice shows twice."""
    return sorted((c["deck"], c["front"]) for c in collection.list_cards(db))


def test_a_link_back_to_an_ancestor_never_loops_and_doubles_nothing(db, notes):
    (notes / "course" / "loop").symlink_to(notes)  # notes/course/loop/course/loop/... for ever
    (notes / "course" / "self").symlink_to(notes / "course")
    report = import_paths(db, [notes])
    assert report.errors == [] and report.total("added") == 5
    assert _fronts_by_deck(db).count(("optim", "Adam combines")) == 1
    assert {deck for deck, _ in _fronts_by_deck(db)} == {"course::week1", "optim"}
    assert counts(sync_sources(db)) == {"unchanged": 5}


def test_two_links_to_one_folder_read_it_once(db, notes, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "bias.md").write_text("Bias :: error from wrong assumptions\n")
    (notes / "a").symlink_to(shared)
    (notes / "b").symlink_to(shared)
    (notes / "course" / "again").symlink_to(shared)
    import_paths(db, [notes])
    assert [deck for deck, front in _fronts_by_deck(db) if front == "Bias"] == ["a::bias"]  # first in name order
    before = snapshot(db)
    assert counts(sync_sources(db)) == {"unchanged": 6} and snapshot(db) == before


def test_a_link_into_the_folder_itself_leaves_the_cards_where_they_are(db, notes):
    (notes / "a-course").symlink_to(notes / "course")  # sorts before course/, read after it
    (notes / "alias.md").symlink_to(notes / "optim.md")  # sorts before optim.md
    import_paths(db, [notes])
    assert {deck for deck, _ in _fronts_by_deck(db)} == {"course::week1", "optim"}
    assert len(_fronts_by_deck(db)) == 5


def test_a_link_to_a_file_outside_is_a_note_and_follows_its_edits(db, notes, tmp_path):
    outside = tmp_path / "elsewhere" / "loss.md"
    outside.parent.mkdir()
    outside.write_text("Loss :: what training minimises\n")
    (notes / "loss.md").symlink_to(outside)
    import_paths(db, [notes])
    assert ("loss", "Loss") in _fronts_by_deck(db)
    outside.write_text("Loss :: what training minimises\nRisk :: expected loss\n")
    assert sync_sources(db).total("added") == 1 and ("loss", "Risk") in _fronts_by_deck(db)


def test_a_link_to_a_folder_outside_is_read_under_the_links_name(db, notes, tmp_path):
    outside = tmp_path / "library" / "stats"
    (outside / "tests").mkdir(parents=True)
    (outside / "tests" / "t.md").write_text("t-test :: compares two means\n")
    (outside / "up").symlink_to(tmp_path)  # a loop inside the linked folder too
    (notes / "stats").symlink_to(outside)
    import_paths(db, [notes])
    assert ("stats::tests::t", "t-test") in _fronts_by_deck(db)
    assert len(_fronts_by_deck(db)) == 6  # tmp_path/notes, met again through `up`, is not read twice


def test_a_symlink_that_loops_onto_itself_is_reported_not_followed(db, notes):
    (notes / "knot.md").symlink_to(notes / "knot.md")
    (notes / "knot").symlink_to(notes / "knot")
    report = import_paths(db, [notes])
    assert [e.file for e in report.errors] == [str(notes / "knot.md")]
    assert report.total("added") == 5


def test_hidden_folders_are_skipped_through_links_too(notes, tmp_path):
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.md").write_text("H :: h\n")
    (notes / "visible").symlink_to(tmp_path / ".hidden")  # the link's own name is not hidden
    (notes / ".secret").symlink_to(tmp_path / ".hidden")
    found, unreadable = markdown_files(notes)
    assert sorted(found) == [str(notes / "course" / "week1.md"), str(notes / "optim.md"), str(notes / "visible" / "h.md")]
    assert unreadable == []


def test_revise_import_and_preview_of_a_looping_folder_finish(notes):
    (notes / "course" / "loop").symlink_to(notes)
    (notes / "twin").symlink_to(notes / "course")
    imported = CliRunner().invoke(app, ["import", str(notes)])
    assert imported.exit_code == 0 and re.search(r"^Total\s+5\s", imported.output, re.M), imported.output
    assert imported.output.count("optim.md") == 1
    preview = CliRunner().invoke(app, ["preview", str(notes)])
    assert preview.exit_code == 0 and preview.output.count("Adam combines") == 1, preview.output
