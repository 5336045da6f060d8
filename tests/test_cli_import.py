"""`revise import`, `sync`, `cards` and `decks` through the real CLI, on real files and collections."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revise.cli import app


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    (folder / "course").mkdir(parents=True)
    (folder / "course" / "week1.md").write_text(
        "# Activations\n\nWhat does ReLU compute? :: max(0, z) #relu\n\n"
        "epoch ::: one full pass over the training set\n\nQ: An unanswered question\n"
    )
    (folder / "optim.md").write_text("Adam combines :: momentum and RMSprop\n")
    return folder


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def cards_json(*args: str) -> list[dict]:
    result = run("cards", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rewrite(path: Path, text: str) -> None:
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_import_prints_a_table_and_warnings(notes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the working directory
    result = run("import", "notes")
    assert result.exit_code == 0, result.output
    assert "notes/course/week1.md" in result.stdout and "Total" in result.stdout
    assert "notes/course/week1.md:7: 'Q:' without an 'A:' after it" in result.stdout
    assert result.stderr == ""


def test_import_json_has_integer_counts_and_warning_objects(notes):
    result = run("import", "--json", str(notes))
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("added", "updated", "moved", "retired", "unchanged")} == dict(
        added=4, updated=0, moved=0, retired=0, unchanged=0)
    assert data["warnings"] == [{"file": str(notes / "course" / "week1.md"), "line": 7,
                                 "message": "'Q:' without an 'A:' after it"}]
    assert data["errors"] == []


def test_sync_after_no_change_parses_nothing(notes):
    run("import", str(notes))
    data = json.loads(run("sync", "--json").stdout)
    assert (data["added"], data["updated"], data["unchanged"], data["parsed"]) == (0, 0, 4, 0)


def test_typo_fix_keeps_the_card_id(notes):
    run("import", str(notes))
    before = {c["front"]: c["id"] for c in cards_json()}
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace("compute?", "comptue?"))
    data = json.loads(run("sync", "--json").stdout)
    assert (data["updated"], data["added"], data["retired"]) == (1, 0, 0)
    assert {c["front"]: c["id"] for c in cards_json()}["What does ReLU comptue?"] == before["What does ReLU compute?"]


def test_move_delete_and_restore_keep_the_id(notes):
    run("import", str(notes))
    adam = next(c for c in cards_json() if c["front"] == "Adam combines")
    week1, optim = notes / "course" / "week1.md", notes / "optim.md"
    rewrite(week1, week1.read_text().replace("\n\n", "\n\nAdam combines :: momentum and RMSprop\n\n", 1))
    rewrite(optim, "")
    assert json.loads(run("sync", "--json").stdout)["moved"] == 1
    moved = next(c for c in cards_json() if c["front"] == "Adam combines")
    assert (moved["id"], moved["source"], moved["deck"]) == (adam["id"], str(week1), "course::week1")
    rewrite(week1, week1.read_text().replace("Adam combines :: momentum and RMSprop\n\n", ""))
    run("sync")
    assert "Adam combines" not in {c["front"] for c in cards_json()}
    assert "Adam combines" in {c["front"] for c in cards_json("--all")}
    rewrite(optim, "Adam combines :: momentum and RMSprop\n")
    run("sync")
    assert next(c for c in cards_json() if c["front"] == "Adam combines")["id"] == adam["id"]


def test_cards_json_fields(notes):
    run("import", str(notes))
    relu = next(c for c in cards_json() if c["front"] == "What does ReLU compute?")
    assert relu == {
        "id": relu["id"], "deck": "course::week1", "kind": "basic", "front": "What does ReLU compute?",
        "back": "max(0, z)", "tags": ["relu"], "source": str(notes / "course" / "week1.md"), "line": 3,
        "headings": ["Activations"], "state": "new", "due": None, "reps": 0, "lapses": 0,
        "stability": None, "difficulty": None, "suspended": False, "retired": False,
    }
    assert {c["kind"] for c in cards_json()} == {"basic", "reversed"}


def test_cards_filters(notes, tmp_path):
    run("import", str(notes))
    assert {c["deck"] for c in cards_json("--deck", "course")} == {"course::week1"}
    assert [c["front"] for c in cards_json("--tag", "relu")] == ["What does ReLU compute?"]
    assert cards_json("--due") == []
    conn = sqlite3.connect(tmp_path / "collection.db")
    conn.execute("UPDATE cards SET state = 'review', due = '2020-01-01T00:00:00+00:00' WHERE front = 'epoch'")
    conn.commit()
    conn.close()
    due = cards_json("--due")
    assert [c["front"] for c in due] == ["epoch"] and due[0]["due"] == "2020-01-01T00:00:00+00:00"


def test_cards_table_lists_front_and_source(notes):
    run("import", str(notes))
    result = run("cards", "--deck", "optim")
    assert result.exit_code == 0
    assert "Adam combines" in result.stdout and "optim.md:1" in result.stdout
    assert "epoch" not in result.stdout


def test_decks_counts(notes):
    run("import", str(notes))
    data = json.loads(run("decks", "--json").stdout)
    assert data == [
        {"deck": "course::week1", "cards": 3, "new": 3, "learning": 0, "due": 0},
        {"deck": "optim", "cards": 1, "new": 1, "learning": 0, "due": 0},
    ]
    table = run("decks").stdout
    assert "course::week1" in table and "optim" in table


def test_empty_collection_says_how_to_add_cards():
    assert "revise import" in run("cards").stdout
    assert "revise import" in run("decks").stdout


def test_bad_files_are_errors_on_stderr_with_exit_1_and_no_traceback(notes, tmp_path):
    (notes / "latin1.md").write_bytes(b"Caf\xe9 :: coffee\n")
    (notes / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with (notes / "huge.md").open("wb") as out:
        out.truncate(11 * 2**20)
    result = run("import", str(notes), str(tmp_path / "missing"))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert f"Error: {notes / 'huge.md'}: larger than 10 MB — split it into smaller notes" in errors
    assert f"Error: {notes / 'image.md'}: a binary file, not Markdown — import only text notes" in errors
    assert any(e.startswith(f"Error: {notes / 'latin1.md'}: not valid UTF-8") for e in errors)
    assert f"Error: {tmp_path / 'missing'}: no such file or folder — check the path" in errors
    assert "Traceback" not in result.output
    assert {c["deck"] for c in cards_json()} == {"course::week1", "optim"}


def test_json_errors_are_listed_too(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("import", "--json", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"] == [
        {"file": str(tmp_path / "empty"), "message": "no Markdown (*.md, *.markdown) files in this folder — pass a folder of notes"}
    ]


def test_newer_collection_is_refused_without_a_traceback(notes, tmp_path):
    run("import", str(notes))
    conn = sqlite3.connect(tmp_path / "collection.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('revise', 'm999_x', 'x')")
    conn.commit()
    conn.close()
    result = run("sync")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'collection.db'}: this collection was written by a newer revise")
    assert "Traceback" not in result.output


def test_import_requires_a_path():
    assert run("import").exit_code == 2


def test_sync_forget_missing_retires_a_deleted_folder(notes, tmp_path):
    run("import", str(notes))
    notes.rename(tmp_path / "trash")
    result = run("sync")
    assert result.exit_code == 1 and "revise sync --forget-missing" in result.stderr
    assert len(cards_json()) == 4
    result = run("sync", "--forget-missing", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["retired"] == 4
    assert cards_json() == []


def test_cards_table_makes_control_characters_inert(tmp_path):
    (tmp_path / "evil.md").write_text("Colour \x1b[31mred\x1b[0m :: answer\n")
    run("import", str(tmp_path / "evil.md"))
    out = run("cards").stdout
    assert "\x1b" not in out and "␛[31mred" in out  # the same stand-in the review screen shows


def test_sync_before_any_import_says_what_to_do():
    result = run("sync")
    assert result.exit_code == 0 and "revise import PATH" in result.stdout
    assert json.loads(run("sync", "--json").stdout)["added"] == 0
