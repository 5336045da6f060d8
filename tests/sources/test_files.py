"""Finding, reading and decoding note files: decks named from paths, hidden and non-Markdown files,
bad bytes, files and folders that are gone or cannot be read, Obsidian vaults."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from revise import collection
from revise.sources.files import MAX_NOTE_BYTES, default_deck
from revise.sources.sync import import_paths, sync_sources
from tests.sources.helpers import cards, counts, rewrite, snapshot


def test_a_single_file_is_its_own_deck(db, notes):
    import_paths(db, [notes / "course" / "week1.md"])
    assert {c["deck"] for c in collection.list_cards(db)} == {"week1"}


def test_default_deck_names():
    assert default_deck(Path("/n/a/b/c.md"), Path("/n")) == "a::b::c"
    assert default_deck(Path("/n/c.md"), Path("/n/c.md")) == "c"


def test_sync_picks_up_new_files_and_skips_hidden_folders(db, notes):
    import_paths(db, [notes])
    (notes / "new.md").write_text("Bias :: error from wrong assumptions\n")
    (notes / ".trash").mkdir()
    (notes / ".trash" / "old.md").write_text("Hidden :: never imported\n")
    report = sync_sources(db)
    assert (report.total("added"), report.parsed) == (1, 1)
    assert "Hidden" not in cards(db)


def test_md_and_markdown_files_in_any_case_are_notes(db, tmp_path):
    for name in ("A.MD", "b.markdown", "C.Markdown", "d.txt", "e.mdx"):
        (tmp_path / name).write_text(f"{name} :: card\n")
    import_paths(db, [tmp_path])
    assert {c["front"]: c["deck"] for c in collection.list_cards(db)} == {"A.MD": "A", "b.markdown": "b", "C.Markdown": "C"}


def test_a_folder_imported_through_a_symlink_is_the_same_source(db, notes, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(notes)
    import_paths(db, [notes])
    before = snapshot(db)
    report = import_paths(db, [link])
    assert counts(report) == {"unchanged": 5} and report.parsed == 0
    assert snapshot(db) == before
    assert counts(import_paths(db, [link / "optim.md"])) == {"unchanged": 1}
    assert counts(sync_sources(db)) == {"unchanged": 5}


def test_a_bom_is_not_part_of_the_first_card(db, tmp_path):
    (tmp_path / "bom.md").write_bytes("\ufeffLoss :: what training minimises\n".encode())
    import_paths(db, [tmp_path / "bom.md"])
    assert "Loss" in cards(db)


BAD_FILES = {
    "invalid UTF-8": (b"Caf\xe9 :: coffee\n", "not valid UTF-8"),
    "binary": (b"PK\x03\x04\x00\x00binary", "binary file"),
    "UTF-16": ("Caf\u00e9 :: coffee\n".encode("utf-16"), "UTF-16 text — save it as UTF-8 and import it again"),
    "UTF-16 big-endian": (b"\xfe\xff" + "a :: b\n".encode("utf-16-be"), "UTF-16 text — save it as UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_an_error_and_the_others_still_import(db, notes, case):
    import_paths(db, [notes])
    before = snapshot(db)
    content, message = BAD_FILES[case]
    (notes / "bad.md").write_bytes(content)
    report = sync_sources(db)
    assert [(e.file, message in e.message) for e in report.errors] == [(str(notes / "bad.md"), True)]
    assert snapshot(db) == before
    (notes / "good.md").write_text("Bias :: error from wrong assumptions\n")
    report = sync_sources(db)
    assert len(report.errors) == 1 and "Bias" in cards(db)


def test_file_over_the_size_limit_is_skipped_with_a_warning(db, notes):
    import_paths(db, [notes])
    before = snapshot(db)
    with (notes / "big.md").open("wb") as out:
        out.truncate(MAX_NOTE_BYTES + 1)  # NUL bytes: had it been read, it would be an error (a binary file)
    report = sync_sources(db)
    assert report.errors == [] and [(w.file, w.line) for w in report.warnings] == [(str(notes / "big.md"), 1)]
    assert report.warnings[0].message == ("skipped: 10.0 MB, over the 10 MB limit for a note file — split it into "
                                          "smaller notes, or raise max_note_size_mb in config.toml")
    assert snapshot(db) == before


def test_the_size_limit_is_a_setting_and_a_skipped_file_keeps_its_cards(db, notes):
    week1 = notes / "course" / "week1.md"
    import_paths(db, [notes])
    size = week1.stat().st_size
    assert sync_sources(db, max_note_bytes=size).warnings == []  # at the limit: read
    before = snapshot(db)
    rewrite(week1, week1.read_text() + "\nNew :: card past the limit\n")
    report = sync_sources(db, max_note_bytes=size)
    assert [w.file for w in report.warnings] == [str(week1)] and "New" not in cards(db)
    assert snapshot(db) == before  # not retired: skipped, as it was
    assert sync_sources(db, max_note_bytes=size + 100).warnings == [] and "New" in cards(db)


def test_unreadable_file_is_an_error(db, notes):
    import_paths(db, [notes])
    before = snapshot(db)
    (notes / "dangling.md").symlink_to(notes / "nowhere.md")
    report = import_paths(db, [notes])
    assert [e.file for e in report.errors] == [str(notes / "dangling.md")]
    assert "cannot read it" in report.errors[0].message
    assert snapshot(db) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_file_without_read_permission_is_an_error(db, notes):
    (notes / "secret.md").write_text("Key :: value\n")
    (notes / "secret.md").chmod(0)
    report = import_paths(db, [notes])
    assert "cannot read it (Permission denied)" in report.errors[0].message
    assert len(cards(db)) == 5


def test_missing_path_and_folder_without_markdown_are_errors(db, notes, tmp_path):
    import_paths(db, [notes])
    before = snapshot(db)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("not a note")
    report = import_paths(db, [tmp_path / "missing", tmp_path / "empty"])
    messages = [e.message for e in report.errors]
    assert "no such file or folder" in messages[0] and "no Markdown" in messages[1]
    assert snapshot(db) == before


def test_missing_imported_folder_is_an_error_not_a_mass_retirement(db, notes, tmp_path):
    import_paths(db, [notes])
    notes.rename(tmp_path / "elsewhere")
    report = sync_sources(db)
    assert "imported folder is gone" in report.errors[0].message
    assert len(cards(db)) == 5
    report = sync_sources(db, forget_missing=True)
    assert (report.errors, report.total("retired"), cards(db)) == ([], 5, {})
    assert collection.source_rows(db) == {}


OBSIDIAN = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "obsidian"


def test_an_obsidian_vault_gives_the_cards_its_plugin_gives(db):
    report = import_paths(db, [OBSIDIAN])
    assert {Path(f.file).name: f.added for f in report.files} == {
        "Biology.md": 10, "Chemistry.md": 7, "Daily.md": 0, "Inbox.md": 0, "Unlabelled.md": 0,
    }
    assert report.errors == [] and report.warnings == []
    assert not any("status" in c["front"] or "mood" in c["front"] for c in collection.list_cards(db))


def test_a_vault_with_no_tagged_note_is_an_error_that_says_why(db, tmp_path):
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "daily.md").write_text("status:: done\nmood:: 7\n")
    (vault / "cards.md").write_text("Capital of France::Paris\n")
    report = import_paths(db, [vault])
    assert [(e.file, e.message) for e in report.errors] == [(str(vault), (
        "no card in this Obsidian vault: as its Spaced Repetition plugin does, revise reads only the notes "
        "tagged #flashcards (or a subtag) — tag the notes that hold your flashcards, written in a card syntax "
        "(docs/cards.md: `front::back`, `Q:`/`A:`, clozes); `revise preview` shows what they give"))]
    (vault / "daily.md").write_text("#flashcards\n\nstatus: done\n")  # tagged, but no card in it: the same error
    assert [e.message.split(":")[0] for e in import_paths(db, [vault]).errors] == ["no card in this Obsidian vault"]
    assert cards(db) == {}
    rewrite(vault / "cards.md", "#flashcards\n\nCapital of France::Paris\n")
    report = sync_sources(db)
    assert (counts(report), report.errors) == ({"added": 1}, [])


def test_a_vault_takes_its_flashcard_tags_from_the_plugin_settings(db, tmp_path):
    vault = tmp_path / "vault"
    plugin = vault / ".obsidian" / "plugins" / "obsidian-spaced-repetition"
    plugin.mkdir(parents=True)
    (plugin / "data.json").write_text(json.dumps({"settings": {"flashcardTags": ["#srs", "#cards"]}}))
    (vault / "sub").mkdir()
    (vault / "sub" / "a.md").write_text("#cards/geo\n\nCapital of France::Paris\n")
    (vault / "b.md").write_text("#flashcards\n\nCapital of Spain::Madrid\n")
    import_paths(db, [vault / "sub"])
    assert list(cards(db)) == ["Capital of France"]
    import_paths(db, [vault])
    assert list(cards(db)) == ["Capital of France"]
