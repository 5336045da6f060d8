"""Our notes → Anki's plain-text format, read back by the real Anki library (26.9): the same notes,
note types, decks, tags and cards."""

from __future__ import annotations

import pytest

from revise.collection import open_collection
from revise.errors import ReviseError
from revise.interop.anki_export.notes import note_guid
from revise.interop.text.export import HEADER, cell, export_text
from revise.sources import import_paths
from tests.interop.text.anki_text import anki_collection, anki_notes

NOTES = """---
deck: Lang::French
tags: [vocab]
---
# Words

Q: What is **bold**, with a tab\tand "quotes"?
A: One line
and a second, with $x_1^2$ math. #grammar/verbs

chat ::: cat

The {{c1::sigmoid}} squashes z into {{c2::(0, 1)::an interval}}.

C: The [mitochondria] is the [powerhouse].
"""


@pytest.fixture
def db(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "french.md").write_text(NOTES, encoding="utf-8")
    db = open_collection(tmp_path / "revise.db")
    import_paths(db, [tmp_path / "notes"])
    return db


def import_into_anki(col, path) -> int:
    """Anki's own import of a plain-text file, with the metadata Anki reads from its header."""
    from anki.import_export_pb2 import ImportCsvRequest

    metadata = col.get_csv_metadata(path=str(path), delimiter=None)
    return len(col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log.new)


def test_anki_imports_the_same_notes(db, tmp_path):
    out = tmp_path / "french.txt"
    report = export_text(db, out)
    assert (report.notes, report.cards, report.decks, report.format) == (4, 7, 1, "csv")
    assert out.read_text(encoding="utf-8").startswith(HEADER)
    col = anki_collection(tmp_path / "anki")
    assert import_into_anki(col, out) == 4
    notes = anki_notes(col)
    col.close()
    assert [(n["notetype"], n["deck"], n["cards"]) for n in notes] == [
        ("Basic", "Lang::French", 1), ("Basic (and reversed card)", "Lang::French", 2),
        ("Cloze", "Lang::French", 2), ("Cloze", "Lang::French", 2)]
    basic, reversed_, cloze, brackets = (n["fields"] for n in notes)
    assert basic[0] == 'What is <strong>bold</strong>, with a tab    and "quotes"?'  # Python-Markdown expands tabs
    assert basic[1] == "One line\nand a second, with \\(x_1^2\\) math."
    assert reversed_ == ["chat", "cat"]
    assert cloze[0] == "The {{c1::sigmoid}} squashes z into {{c2::(0, 1)::an interval}}."
    assert brackets[0] == "The {{c1::mitochondria}} is the {{c2::powerhouse}}."
    assert notes[0]["tags"] == ["grammar::verbs", "vocab"] and notes[1]["tags"] == ["vocab"]


def test_only_a_deck_and_the_file_replaced_whole(db, tmp_path):
    (tmp_path / "notes" / "other.md").write_text("---\ndeck: Other\n---\nup :: down\n", encoding="utf-8")
    import_paths(db, [tmp_path / "notes"])
    out = tmp_path / "other.csv"
    out.write_text("old content", encoding="utf-8")
    assert export_text(db, out, deck="Other").notes == 1
    guid = note_guid(next(db.query("SELECT id, created_at FROM notes WHERE deck = 'Other'")))
    assert out.read_text(encoding="utf-8").splitlines()[6:] == [f"{cell(guid)}\tBasic\tOther\tup\tdown\t"]
    assert not list(tmp_path.glob(".other.csv*"))


def test_what_cannot_be_exported(db, tmp_path):
    with pytest.raises(ReviseError, match="cannot write .*missing/out.txt"):
        export_text(db, tmp_path / "missing" / "out.txt")
    with pytest.raises(ReviseError, match="no cards to export in deck 'Nope'"):
        export_text(db, tmp_path / "out.txt", deck="Nope")
    with pytest.raises(ReviseError, match="holds no review history — export to OUT.apkg"):
        export_text(db, tmp_path / "out.txt", with_history=True)
    assert not (tmp_path / "out.txt").exists()


def test_cells_are_quoted_as_anki_quotes_them():
    assert [cell(t) for t in ("plain", "a\tb", 'say "hi"', "two\nlines", "#not a comment", "a#b")] == [
        "plain", '"a\tb"', '"say ""hi"""', '"two\nlines"', '"#not a comment"', "a#b"]


def test_exported_again_anki_updates_the_notes(db, tmp_path):
    """The guids stay the notes': importing a second export adds nothing to Anki."""
    col = anki_collection(tmp_path / "anki")
    assert import_into_anki(col, export_text(db, tmp_path / "one.txt").path) == 4
    assert import_into_anki(col, export_text(db, tmp_path / "two.txt").path) == 0
    assert len(col.find_notes("")) == 4
    col.close()
