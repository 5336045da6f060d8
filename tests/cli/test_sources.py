"""`revise sources` and `revise sources remove`, and the warning for an import without cards, through the real CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from revise.cli import app


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "act.md").write_text("# ReLU\n\nWhat does ReLU compute? :: max(0, z)\n\nepoch ::: one full pass\n")
    (folder / "optim.md").write_text("Adam combines :: momentum and RMSprop\n")
    return folder


def sources_json() -> list[dict]:
    result = run("sources", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def cards(*args: str) -> dict[str, dict]:
    return {card["front"]: card for card in json.loads(run("cards", "--json", *args).stdout)}


def test_sources_lists_folders_files_and_converted_decks(notes, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the temporary folders' long paths, uncut
    single = tmp_path / "single.md"
    single.write_text("Q: one?\nA: yes\n")
    deck = tmp_path / "words.csv"
    deck.write_text("hola,hello\nadiós,goodbye\n", encoding="utf-8")
    for path in (notes, single, deck):
        assert run("import", str(path)).exit_code == 0
    listed = {row["path"]: row for row in sources_json()}
    assert {path: (row["kind"], row["files"], row["cards"], row["missing"], row["origin"]) for path, row in listed.items()} == {
        str(notes): ("folder", 2, 4, False, None),
        str(single): ("file", 1, 1, False, None),
        str(tmp_path / "words"): ("text", 1, 2, False, str(deck)),
    }
    assert all(row["last_sync"].endswith("+00:00") for row in listed.values())
    shutil.rmtree(tmp_path / "words")
    assert {row["path"]: row["missing"] for row in sources_json()}[str(tmp_path / "words")] is True
    table = run("sources").stdout.splitlines()
    assert table[0].split() == ["source", "kind", "files", "cards", "last", "sync"]
    assert any(line.startswith(str(tmp_path / "words") + " (missing)") and " text " in line for line in table)
    assert f"{tmp_path / 'words'}: written from {deck}" in table


def test_no_sources_yet(tmp_path):
    run("import", str(tmp_path / "none.md"))  # a failed import remembers nothing (and makes the collection)
    assert run("sources").stdout == "No sources yet: import your notes with `revise import PATH`.\n"


def test_a_removed_source_keeps_its_history_and_gets_it_back_when_imported_again(notes, tmp_path):
    assert run("import", str(notes)).exit_code == 0
    assert run("review", input="\n3\nq\n").exit_code == 0  # one answer: the first card in reading order
    reviewed = next(c for c in cards().values() if c["reps"] == 1)
    result = run("sources", "remove", str(notes))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Forgot {notes}: 2 files, 4 cards retired (their history is kept: "
                             f"`revise import {notes}` brings them back).\n")
    assert sources_json() == [] and cards() == {}
    retired = cards("--all")
    assert all(c["retired"] for c in retired.values()) and retired[reviewed["front"]]["reps"] == 1
    with sqlite3.connect(tmp_path / "collection.db") as conn:
        assert conn.execute("SELECT count(*) FROM revlog WHERE card_id = ?", [reviewed["id"]]).fetchone() == (1,)
    assert run("sync").stdout.startswith("Nothing to sync")  # forgotten: sync no longer reads it
    assert run("import", str(notes)).exit_code == 0
    back = cards()[reviewed["front"]]
    assert (back["id"], back["reps"], back["state"], back["due"]) == (reviewed["id"], 1, reviewed["state"], reviewed["due"])
    assert json.loads(run("card", str(back["id"]), "--json").stdout)["reviews"][0]["rating"] == 3


def test_remove_by_package_and_errors_change_nothing(notes, tmp_path):
    deck = tmp_path / "words.csv"
    deck.write_text("hola,hello\n", encoding="utf-8")
    run("import", str(notes))
    run("import", str(deck))
    before = sources_json()
    for path, error in [
        (tmp_path / "elsewhere", f"Error: {tmp_path / 'elsewhere'}: not a remembered source — `revise sources` lists them\n"),
        (notes / "act.md", f"Error: {notes / 'act.md'}: not a remembered source (it is inside the source {notes}: "
                           "remove that one, or delete the file and run `revise sync`) — `revise sources` lists them\n"),
    ]:
        result = run("sources", "remove", str(path))
        assert (result.exit_code, result.stderr) == (1, error)
    assert sources_json() == before
    result = run("sources", "remove", str(deck), "--json")  # the package names the folder written from it
    assert result.exit_code == 0 and json.loads(result.stdout)["retired"] == 1
    assert [row["path"] for row in sources_json()] == [str(notes)]


def test_remove_without_a_collection_is_an_error(tmp_path):
    result = run("sources", "remove", str(tmp_path))
    assert result.exit_code == 1 and result.stderr.startswith("Error: no collection at")


def test_an_import_without_cards_says_where_to_look(tmp_path, notes):
    prose = tmp_path / "prose"
    prose.mkdir()
    (prose / "diary.md").write_text("# Monday\n\nWent for a walk. Term: not a card without bold.\n")
    result = run("import", str(prose))
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {prose}: no card in it — the card syntax is in revise's docs/cards.md "
                             f"(`Q:`/`A:`, `front :: back`, clozes); `revise preview {prose}` shows what its notes give\n")
    assert json.loads(run("import", str(prose), "--json").stdout)["empty"] == [str(prose)]
    both = run("import", str(notes), str(prose))  # only the path without cards is named
    assert both.stderr.count("Warning:") == 1 and str(prose) in both.stderr
    assert run("import", str(notes)).stderr == ""
