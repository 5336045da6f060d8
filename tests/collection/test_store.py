"""The collection: opening it, and the source/note/card reads and writes of import and sync."""

from __future__ import annotations

import json
import sqlite3

import pytest

from revise import collection
from revise.errors import ReviseError
from revise.identity import group_notes, plan_sync
from revise.notes import ParsedCard

NOW = "2026-03-01T12:00:00+00:00"


def parsed(front: str, *, kind: str = "basic", ords: tuple[int, ...] = (0,), file: str = "/n/a.md",
           deck: str = "a", tags: tuple[str, ...] = ()) -> list[ParsedCard]:
    return [ParsedCard(kind=kind, front=f"{front} {o}", back="back", note_text=f"{front} :: back", ord=o,
                       file=file, line=1, deck=deck, tags=tags) for o in ords]


def sync(db, file: str, cards: list[ParsedCard], settled: tuple[str, ...] = ()) -> None:
    """What the importer does for one file: group, look up, plan, write."""
    notes = {file: group_notes(cards)}
    keys = [n.key for n in notes[file]]
    plan = plan_sync(notes, collection.note_records(db, [file], keys, []), settled)
    with db.atomic():
        collection.apply_sync_plan(db, plan, NOW)


@pytest.fixture
def db(tmp_path):
    return collection.open_collection(tmp_path / "collection.db")


def test_open_creates_the_schema_in_wal_mode(tmp_path):
    db = collection.open_collection(tmp_path / "deep" / "c.db")
    assert {"sources", "notes", "cards", "revlog"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "retired" in db["cards"].columns_dict


def test_newer_schema_is_a_clear_error(tmp_path):
    path = tmp_path / "c.db"
    collection.open_collection(path).conn.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('revise', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(ReviseError, match="newer revise .*m999_future.*Upgrade revise"):
        collection.open_collection(path)


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# not a database\n" * 100)
    with pytest.raises(ReviseError, match="cannot open the collection"):
        collection.open_collection(path)


def test_sources_are_remembered_refreshed_and_forgotten(db):
    row = dict(path="/n/a.md", root="/n", size=10, mtime_ns=1, hash="h1", synced_at=NOW)
    collection.save_sources(db, [row])
    collection.save_sources(db, [{**row, "hash": "h2"}])
    assert collection.source_rows(db)["/n/a.md"]["hash"] == "h2"
    collection.forget_sources(db, ["/n/a.md"])
    assert collection.source_rows(db) == {}


def test_new_notes_get_cards_per_ord_and_records_round_trip(db):
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)) + parsed("plain"))
    records = collection.note_records(db, ["/n/a.md"], [], [])
    assert sorted((r.kind, sorted(r.cards)) for r in records) == [("basic", [0]), ("cloze", [1, 2])]
    assert all(r.source == "/n/a.md" and not r.retired for r in records)


def test_note_records_finds_notes_elsewhere_by_key(db):
    sync(db, "/n/a.md", parsed("plain", file="/n/a.md"))
    key = group_notes(parsed("plain", file="/n/b.md"))[0].key
    assert [r.source for r in collection.note_records(db, ["/n/b.md"], [key], [])] == ["/n/a.md"]


def test_vanished_ord_retires_only_that_card_and_returns_later(db):
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)))
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1,)))
    assert [c["ord"] for c in collection.list_cards(db)] == [1]
    assert [c["ord"] for c in collection.list_cards(db, include_retired=True)] == [1, 2]
    sync(db, "/n/a.md", parsed("cloze", kind="cloze", ords=(1, 2)))
    assert [c["ord"] for c in collection.list_cards(db)] == [1, 2]


def test_retired_notes_leave_listings_and_counts(db):
    sync(db, "/n/a.md", parsed("one") + parsed("two"))
    sync(db, "/n/a.md", parsed("one"))
    assert [c["front"] for c in collection.list_cards(db)] == ["one 0"]
    assert collection.active_card_counts(db) == {"/n/a.md": 1}
    assert collection.deck_counts(db, NOW)[0]["cards"] == 1


def test_deck_filter_includes_subdecks_only(db):
    sync(db, "/n/a.md", parsed("top", deck="ml") + parsed("sub", deck="ml::week1") + parsed("other", deck="mlops"))
    assert sorted(c["deck"] for c in collection.list_cards(db, deck="ml")) == ["ml", "ml::week1"]


def test_tag_filter_includes_child_tags(db):
    sync(db, "/n/a.md", parsed("a", tags=("math",)) + parsed("b", tags=("math/linear",)) + parsed("c", tags=("mathematics",)))
    assert sorted(c["front"] for c in collection.list_cards(db, tag="math")) == ["a 0", "b 0"]


