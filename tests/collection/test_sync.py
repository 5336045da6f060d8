"""The writes of import and sync: sources remembered, notes and cards written, matched and retired."""

from __future__ import annotations

import json

from sqlite_utils import Database

from revise.collection.cards import list_cards
from revise.collection.migrations import migrations
from revise.collection.sync import forget_sources, note_records, save_card_counts, save_sources, source_rows
from revise.identity import group_notes
from revise.notes import ParsedCard
from tests.collection.syncing import NOW, parsed, sync


def test_sources_are_remembered_refreshed_and_forgotten(db):
    row = dict(path="/n/a.md", root="/n", size=10, mtime_ns=1, hash="h1", synced_at=NOW)
    save_sources(db, [row])
    save_sources(db, [{**row, "hash": "h2"}])
    assert source_rows(db)["/n/a.md"]["hash"] == "h2"
    forget_sources(db, ["/n/a.md"])
    assert source_rows(db) == {}


def test_new_notes_get_cards_per_ord_and_records_round_trip(db):
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)) + parsed("plain"))
    records = note_records(db, ["/n/a.md"], [], [])
    assert sorted((r.kind, sorted(r.cards)) for r in records) == [("basic", [0]), ("cloze", [1, 2])]
    assert all(r.source == "/n/a.md" and not r.retired for r in records)


def test_note_records_finds_notes_elsewhere_by_key(db):
    sync(db, "/n/a.md", parsed("plain", file="/n/a.md"))
    key = group_notes(parsed("plain", file="/n/b.md"))[0].key
    assert [r.source for r in note_records(db, ["/n/b.md"], [key], [])] == ["/n/a.md"]


def test_vanished_ord_retires_only_that_card_and_returns_later(db):
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)))
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1,)))
    assert [c["ord"] for c in list_cards(db)] == [1]
    assert [c["ord"] for c in list_cards(db, include_retired=True)] == [1, 2]
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)))
    assert [c["ord"] for c in list_cards(db)] == [1, 2]


def test_note_records_looks_elsewhere_for_a_key_used_more_often_than_the_file_holds_it(db):
    sync(db, "/n/a.md", parsed("plain", file="/n/a.md"))
    sync(db, "/n/b.md", parsed("plain", file="/n/b.md"), settled=("/n/a.md",))
    key = group_notes(parsed("plain", file="/n/b.md"))[0].key
    assert [r.source for r in note_records(db, ["/n/b.md"], [key], [])] == ["/n/b.md"]
    assert sorted(r.source for r in note_records(db, ["/n/b.md"], [key, key], [])) == ["/n/a.md", "/n/b.md"]


def test_unchanged_notes_are_not_rewritten(db):
    sync(db, "/n/a.md", parsed("one") + parsed("two"))
    db.conn.execute("UPDATE notes SET updated_at = 'earlier'")
    sync(db, "/n/a.md", parsed("one") + parsed("two", tags=("new-tag",)))
    rows = dict(db.conn.execute("SELECT text, updated_at FROM notes").fetchall())
    assert rows == {"one :: back": "earlier", "two :: back": "earlier"}
    assert [c["tags"] for c in list_cards(db)] == ["[]", '["new-tag"]']


def test_tags_and_headings_are_stored_as_json_dumps_writes_them(db):
    awkward = ("Größe “x”", 'quote " and \\ slash', "tab\tand\u2028line", "")
    cards = [ParsedCard(kind="basic", front="f", back="b", note_text="f :: b", ord=0, file="/n/a.md", line=1,
                        deck="a", tags=awkward[:2], headings=awkward)]
    sync(db, "/n/a.md", cards)
    tags, headings = db.execute("SELECT tags, headings FROM notes").fetchone()
    assert tags == json.dumps(list(awkward[:2]), ensure_ascii=False)
    assert headings == json.dumps(list(awkward), ensure_ascii=False)
    assert json.loads(headings) == list(awkward)


def test_a_refreshed_source_keeps_its_card_count(db):
    row = dict(path="/n/a.md", root="/n", size=10, mtime_ns=1, hash="h1", synced_at=NOW)
    save_sources(db, [row])
    save_card_counts(db, {"/n/a.md": 3, "/n/unknown.md": 1})
    save_sources(db, [{**row, "mtime_ns": 2}])
    assert [(r["path"], r["mtime_ns"], r["cards"]) for r in source_rows(db).values()] == [("/n/a.md", 2, 3)]


def test_the_card_counts_of_a_collection_from_before_them_are_filled_in(tmp_path):
    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m007_sources_card_counts")
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)) + parsed("plain") + parsed("gone"))
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)) + parsed("plain"))
    for path in ("/n/a.md", "/n/b.md"):
        db.conn.execute("INSERT INTO sources VALUES (?, '/n', 1, 1, 'h', ?)", [path, NOW])
    migrations.apply(db)
    assert {path: row["cards"] for path, row in source_rows(db).items()} == {"/n/a.md": 3, "/n/b.md": 0}
