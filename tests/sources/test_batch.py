"""One sync's files: unchanged ones skipped, changed ones parsed, matched against the collection
(typo fixes, moves, deletions, clozes, shared ids) and written."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revise import collection
from revise.sources.sync import import_paths, sync_sources
from tests.sources.helpers import RELU, SIGMOID, bump_mtime, cards, counts, rewrite, snapshot


def test_reimport_without_changes_parses_nothing(db, notes):
    import_paths(db, [notes])
    before = snapshot(db)
    report = import_paths(db, [notes])
    assert (report.total("added"), report.total("updated"), report.parsed) == (0, 0, 0)
    assert report.total("unchanged") == 5
    assert snapshot(db)["notes"] == before["notes"]


def test_touched_but_identical_file_is_hashed_not_parsed(db, notes):
    import_paths(db, [notes])
    bump_mtime(notes / "optim.md")
    report = sync_sources(db)
    assert (report.parsed, report.total("unchanged")) == (0, 5)
    source = collection.source_rows(db)[str(notes / "optim.md")]
    assert source["mtime_ns"] == (notes / "optim.md").stat().st_mtime_ns


def test_typo_fix_updates_the_card_and_keeps_its_schedule(db, notes):
    import_paths(db, [notes])
    relu = cards(db)["What does ReLU compute?"]
    db.conn.execute("UPDATE cards SET state = 'review', reps = 3, stability = 12.5 WHERE id = ?", [relu["id"]])
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace("compute?", "comptue?"))
    report = sync_sources(db)
    assert (report.total("updated"), report.total("added"), report.total("retired")) == (1, 0, 0)
    edited = cards(db)["What does ReLU comptue?"]
    assert (edited["id"], edited["state"], edited["reps"], edited["stability"]) == (relu["id"], "review", 3, 12.5)


def test_a_leech_keeps_its_leech_tag_when_its_file_is_edited(db, notes):
    import_paths(db, [notes])
    relu = cards(db)["What does ReLU compute?"]
    db.conn.execute("""UPDATE notes SET tags = '["leech"]' WHERE id = (SELECT note_id FROM cards WHERE id = ?)""", [relu["id"]])
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace("max(0, z)", "max(0, z) #relu"))
    sync_sources(db)
    assert json.loads(cards(db)["What does ReLU compute?"]["tags"]) == ["relu", "leech"]


def test_rewritten_question_is_a_new_card_and_the_old_one_retires(db, notes):
    import_paths(db, [notes])
    relu_id = cards(db)["What does ReLU compute?"]["id"]
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace(RELU, "Which activation zeroes negative inputs? :: ReLU\n"))
    report = sync_sources(db)
    assert (report.total("added"), report.total("retired"), report.total("updated")) == (1, 1, 0)
    assert cards(db)["Which activation zeroes negative inputs?"]["id"] != relu_id


def test_moved_card_keeps_its_id_and_takes_the_new_source(db, notes):
    import_paths(db, [notes])
    relu = cards(db)["What does ReLU compute?"]
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace(RELU, ""))
    rewrite(notes / "optim.md", (notes / "optim.md").read_text() + "\n" + RELU)
    report = sync_sources(db)
    assert (report.total("moved"), report.total("retired"), report.total("added")) == (1, 0, 0)
    moved = cards(db)["What does ReLU compute?"]
    assert (moved["id"], moved["source"], moved["deck"]) == (relu["id"], str(notes / "optim.md"), "optim")


def test_copying_a_card_into_another_file_adds_a_card_and_leaves_the_original(db, notes):
    import_paths(db, [notes])
    relu = cards(db)["What does ReLU compute?"]
    rewrite(notes / "optim.md", (notes / "optim.md").read_text() + "\n" + RELU)
    report = sync_sources(db, [notes / "optim.md"])
    assert (report.total("added"), report.total("moved")) == (1, 0)
    sources = {c["source"] for c in collection.list_cards(db) if c["front"] == "What does ReLU compute?"}
    assert sources == {relu["source"], str(notes / "optim.md")}
    assert sync_sources(db).total("moved") == 0


def test_card_moved_out_of_an_edited_file_moves_even_when_only_its_new_file_is_synced(db, notes):
    import_paths(db, [notes])
    relu_id = cards(db)["What does ReLU compute?"]["id"]
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace(RELU, ""))
    rewrite(notes / "optim.md", (notes / "optim.md").read_text() + "\n" + RELU)
    assert sync_sources(db, [notes / "optim.md"]).total("moved") == 1
    assert cards(db)["What does ReLU compute?"]["id"] == relu_id
    report = sync_sources(db)
    assert (report.total("retired"), report.total("moved"), report.parsed) == (0, 0, 1)


def test_deleted_card_leaves_and_returns_with_its_id(db, notes):
    import_paths(db, [notes])
    relu_id = cards(db)["What does ReLU compute?"]["id"]
    week1 = notes / "course" / "week1.md"
    original = week1.read_text()
    rewrite(week1, original.replace(RELU, ""))
    assert sync_sources(db).total("retired") == 1
    assert "What does ReLU compute?" not in cards(db)
    assert any(c["id"] == relu_id for c in collection.list_cards(db, include_retired=True))
    rewrite(week1, original)
    assert sync_sources(db).total("added") == 1
    assert cards(db)["What does ReLU compute?"]["id"] == relu_id


def test_cloze_edit_keeps_deletions_by_number(db, notes):
    import_paths(db, [notes])
    ids = {c["ord"]: c["id"] for c in collection.list_cards(db) if c["kind"] == "cloze"}
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace(SIGMOID, "The {{c1::sigmoid}} squashes z into {{c3::(0, 1)}}.\n"))
    report = sync_sources(db)
    assert (report.total("updated"), report.total("added"), report.total("retired")) == (1, 1, 1)
    now = {c["ord"]: c["id"] for c in collection.list_cards(db) if c["kind"] == "cloze"}
    assert now[1] == ids[1] and 2 not in now and 3 in now


def test_deleted_file_retires_its_cards_and_is_forgotten(db, notes):
    import_paths(db, [notes])
    (notes / "optim.md").unlink()
    report = sync_sources(db)
    assert report.total("retired") == 1 and report.errors == []
    assert "Adam combines" not in cards(db)
    assert str(notes / "optim.md") not in collection.source_rows(db)


def test_switching_a_card_to_q_and_a_keeps_every_card_after_it(db, tmp_path):
    note = tmp_path / "t.md"
    note.write_text("# T\n\nWhat is ReLU :: max(0, z)\n\nSigmoid range :: (0, 1) ^sig\n\n- **Dropout**: zeroes activations\n")
    import_paths(db, [note])
    ids = {front: c["id"] for front, c in cards(db).items()}
    rewrite(note, note.read_text().replace("What is ReLU :: max(0, z)", "Q: What is ReLU\nA: max(0, z)"))
    assert counts(import_paths(db, [note])) == {"unchanged": 3}
    assert {front: c["id"] for front, c in cards(db).items()} == ids


def test_prose_added_after_the_last_answer_keeps_the_card(db, tmp_path):
    note = tmp_path / "t.md"
    note.write_text("# T\n\nQ: What is ReLU?\nA: max(0, z)\n")
    import_paths(db, [note])
    before = cards(db)["What is ReLU?"]
    rewrite(note, note.read_text() + "\nReLU is cheap to compute and does not saturate for positive inputs.\n")
    assert counts(import_paths(db, [note])) == {"updated": 1}
    after = cards(db)["What is ReLU?"]
    assert after["id"] == before["id"]
    assert after["back"] == "max(0, z)\n\nReLU is cheap to compute and does not saturate for positive inputs."


def test_an_id_used_in_two_files_is_a_warning_naming_both(db, tmp_path):
    (tmp_path / "a.md").write_text("a :: b ^dupid\n")
    (tmp_path / "b.md").write_text("x\n\nc :: d ^dupid\n")
    report = import_paths(db, [tmp_path])
    said = f"id 'dupid' is also used at {tmp_path / 'a.md'}:1 — give each card its own id (a card moved between " \
           "files keeps its history by its id only when the id is unique)"
    assert [(w.file, w.line, w.message) for w in report.warnings] == [(str(tmp_path / "b.md"), 3, said)]
    rewrite(tmp_path / "b.md", "y\n\ny\n\nc :: d ^dupid\n")  # the other file is not parsed again: still told
    assert [(w.line, w.message) for w in import_paths(db, [tmp_path]).warnings] == [(5, said)]
    rewrite(tmp_path / "b.md", "c :: d ^own\n")
    assert import_paths(db, [tmp_path]).warnings == []


CARD_LINES = st.lists(
    st.tuples(st.text("abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool),
              st.sampled_from([" :: ", " ::: "]),
              st.text("xyz ", min_size=1, max_size=8).map(str.strip).filter(bool)),
    min_size=1, max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(CARD_LINES)
def test_importing_the_same_notes_twice_changes_nothing(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("prop")
    (folder / "n.md").write_text("\n\n".join(f + sep + b for f, sep, b in lines) + "\n")
    db = collection.open_collection(folder / "c.db")
    import_paths(db, [folder])
    before = snapshot(db)
    bump_mtime(folder / "n.md")  # force a full re-parse, not just the size+mtime shortcut
    db.conn.execute("UPDATE sources SET hash = 'stale'")
    before["sources"] = [tuple(r) for r in db.conn.execute("SELECT * FROM sources ORDER BY 1")]
    report = import_paths(db, [folder])
    assert report.parsed == 1
    assert (report.total("added"), report.total("updated"), report.total("retired")) == (0, 0, 0)
    after = snapshot(db)
    assert (after["notes"], after["cards"]) == (before["notes"], before["cards"])


# --- card counts kept per file ----------------------------------------------------------------


def stored_counts(db) -> dict[str, int]:
    """Each remembered file's card count as the sources table keeps it."""
    return {path: row["cards"] for path, row in collection.source_rows(db).items()}


