"""The header of a plain-text deck, read as Anki reads it, and the separator sniffed without one."""

from __future__ import annotations

import pytest

from revise.interop.text.metadata import read_header, separator_named, sniff_separator, split_columns


@pytest.mark.parametrize(
    ("value", "separator"),
    [("tab", "\t"), (" Comma ", ","), ("SEMICOLON", ";"), ("Space", " "), ("pipe", "|"), ("colon", ":"),
     (";", ";"), ("\\t", "\t"), ("\t", "\t"), ("~", "~"), ("tabs", None), ('"', None), ("", None)],
)
def test_separator_names(value, separator):
    assert separator_named(value) == separator


def test_header_lines_as_anki_reads_them():
    meta = read_header(["#separator:Pipe", "#HTML: TRUE", "# Tags Column :4", "#deck column:x",
                        "#guid column:1", "#unknown:thing", "#columns:Front|Back|Extra", "a|b|c|d"])
    assert (meta.separator, meta.html, meta.tags_column, meta.deck_column, meta.guid_column) == ("|", True, 4, 0, 1)
    assert meta.lines == 7 and meta.anki
    split_columns(meta)
    assert meta.columns == ["Front", "Back", "Extra"]
    assert meta.meta_columns() == {1, 4}


def test_a_value_anki_cannot_read_is_ignored():
    meta = read_header(["#separator:Comma", "#separator:nonsense", "#html:maybe", "#notetype:  ", "x,y"])
    assert (meta.separator, meta.html, meta.notetype, meta.lines) == (",", None, None, 4)


def test_no_header_and_a_comment_without_a_key():
    assert read_header(["front,back"]).lines == 0 and not read_header(["front,back"]).anki
    meta = read_header(["# exported by hand", "front,back"])
    assert meta.lines == 1 and not meta.anki  # a comment, but no header line Anki reads


@pytest.mark.parametrize(
    ("body", "separator"),
    [("a\tb, c\nd\te, f\n", "\t"), ("a,b\nc,d\n", ","), ("a;b,c\nd;e\n", ";"), ("a|b\nc|d\n", "|"),
     ('"a, b";c\n"d";e\n', ";"), ("a b\nc d\n", None), ("a,b\nc\n", None), ("", None)],
)
def test_sniffing_wants_even_rows_of_two_or_more(body, separator):
    assert sniff_separator(body) == separator