def test_due_and_deck_counts_follow_state_due_time_suspension_and_burial(db):
    sync(db, "/n/a.md", parsed("new") + parsed("learn") + parsed("due") + parsed("later") + parsed("susp") + parsed("buried"))
    schedule = {
        "learn 0": ("learning", "2026-03-01T11:59:00+00:00", 0, None),
        "due 0": ("review", "2026-02-27T08:00:00.123456+00:00", 0, None),
        "later 0": ("review", "2026-03-05T08:00:00+00:00", 0, None),
        "susp 0": ("review", "2026-02-01T08:00:00+00:00", 1, None),
        "buried 0": ("review", "2026-02-01T08:00:00+00:00", 0, "2026-03-02T04:00:00+00:00"),
    }
    for front, (state, due, suspended, buried) in schedule.items():
        db.conn.execute("UPDATE cards SET state = ?, due = ?, suspended = ?, buried_until = ? WHERE front = ?",
                        [state, due, suspended, buried, front])
    assert sorted(c["front"] for c in collection.list_cards(db, due_at=NOW)) == ["due 0", "learn 0"]
    assert collection.deck_counts(db, NOW) == [{"deck": "a", "cards": 6, "new": 1, "learning": 1, "due": 2}]


def test_count_due_before_counts_a_buried_card_from_when_its_burial_ends(db):
    """The end-of-session 'Still due today' / 'Due tomorrow' counts, as stats counts them."""
    sync(db, "/n/a.md", parsed("overdue") + parsed("buried") + parsed("buried short"))
    schedule = {
        "overdue 0": ("2026-02-27T08:00:00+00:00", None),
        "buried 0": ("2026-02-27T08:00:00+00:00", "2026-03-02T04:00:00+00:00"),  # back tomorrow at 04:00
        "buried short 0": ("2026-03-01T13:00:00+00:00", "2026-03-01T12:30:00+00:00"),  # back before it is due
    }
    for front, (due, buried) in schedule.items():
        db.conn.execute("UPDATE cards SET state = 'review', due = ?, buried_until = ? WHERE front = ?", [due, buried, front])
    assert collection.count_due_before(db, "2026-03-02T04:00:00+00:00") == 2  # the end of today
    assert collection.count_due_before(db, "2026-03-02T04:00:01+00:00") == 3
    assert collection.count_due_before(db, "2026-03-03T04:00:00+00:00") == 3  # the end of tomorrow


def test_note_records_looks_elsewhere_for_a_key_used_more_often_than_the_file_holds_it(db):
    sync(db, "/n/a.md", parsed("plain", file="/n/a.md"))
    sync(db, "/n/b.md", parsed("plain", file="/n/b.md"), settled=("/n/a.md",))
    key = group_notes(parsed("plain", file="/n/b.md"))[0].key
    assert [r.source for r in collection.note_records(db, ["/n/b.md"], [key], [])] == ["/n/b.md"]
    assert sorted(r.source for r in collection.note_records(db, ["/n/b.md"], [key, key], [])) == ["/n/a.md", "/n/b.md"]


def test_unchanged_notes_are_not_rewritten(db):
    sync(db, "/n/a.md", parsed("one") + parsed("two"))
    db.conn.execute("UPDATE notes SET updated_at = 'earlier'")
    sync(db, "/n/a.md", parsed("one") + parsed("two", tags=("new-tag",)))
    rows = dict(db.conn.execute("SELECT text, updated_at FROM notes").fetchall())
    assert rows == {"one :: back": "earlier", "two :: back": "earlier"}
    assert [c["tags"] for c in collection.list_cards(db)] == ["[]", '["new-tag"]']


def test_tags_and_headings_are_stored_as_json_dumps_writes_them(db):
    awkward = ("Größe “x”", 'quote " and \\ slash', "tab\tand\u2028line", "")
    cards = [ParsedCard(kind="basic", front="f", back="b", note_text="f :: b", ord=0, file="/n/a.md", line=1,
                        deck="a", tags=awkward[:2], headings=awkward)]
    sync(db, "/n/a.md", cards)
    tags, headings = db.execute("SELECT tags, headings FROM notes").fetchone()
    assert tags == json.dumps(list(awkward[:2]), ensure_ascii=False)
    assert headings == json.dumps(list(awkward), ensure_ascii=False)
    assert json.loads(headings) == list(awkward)


def test_reading_order_puts_a_folders_own_files_before_its_subfolders():
    paths = ["decks/deep-learning-specialization/2-b.md", "decks/getting-started.md", "decks/deep-learning-specialization/1-a.md", "a.md"]
    assert sorted(paths, key=collection.reading_order) == [
        "a.md", "decks/getting-started.md", "decks/deep-learning-specialization/1-a.md", "decks/deep-learning-specialization/2-b.md",
    ]
