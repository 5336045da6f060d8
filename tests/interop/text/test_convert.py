"""Plain-text decks → the import model: Markdown fields, card kinds, ids that find the same note
again, and Markdown files that read back as exactly those cards."""

from __future__ import annotations

import pytest

from revise.interop.folder import deck_files
from revise.interop.text.convert import field_markdown, read_deck
from tests.interop.text.anki_text import add_note, add_samples, anki_collection, export_text


@pytest.fixture
def anki_file(tmp_path):
    col = anki_collection(tmp_path / "anki")
    add_samples(col)
    yield lambda **options: export_text(col, tmp_path / "notes.txt", **options)
    col.close()


def test_an_anki_export_as_notes(anki_file):
    deck = read_deck(anki_file())
    assert [(n.kind, n.deck, sorted(c.ord for c in n.cards)) for n in deck.notes] == [
        ("basic", "Lang::French", [0]), ("reversed", "Lang::French", [0, 1]), ("reversed", "Lang", [0, 1]),
        ("basic", "Lang", [0]), ("cloze", "Default", [1, 2])]
    basic, cloze = deck.notes[0], deck.notes[4]
    assert (basic.front, basic.tags) == ("What is **bold**?", ("grammar", "lang::fr"))
    assert basic.back.splitlines()[0].rstrip() == "one" and basic.back.splitlines()[1].startswith("two")
    assert (cloze.front, cloze.back) == ("The {{c1::sigmoid}} squashes z into {{c2::(0, 1)::an interval}}", "*logistic*")
    assert all(n.id.startswith("anki-") for n in deck.notes) and deck.warnings == []


def test_the_markdown_files_read_back_as_the_cards(anki_file):
    """`deck_files` parses what it writes and refuses a note that does not come back as its cards."""
    files = deck_files(read_deck(anki_file()))
    assert sorted(files) == ["Default.md", "Lang.md", "Lang/French.md"]
    assert "chat\n?? #animals <!-- id: anki-" in files["Lang/French.md"].decode()


def test_without_guids_the_ids_come_from_the_front(anki_file, tmp_path):
    first = read_deck(anki_file(with_guid=False, with_deck=False))
    again = read_deck(tmp_path / "notes.txt")
    assert [n.id for n in first.notes] == [n.id for n in again.notes]
    assert all(n.id.startswith("text-") for n in first.notes) and len({n.id for n in first.notes}) == 5
    assert {n.deck for n in first.notes} == {"notes"}  # no deck column: the file's name


def test_a_front_met_twice_gets_its_own_id(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("bank\triver side\nbank\tmoney place\n", encoding="utf-8")
    ids = [n.id for n in read_deck(path).notes]
    assert ids[1] == ids[0] + "-2"


def test_plain_text_fields_are_shown_as_written(tmp_path):
    path = tmp_path / "maths.csv"
    path.write_text('#separator:comma\n#html:false\n2*3 and a_b,"six, <b>not bold</b>"\n', encoding="utf-8")
    (note,) = read_deck(path).notes
    assert (note.front, note.back) == ("2\\*3 and a\\_b", "six, <b>not bold</b>")
    assert field_markdown("a<br>b", True) == "a  \nb" and field_markdown("x &amp; y", True) == "x & y"


def test_a_spreadsheet_keeps_its_extra_columns_on_the_back(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Word,Meaning,Example,Tags\nHund,dog,Der Hund bellt.,animals\nKatze,cat,,\n", encoding="utf-8")
    deck = read_deck(path)
    assert [(n.front, n.back, n.tags) for n in deck.notes] == [
        ("Hund", "dog\n\nExample: Der Hund bellt.", ("animals",)), ("Katze", "cat", ())]


def test_a_note_type_revise_does_not_know(tmp_path):
    col = anki_collection(tmp_path / "anki")
    custom = col.models.copy(col.models.by_name("Basic (optional reversed card)"))
    custom["name"] = "Vocabulary"
    col.models.update_dict(custom)
    add_note(col, "Vocabulary", {"Front": "Hund", "Back": "dog", "Add Reverse": "der"})
    deck = read_deck(export_text(col, tmp_path / "n.txt"))
    col.close()
    (note,) = deck.notes
    assert (note.kind, note.front, note.back) == ("basic", "Hund", "dog\n\nder")
    assert deck.warnings == ["1 note of a note type revise does not know (Vocabulary): the first field is the "
                             "front, the others the back"]
