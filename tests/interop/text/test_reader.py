"""Reading plain-text decks: Anki's own "Notes in Plain Text" exports (made at test time by the real
Anki library), Quizlet-style and spreadsheet tables, and the files that are neither."""

from __future__ import annotations

import csv

import pytest

from revise.errors import ReviseError
from revise.interop.text import read_text_deck
from tests.interop.text.anki_text import add_note, add_samples, anki_collection, export_text


@pytest.fixture
def samples(tmp_path):
    """An Anki collection holding the sample notes."""
    col = anki_collection(tmp_path / "anki")
    add_samples(col)
    yield col
    col.close()


def test_anki_export_with_every_column(samples, tmp_path):
    deck = read_text_deck(export_text(samples, tmp_path / "notes.txt"))
    assert (deck.anki, deck.html, deck.separator) == (True, True, "\t")
    kinds = [(n.notetype, n.kind, n.deck) for n in deck.notes]
    assert kinds == [
        ("Basic", "basic", "Lang::French"), ("Basic (and reversed card)", "reversed", "Lang::French"),
        ("Basic (optional reversed card)", "reversed", "Lang"),  # "Add Reverse" filled: two cards
        ("Basic (optional reversed card)", "basic", "Lang"), ("Cloze", "cloze", "Default"),
    ]
    basic, cloze = deck.notes[0], deck.notes[4]
    assert basic.fields[:2] == ["What is <b>bold</b>?", 'one<br>two, "quoted"\tand a tab']
    assert basic.tags == ["grammar", "lang::fr"] and deck.notes[1].tags == ["animals"]
    assert cloze.fields[:2] == ["The {{c1::sigmoid}} squashes z into {{c2::(0, 1)::an interval}}", "<i>logistic</i>"]
    guids = {samples.get_note(nid).guid for nid in samples.find_notes("")}
    assert {n.guid for n in deck.notes} == guids
    assert [n.line for n in deck.notes] == [7, 8, 9, 10, 11] and deck.warnings == []


def test_anki_export_without_any_column(samples, tmp_path):
    """Only fields, as text: the kind is lost except a cloze (its deletions show), the deck is unknown."""
    deck = read_text_deck(export_text(samples, tmp_path / "notes.txt", with_html=False, with_tags=False,
                                      with_deck=False, with_notetype=False, with_guid=False))
    assert deck.html is False
    assert [n.kind for n in deck.notes] == ["basic", "basic", "basic", "basic", "cloze"]
    assert deck.notes[0].fields[:2] == ["What is bold?", 'one two, "quoted"\tand a tab']
    assert {(n.deck, n.guid, tuple(n.tags)) for n in deck.notes} == {(None, None, ())}


@pytest.mark.parametrize("column", ["tags", "deck", "notetype", "guid"])
def test_anki_export_with_one_column(samples, tmp_path, column):
    """Each column of the export dialog alone lands in its place; the fields stay the fields."""
    options = {f"with_{name}": name == column for name in ("tags", "deck", "notetype", "guid")}
    deck = read_text_deck(export_text(samples, tmp_path / "notes.txt", **options))
    first = deck.notes[0]
    assert first.fields[0] == "What is <b>bold</b>?"
    assert (first.tags == ["grammar", "lang::fr"]) == (column == "tags")
    assert (first.deck == "Lang::French") == (column == "deck")
    assert (first.notetype == "Basic") == (column == "notetype")
    assert (first.guid is not None) == (column == "guid")
    assert deck.notes[1].kind == ("reversed" if column == "notetype" else "basic")


def test_anki_export_with_html_off_keeps_the_text(samples, tmp_path):
    deck = read_text_deck(export_text(samples, tmp_path / "notes.txt", with_html=False))
    assert deck.html is False and deck.notes[4].fields[1] == "logistic"


