"""Importing and syncing real Markdown files into a real collection."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revise import collection, sources
from revise.sources import default_deck, import_paths, sync_sources

RELU = "What does ReLU compute? :: max(0, z)\n"
TANH = "What does tanh return? :: values in (-1, 1)\n"
SIGMOID = "The {{c1::sigmoid}} squashes z into {{c2::(0, 1)}}.\n"


@pytest.fixture
def db(tmp_path):
    return collection.open_collection(tmp_path / "collection.db")


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    (folder / "course").mkdir(parents=True)
    (folder / "course" / "week1.md").write_text(f"# Activations\n\n{RELU}\n{TANH}\n{SIGMOID}")
    (folder / "optim.md").write_text("Adam combines :: momentum and RMSprop\n")
    return folder


def cards(db) -> dict[str, dict]:
    """Live cards by front."""
    return {c["front"]: c for c in collection.list_cards(db)}


def snapshot(db) -> dict[str, list]:
    """Every row of every table, to show a failed import changed nothing."""
    tables = ("sources", "notes", "cards", "revlog")
    return {t: [tuple(r) for r in db.conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}


def bump_mtime(path: Path) -> None:
    """Make a rewrite visible even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def rewrite(path: Path, text: str) -> None:
    path.write_text(text)
    bump_mtime(path)


def test_import_counts_cards_and_names_decks_from_paths(db, notes):
    report = import_paths(db, [notes])
    assert (report.total("added"), report.parsed, report.errors) == (5, 2, [])
    decks = {c["front"]: c["deck"] for c in collection.list_cards(db)}
    assert decks["What does ReLU compute?"] == "course::week1"
    assert decks["Adam combines"] == "optim"
    assert cards(db)["What does ReLU compute?"]["headings"] == '["Activations"]'


def test_a_single_file_is_its_own_deck(db, notes):
    import_paths(db, [notes / "course" / "week1.md"])
    assert {c["deck"] for c in collection.list_cards(db)} == {"week1"}


def test_default_deck_names():
    assert default_deck(Path("/n/a/b/c.md"), Path("/n")) == "a::b::c"
    assert default_deck(Path("/n/c.md"), Path("/n/c.md")) == "c"


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


def test_deleted_file_imported_on_its_own_retires_its_cards_without_an_error(db, notes):
    import_paths(db, [notes / "optim.md"])
    (notes / "optim.md").unlink()
    report = sync_sources(db)
    assert (report.errors, report.total("retired"), collection.source_rows(db)) == ([], 1, {})


def test_sync_picks_up_new_files_and_skips_hidden_folders(db, notes):
    import_paths(db, [notes])
    (notes / "new.md").write_text("Bias :: error from wrong assumptions\n")
    (notes / ".trash").mkdir()
    (notes / ".trash" / "old.md").write_text("Hidden :: never imported\n")
    report = sync_sources(db)
    assert (report.total("added"), report.parsed) == (1, 1)
    assert "Hidden" not in cards(db)


def test_sync_of_one_file_reads_only_that_file(db, notes):
    import_paths(db, [notes])
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text() + "\nEpoch :: one pass over the data\n")
    rewrite(notes / "optim.md", "RMSprop :: divides by a running RMS\n")
    report = sync_sources(db, [week1])
    assert [f.file for f in report.files] == [str(week1)]
    assert cards(db)["Epoch"]["deck"] == "course::week1"
    assert "Adam combines" in cards(db)


def test_a_bom_is_not_part_of_the_first_card(db, tmp_path):
    (tmp_path / "bom.md").write_bytes("\ufeffLoss :: what training minimises\n".encode())
    import_paths(db, [tmp_path / "bom.md"])
    assert "Loss" in cards(db)


def test_parse_warnings_are_reported_with_file_and_line(db, tmp_path):
    (tmp_path / "w.md").write_text("OK :: fine\n\nQ: A question with no answer\n")
    report = import_paths(db, [tmp_path / "w.md"])
    assert report.warnings and report.warnings[0].file == str(tmp_path / "w.md")
    assert report.warnings[0].line >= 1 and "OK" in cards(db)


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


def test_file_over_the_size_limit_is_an_error(db, notes):
    import_paths(db, [notes])
    before = snapshot(db)
    with (notes / "big.md").open("wb") as out:
        out.truncate(sources.MAX_FILE_BYTES + 1)
    report = sync_sources(db)
    assert [e.message for e in report.errors] == ["larger than 10 MB — split it into smaller notes"]
    assert snapshot(db) == before


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


def test_an_exception_mid_import_rolls_everything_back(db, notes):
    import_paths(db, [notes / "optim.md"])
    before = snapshot(db)

    def explode(done: int, total: int) -> None:
        if done == total:  # after every note and card has been written
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        import_paths(db, [notes], progress=explode)
    assert snapshot(db) == before


def test_parsing_in_worker_processes_gives_the_same_notes(tmp_path):
    jobs = [(f"Question {i} :: answer {i}\n\nTerm {i} ::: meaning {i}\n\nQ: unanswered\n", f"/n/f{i}.md", f"f{i}")
            for i in range(40)]
    assert list(sources.parse_files(jobs, workers=2)) == list(sources.parse_files(jobs, workers=1))


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


def test_progress_counts_up_to_its_total(db, notes):
    calls: list[tuple[int, int]] = []
    import_paths(db, [notes], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] == 5  # 2 files read, 2 parsed, 1 write
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_the_outermost_imported_folder_names_the_decks(db, notes):
    import_paths(db, [notes / "course" / "week1.md"])
    assert cards(db)["What does ReLU compute?"]["deck"] == "week1"
    import_paths(db, [notes])
    assert cards(db)["What does ReLU compute?"]["deck"] == "course::week1"
    import_paths(db, [notes / "course" / "week1.md"])
    assert cards(db)["What does ReLU compute?"]["deck"] == "course::week1"
    report = sync_sources(db)
    assert report.parsed == 0 and cards(db)["What does ReLU compute?"]["deck"] == "course::week1"


def counts(report) -> dict[str, int]:
    return {name: report.total(name) for name in sources.COUNTS if report.total(name)}


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


def test_md_and_markdown_files_in_any_case_are_notes(db, tmp_path):
    for name in ("A.MD", "b.markdown", "C.Markdown", "d.txt", "e.mdx"):
        (tmp_path / name).write_text(f"{name} :: card\n")
    import_paths(db, [tmp_path])
    assert {c["front"]: c["deck"] for c in collection.list_cards(db)} == {"A.MD": "A", "b.markdown": "b", "C.Markdown": "C"}


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
        "tagged #flashcards (or a subtag) — tag the notes that hold your flashcards"))]
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
