"""import_paths and sync_sources: what they read, which folder names the decks, one transaction, progress."""

from __future__ import annotations

import pytest

from revise import collection
from revise.sources.sync import import_paths, sync_sources
from tests.sources.helpers import cards, rewrite, snapshot


def test_import_counts_cards_and_names_decks_from_paths(db, notes):
    report = import_paths(db, [notes])
    assert (report.total("added"), report.parsed, report.errors) == (5, 2, [])
    decks = {c["front"]: c["deck"] for c in collection.list_cards(db)}
    assert decks["What does ReLU compute?"] == "course::week1"
    assert decks["Adam combines"] == "optim"
    assert cards(db)["What does ReLU compute?"]["headings"] == '["Activations"]'


def test_sync_of_one_file_reads_only_that_file(db, notes):
    import_paths(db, [notes])
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text() + "\nEpoch :: one pass over the data\n")
    rewrite(notes / "optim.md", "RMSprop :: divides by a running RMS\n")
    report = sync_sources(db, [week1])
    assert [f.file for f in report.files] == [str(week1)]
    assert cards(db)["Epoch"]["deck"] == "course::week1"
    assert "Adam combines" in cards(db)


def test_deleted_file_imported_on_its_own_retires_its_cards_without_an_error(db, notes):
    import_paths(db, [notes / "optim.md"])
    (notes / "optim.md").unlink()
    report = sync_sources(db)
    assert (report.errors, report.total("retired"), collection.source_rows(db)) == ([], 1, {})


def test_renamed_folder_imported_again_keeps_every_card_and_the_old_one_is_forgotten(db, notes, tmp_path):
    import_paths(db, [notes])
    ids = {front: c["id"] for front, c in cards(db).items()}
    notes.rename(tmp_path / "renamed")
    report = import_paths(db, [tmp_path / "renamed"])
    assert (report.total("moved"), report.total("added")) == (5, 0)
    assert {front: c["id"] for front, c in cards(db).items()} == ids
    report = sync_sources(db)
    assert (report.errors, report.parsed) == ([], 0)
    assert all(p.startswith(str(tmp_path / "renamed")) for p in collection.source_rows(db))


def test_the_outermost_imported_folder_names_the_decks(db, notes):
    import_paths(db, [notes / "course" / "week1.md"])
    assert cards(db)["What does ReLU compute?"]["deck"] == "week1"
    import_paths(db, [notes])
    assert cards(db)["What does ReLU compute?"]["deck"] == "course::week1"
    import_paths(db, [notes / "course" / "week1.md"])
    assert cards(db)["What does ReLU compute?"]["deck"] == "course::week1"
    report = sync_sources(db)
    assert report.parsed == 0 and cards(db)["What does ReLU compute?"]["deck"] == "course::week1"


def test_an_exception_mid_import_rolls_everything_back(db, notes):
    import_paths(db, [notes / "optim.md"])
    before = snapshot(db)

    def explode(done: int, total: int) -> None:
        if done == total:  # after every note and card has been written
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        import_paths(db, [notes], progress=explode)
    assert snapshot(db) == before


def test_progress_counts_up_to_its_total(db, notes):
    calls: list[tuple[int, int]] = []
    import_paths(db, [notes], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] == 5  # 2 files read, 2 parsed, 1 write
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


# --- a first import: written as it is parsed, indexes built at the end ---------------------------


def schema(db) -> list[tuple]:
    return sorted(db.conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(), key=str)


def stored_notes(db, leave_out: str = "") -> list[tuple]:
    """Every note with its cards, without ids and times, in id order."""
    return db.conn.execute(
        "SELECT key, kind, text, explicit_id, source, line, position, deck, tags, headings, read_key, notes.retired,"
        " ord, front, back, state, cards.retired FROM notes JOIN cards ON cards.note_id = notes.id"
        " WHERE source != ? ORDER BY notes.id, ord", [leave_out]).fetchall()


def test_an_exception_mid_first_import_leaves_the_collection_and_its_indexes_as_they_were(db, notes):
    before, indexes = snapshot(db), schema(db)

    def explode(done: int, total: int) -> None:
        if done == total - 1:  # both files parsed and written, the indexes not built yet
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        import_paths(db, [notes], progress=explode)
    assert (snapshot(db), schema(db)) == (before, indexes)
    assert import_paths(db, [notes]).total("added") == 5


def test_a_first_import_writes_what_matching_against_the_collection_writes(tmp_path, notes):
    (notes / "more.md").write_text(
        "---\ntags: [extra]\n---\n# More\n\nQ: What is an epoch?\nA: One pass ^epoch\n\n"
        "What does ReLU compute? :: max(0, z)\n\nloss ::: what training lowers #train\n\n"
        "loss ::: what training lowers\n\n{{c1::Adam}} uses {{c2::momentum}}\n")
    fresh = collection.open_collection(tmp_path / "fresh.db")
    first = import_paths(fresh, [notes])
    matched = collection.open_collection(tmp_path / "matched.db")
    (tmp_path / "seed.md").write_text("Seed :: a note already there\n")
    import_paths(matched, [tmp_path / "seed.md"])
    then = import_paths(matched, [notes])
    assert stored_notes(fresh) == stored_notes(matched, leave_out=str(tmp_path / "seed.md"))
    assert len(stored_notes(fresh)) == first.total("added") == then.total("added") == 11
    assert [w.message for w in first.warnings] == [w.message for w in then.warnings]
    assert schema(fresh) == schema(matched) == schema(collection.open_collection(tmp_path / "new.db"))
