"""Your data through the real CLI: read-only commands change no byte, foreign files are refused, and
`backup`, `backups`, `restore`, `doctor` (issue 14)."""

from __future__ import annotations

import gc
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from revise.cli import app
from revise.collection.backups import backups_dir, list_backups
from tests.collection.safety import collection_with_cards, digest, foreign_database, older_collection

READING = [["cards"], ["cards", "--due", "--json"], ["decks"], ["stats", "--json"], ["doctor"], ["doctor", "--json"]]
WRITING = [["import", "notes.md"], ["sync"], ["review"], ["suspend", "1"], ["forget", "1"], ["doctor", "--fix"]]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def notes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text("Adam combines :: momentum and RMSprop\n\nepoch ::: one pass\n")
    return tmp_path / "notes.md"


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_a_reading_command_changes_no_byte_of_a_collection_and_backs_nothing_up(command, tmp_path):
    path = collection_with_cards(tmp_path / "collection.db")
    before = digest(path)
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert digest(path) == before and list_backups(path) == []


@pytest.mark.parametrize("command", READING + WRITING + [["backup"]], ids=" ".join)
def test_no_command_writes_into_a_foreign_sqlite_database(command, tmp_path, notes):
    path = foreign_database(tmp_path / "other.sqlite")
    before = digest(path)
    result = run("--collection", "other.sqlite", *command, input="q\n")
    assert result.exit_code == 1
    assert result.stderr == ("Error: other.sqlite: not a revise collection (a SQLite database with tables of its "
                             "own: people) — nothing was changed; pass --collection with the path of a revise collection\n")
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "other.sqlite"]


@pytest.mark.parametrize("command", READING + [["backup"]], ids=" ".join)
def test_a_reading_command_on_an_empty_file_says_there_is_no_collection_and_leaves_it_empty(command, tmp_path):
    (tmp_path / "empty.db").touch()
    result = run("--collection", str(tmp_path / "empty.db"), *command)
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: no collection at {tmp_path / 'empty.db'} — import")
    assert (tmp_path / "empty.db").stat().st_size == 0


@pytest.mark.parametrize("command", [["cards", "--json"], ["decks", "--json"], ["stats", "--json"]], ids=" ".join)
def test_a_reading_command_reads_an_older_schema_without_upgrading_it(command, tmp_path):
    path = older_collection(tmp_path / "collection.db")
    before = digest(path)
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert digest(path) == before
    if command[0] == "cards":
        assert [c["front"] for c in json.loads(result.stdout)] == ["a"]


def test_a_writing_command_backs_up_before_the_day_s_first_write_only(tmp_path, notes):
    assert run("import", "notes.md").exit_code == 0
    assert list_backups(tmp_path / "collection.db") == []  # nothing to lose yet
    assert run("review", input="\n3\nq\n").exit_code == 0
    [daily] = list_backups(tmp_path / "collection.db")
    assert (daily.kind, daily.cards, daily.reviews) == ("daily", 3, 0)  # taken before the answer
    assert run("review", input="\n3\nq\n").exit_code == 0
    assert len(list_backups(tmp_path / "collection.db")) == 1


def test_a_backup_that_cannot_be_written_is_a_warning_and_the_change_is_still_made(tmp_path, notes):
    run("import", "notes.md")
    backups_dir(tmp_path / "collection.db").parent.mkdir(parents=True)
    backups_dir(tmp_path / "collection.db").write_text("a file where the folder should be")
    result = run("suspend", "1")
    assert result.exit_code == 0 and result.stdout == "Suspended 1 card.\n"
    assert result.stderr.startswith("Warning: could not back up the collection before today's first change (")