def live_counts(db) -> dict[str, int]:
    """Each remembered file's live cards, counted over the cards themselves."""
    counted = collection.active_card_counts(db)
    return {path: counted.get(path, 0) for path in collection.source_rows(db)}


def test_a_sync_with_nothing_changed_parses_nothing_and_reads_no_note_or_card(db, notes):
    import sqlite3

    import_paths(db, [notes])
    read: set[str] = set()

    def watch(action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ:
            read.add(table or "")
        return sqlite3.SQLITE_OK

    statements: list[str] = []
    db.conn.set_authorizer(watch)
    db.conn.set_trace_callback(statements.append)
    try:
        report = sync_sources(db)
    finally:
        db.conn.set_authorizer(None)
        db.conn.set_trace_callback(None)
    assert (report.parsed, report.total("unchanged"), report.errors) == (0, 5, [])
    assert "sources" in read and not read & {"notes", "cards"}
    assert len([sql for sql in statements if "FROM sources" in sql]) == 1


def test_each_file_keeps_its_card_count_through_edits_moves_and_deletions(db, notes):
    week1, optim = notes / "course" / "week1.md", notes / "optim.md"
    import_paths(db, [notes])
    assert stored_counts(db) == {str(week1): 4, str(optim): 1}
    rewrite(week1, week1.read_text().replace(RELU, "").replace("{{c2::(0, 1)}}", "(0, 1)"))
    rewrite(optim, optim.read_text() + "\n" + RELU)
    sync_sources(db, [optim])  # ReLU moves out of week1, which is not read
    assert stored_counts(db) == live_counts(db) == {str(week1): 3, str(optim): 2}
    report = sync_sources(db)
    assert stored_counts(db) == live_counts(db) == {str(week1): 2, str(optim): 2}
    assert (report.total("retired"), report.total("updated")) == (1, 1)
    optim.unlink()
    sync_sources(db)
    assert stored_counts(db) == live_counts(db) == {str(week1): 2}
    bump_mtime(week1)
    report = sync_sources(db)
    assert [(f.file, f.unchanged, f.parsed) for f in report.files] == [(str(week1), 2, False)]