def test_global_header_lines(tmp_path):
    """`#notetype:`, `#deck:`, `#tags:` and `#columns:` apply to every row; other `#` lines are comments."""
    path = tmp_path / "deck.txt"
    path.write_text("#separator:Semicolon\n#html:false\n#notetype:Basic (and reversed card)\n#deck:Words\n"
                    "#tags:vocab fr\n#columns:Front;Back;Tags\n#a comment\nchat;cat;animal\n# another\n"
                    "chien;dog;\n", encoding="utf-8")
    deck = read_text_deck(path)
    assert [(n.fields[:2], n.kind, n.deck, n.tags) for n in deck.notes] == [
        (["chat", "cat"], "reversed", "Words", ["vocab", "fr", "animal"]),
        (["chien", "dog"], "reversed", "Words", ["vocab", "fr"]),
    ]


def test_legacy_tags_line_and_separator_character(tmp_path):
    path = tmp_path / "old.txt"
    path.write_text("tags:old imported\n#separator:|\nfront|back, with a comma\n", encoding="utf-8")
    (note,) = read_text_deck(path).notes
    assert (note.fields, note.tags) == (["front", "back, with a comma"], ["old", "imported"])


def test_a_header_row_needs_a_front_and_a_back_label(tmp_path):
    path = tmp_path / "deck.csv"
    path.write_text("Term,Definition\na,b\n", encoding="utf-8")
    assert [n.fields for n in read_text_deck(path).notes] == [["a", "b"]]
    path.write_text("a,Definition\nb,c\n", encoding="utf-8")  # "a" is no front label here: a card
    assert [n.fields for n in read_text_deck(path).notes] == [["a", "Definition"], ["b", "c"]]


def test_quizlet_export(tmp_path):
    """Quizlet's export: term, a tab, definition; a row a line; no quoting, no header."""
    path = tmp_path / "quizlet.txt"
    path.write_text("la pomme\tthe apple\nle chat\tthe cat (a small, furry pet)\nêtre\tto be\n", encoding="utf-8")
    deck = read_text_deck(path)
    assert (deck.anki, deck.html, deck.separator) == (False, False, "\t")
    assert [n.fields for n in deck.notes][1] == ["le chat", "the cat (a small, furry pet)"]
    assert {n.kind for n in deck.notes} == {"basic"}


def test_a_separator_at_each_line_end(tmp_path):
    """A trailing tab on every row (as some tools write) makes an empty column, not a third one."""
    path = tmp_path / "docker.csv"
    path.write_text("docker login\tLog into the Docker Hub\t\ndocker pull [image]\tPull an image\t\n", encoding="utf-8")
    assert [n.fields for n in read_text_deck(path).notes][1] == ["docker pull [image]", "Pull an image"]


def test_quizlet_comma_export(tmp_path):
    path = tmp_path / "quizlet.csv"
    path.write_text("photosynthesis,how plants make sugar\nmitosis,cell division\n", encoding="utf-8")
    assert [n.fields for n in read_text_deck(path).notes] == [
        ["photosynthesis", "how plants make sugar"], ["mitosis", "cell division"]]


@pytest.mark.parametrize("separator", [",", ";"])
def test_spreadsheet_with_a_header_row(tmp_path, separator):
    """A spreadsheet's CSV (Excel writes `;` where `,` is the decimal comma): quoted cells, a line
    break inside one, a header row naming the columns (which is no card)."""
    path = tmp_path / "sheet.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:  # Excel's "CSV UTF-8" has a BOM
        writer = csv.writer(out, delimiter=separator)
        writer.writerows([["Question", "Answer", "Tags", "Example"],
                          ["What is 2, 3?", 'two numbers; "a pair"', "maths sets", "x"],
                          ["Line break", "first\nsecond", "", ""]])
    deck = read_text_deck(path)
    assert deck.separator == separator and len(deck.notes) == 2
    first, second = deck.notes
    assert first.fields == ["What is 2, 3?", 'two numbers; "a pair"', "x"]
    assert first.labels == ["Question", "Answer", "Example"] and first.tags == ["maths", "sets"]
    assert (second.line, second.fields[1]) == (3, "first\nsecond")