def test_backup_prints_the_file_it_wrote_and_backups_lists_it(tmp_path, notes):
    run("import", "notes.md")
    result = run("backup", "--to", "copy.db")
    assert (result.exit_code, result.stdout) == (0, "copy.db\n")
    assert sqlite3.connect(tmp_path / "copy.db").execute("SELECT count(*) FROM cards").fetchone() == (3,)
    assert run("backup", "--to", "copy.db").stderr == "Error: copy.db already exists — choose a new file name for the backup\n"
    folder = backups_dir(tmp_path / "collection.db").relative_to(tmp_path)  # printed relative to the working folder
    written = run("backup").stdout.strip()
    assert written.startswith(f"{folder}/") and written.endswith("-manual.db")
    lines = run("backups").stdout.splitlines()
    assert lines[0] == f"Backups of collection.db in {folder}:"
    assert lines[1].split() == ["taken", "kind", "size", "cards", "reviews", "file"]
    assert lines[2].split()[2:] == ["manual", *lines[2].split()[3:5], "3", "0", written.rsplit("/", 1)[1]]
    [listed] = json.loads(run("backups", "--json").stdout)
    assert (listed["path"], listed["kind"], listed["cards"], listed["reviews"]) == (str(tmp_path / written), "manual", 3, 0)


def test_backups_of_a_collection_never_backed_up(tmp_path):
    result = run("backups")
    assert result.stdout == (f"No backups yet in {backups_dir(tmp_path / 'collection.db')}: revise makes one "
                             "before each day's first change, or run `revise backup`.\n")


def test_restore_replaces_the_collection_and_keeps_the_one_it_replaced(tmp_path, notes):
    run("import", "notes.md")
    run("backup", "--to", "before.db")
    notes.write_text("Only :: one card now\n")
    run("sync")
    result = run("restore", "before.db")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Restored collection.db from before.db."
    folder = backups_dir(tmp_path / "collection.db").relative_to(tmp_path)
    assert lines[1].startswith(f"The collection it replaced was backed up to {folder}/")
    assert len(json.loads(run("cards", "--json").stdout)) == 3


def test_restore_refuses_a_file_that_is_not_a_collection(tmp_path, notes):
    run("import", "notes.md")
    gc.collect()  # the import's connection, closed now rather than during the check below (its close checkpoints)
    before = digest(tmp_path / "collection.db")
    result = run("restore", "notes.md")
    assert result.exit_code == 1 and result.stderr.startswith("Error: notes.md: cannot open the collection (file is not a database)")
    assert "Traceback" not in result.output and digest(tmp_path / "collection.db") == before


def test_doctor_reports_problems_with_what_to_do_and_fixes_what_is_safe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = collection_with_cards(tmp_path / "collection.db")
    conn = sqlite3.connect(path)
    conn.executescript("UPDATE cards SET state = 'lost' WHERE id = 1; DELETE FROM review_facts;")
    conn.close()
    result = run("doctor", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and [p["kind"] for p in report["problems"]] == ["schedule", "review_facts"]
    assert set(report["problems"][0]) == {"kind", "detail", "fix"} and report["fixed"] == []
    result = run("doctor", "--fix")
    assert (result.exit_code, result.stdout) == (0, "Fixed: reset 1 card to new.\nFixed: rebuilt review_facts "
                                                    "from the review log.\ncollection.db: no problems left.\n")
    assert [b.kind for b in list_backups(path)] == ["doctor", "daily"]
    assert (run("doctor").exit_code, run("doctor").stdout) == (0, "collection.db: no problems found.\n")


def test_doctor_on_a_damaged_file_is_an_error_with_the_way_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "collection.db").write_bytes(b"\x00" * 4096)
    result = run("doctor")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: {tmp_path / 'collection.db'}: cannot open the collection (file is not a database)")
    assert "`revise restore FILE` puts one back" in result.stderr


def test_doctor_reports_an_older_schema_without_upgrading_it(tmp_path):
    path = older_collection(tmp_path / "collection.db")
    before = digest(path)
    report = json.loads(run("doctor", "--json").stdout)
    assert [p["kind"] for p in report["problems"]] == ["schema"] and digest(path) == before
    assert run("doctor", "--fix").exit_code == 0
    assert [b.kind for b in list_backups(path)] == ["migration"]  # which is also the day's: no second copy
