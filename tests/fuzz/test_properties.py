"""The fuzz targets (tests/fuzz/targets.py) under hypothesis: note files as bytes (decoded, then
parsed) and plain-text decks of each suffix, random and shaped like the real thing. Each example
must finish within the deadline and raise nothing but a ReviseError (a refusal with a message).
The parser on text has its own properties in tests/notes/test_parser.py; Anki packages are in
tests/interop/test_anki_properties.py."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revise.errors import ReviseError
from tests.fuzz import targets
from tests.notes.test_parser import FRAGMENTS

# Generous for inputs of a few hundred bytes (they take milliseconds): only a hang or a blow-up fails it.
FAST = settings(deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])


def refused_or_read(run, *args) -> None:
    """Run a target: a ReviseError is a refusal with a message, anything else fails the test."""
    try:
        run(*args)
    except ReviseError as refusal:
        assert str(refusal).strip()


def _with_noise(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text as UTF-8, now and then with a BOM, stray bytes or a NUL spliced in (mostly not: those are refused)."""
    noise = st.sampled_from([b""] * 8 + [b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\x00", b"\xff\xfe", b"\r\n", b"\xe2\x80"])
    return st.tuples(text, noise, st.integers(0, 400)).map(
        lambda t: (lambda data: data[: t[2]] + t[1] + data[t[2]:])(t[0].encode()))


MARKDOWN = _with_noise(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map("".join))


@settings(FAST, max_examples=150)
@given(st.one_of(st.binary(max_size=300), MARKDOWN))
def test_a_note_file_of_any_bytes_is_decoded_and_parsed_or_refused(data):
    refused_or_read(targets.import_markdown, data)


# Lines of Anki's plain-text export and of spreadsheets' tables, with what breaks them.
TEXT_DECK_LINES = [
    "#separator:tab", "#separator:Comma", "#separator:Semicolon", "#separator:Pipe", "#separator:x",
    "#html:true", "#html:false", "#tags column:3", "#deck column:2", "#notetype column:1", "#guid column:1",
    "#tags column:0", "#tags column:99", "#columns:Front\tBack\tTags", "#columns:", "#notetype:Basic",
    "#deck:Geo", "# a comment", "Front\tBack", "front,back", "a;b", "a|b", "q\ta\tgeo::europe", "\t\t",
    '"quoted, with a comma",back', '"unclosed', '"a ""b""",c', "<b>bold</b>\t<i>it</i>", "<![x\ty",
    "<!--\t-->", "<img src=\"a b.png\">\tx", "[sound:a.mp3]\t\\(x^2\\)", "{{c1::x}}\t", "Basic\tDeck\tq\ta",
    "", " ", "\r", "é\t👶",
]
_ROW = st.lists(st.text(max_size=6), min_size=1, max_size=4).flatmap(
    lambda cells: st.sampled_from("\t,;|").map(lambda sep: sep.join(cells)))  # a row of random cells
_CELL = st.one_of(st.sampled_from(["<b>b</b>", "<![x", "<br>", "{{c1::x}}", "\\(x\\)", "[sound:a.mp3]", "#t", "::"]),
                  st.text(st.characters(blacklist_characters="\t\n\r\"", blacklist_categories=("Cs",)), max_size=8))
_TABLE = st.tuples(st.lists(st.sampled_from(TEXT_DECK_LINES[:16]), max_size=3), st.integers(2, 4),
                   st.lists(st.lists(_CELL, min_size=4, max_size=4), min_size=1, max_size=6)).map(
    lambda t: "\n".join(["#separator:tab", *t[0], *("\t".join(row[: t[1]]) for row in t[2])]).encode())  # well formed
TEXT_DECK = _TABLE | _with_noise(st.lists(st.one_of(st.sampled_from(TEXT_DECK_LINES), _ROW), max_size=14).map("\n".join))


@settings(FAST, max_examples=120, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), TEXT_DECK), st.sampled_from(targets.TEXT_SUFFIXES))
def test_a_text_deck_of_any_bytes_and_suffix_is_read_or_refused(tmp_path, data, suffix):
    refused_or_read(targets.import_text_deck, data, suffix, tmp_path)