def test_separator_option_wins(tmp_path):
    path = tmp_path / "colon.txt"
    path.write_text("left:right\nup:down\n", encoding="utf-8")
    with pytest.raises(ReviseError, match="one column.*--separator"):
        read_text_deck(path)
    assert [n.fields for n in read_text_deck(path, separator="colon").notes] == [["left", "right"], ["up", "down"]]
    assert read_text_deck(path, separator=":").separator == ":"


def test_html_is_sniffed_without_a_header(tmp_path):
    path = tmp_path / "html.tsv"
    path.write_text("a<br>b\tc\nx &lt; y\tz\n", encoding="utf-8")
    assert read_text_deck(path).html is True
    path.write_text("a < b\tc\nx\ty\n", encoding="utf-8")
    assert read_text_deck(path).html is False


def test_rows_without_a_front_are_warnings(tmp_path):
    path = tmp_path / "deck.tsv"
    path.write_text("left\tright\n\tno front\n", encoding="utf-8")
    deck = read_text_deck(path, shown="deck.tsv")
    assert len(deck.notes) == 1 and deck.warnings == ["deck.tsv:2: the first field is empty; no card"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just one column\nper line\n", r"deck\.csv: one column \(line 1 has no tab.*expected rows of front and back"),
        ("a,b\nc,d,e\nf,g\n", r"deck\.csv:2: 3 columns where line 1 has 2; quote a cell"),
        ("a,b,c\nd,e,f\n", r"deck\.csv:1: 3 columns and no header row; expected two \(front, back\)"),
        ('a,"b\nc,d\n', r"deck\.csv:1: a quoted cell is never closed"),
        ("", r"deck\.csv: no notes in it \(expected rows of front and back"),
        ("#separator:comma\n#html:false\n", r"deck\.csv: no notes in it"),
        ("Front,Back\n", r"deck\.csv: no note with a card in it \(only a header row\)"),
        ("#separator:comma\n,x\n,y\n", r"deck\.csv: no note with a card in it \(deck\.csv:2: the first field"),
        ("#separator:tab\n#tags column:1\n#deck column:2\nt\td\n", r"deck\.csv: every column is a guid"),
    ],
)
def test_neither_format_is_an_error(tmp_path, text, message):
    path = tmp_path / "deck.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviseError, match=message):
        read_text_deck(path, shown="deck.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04\x14\x00\x00\x00", r"deck\.csv: a binary file, not a plain-text deck"),
        (b"front,back\x00\x01\x02", r"deck\.csv: a binary file"),
        (b"front,back\nd\xe9j\xe0,vu\n", r"deck\.csv:2: not UTF-8 text; save the deck as UTF-8"),
    ],
)
def test_bytes_that_are_not_a_text_deck(tmp_path, data, message):
    path = tmp_path / "deck.csv"
    path.write_bytes(data)
    with pytest.raises(ReviseError, match=message):
        read_text_deck(path, shown="deck.csv")


def test_a_missing_file_and_a_bad_separator_option(tmp_path):
    with pytest.raises(ReviseError, match="cannot read .*gone.csv"):
        read_text_deck(tmp_path / "gone.csv")
    (tmp_path / "d.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ReviseError, match=r"--separator 'ab': give one character or a name \(tab, pipe"):
        read_text_deck(tmp_path / "d.csv", separator="ab")


def test_an_anki_notetype_we_do_not_know(tmp_path):
    col = anki_collection(tmp_path / "anki")
    add_note(col, "Basic (type in the answer)", {"Front": "2+2", "Back": "4"})
    models = col.models
    custom = models.copy(models.by_name("Basic"))
    custom["name"] = "Vocabulary"
    models.update_dict(custom)
    add_note(col, "Vocabulary", {"Front": "Hund", "Back": "dog"})
    deck = read_text_deck(export_text(col, tmp_path / "n.txt"))
    col.close()
    assert [(n.notetype, n.kind) for n in deck.notes] == [("Basic (type in the answer)", "basic"), ("Vocabulary", "other")]
