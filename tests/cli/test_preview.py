"""`revise preview`: cards and warnings by file and line, rendered; `--json` as `cards --json` makes them; writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revise.cli import app

SCHEDULE_FIELDS = ("id", "state", "due", "reps", "lapses", "stability", "difficulty", "suspended", "retired")
WEEK = (
    "# Course 2\n\n## Why does batch norm work?\n\nIt keeps the inputs of each layer stable.\n\n"
    "## Recipe\n\n- If your model has high bias:\n  - a bigger network\n  - train longer\n\n"
    "**What is $L_2$ regularisation? 👶**\n\nIt adds $\\lambda \\lVert w \\rVert^2$ to the cost.\n\n"
    "The {{c1::dev set}} chooses hyperparameters.\n\n## Why empty?\n"
)


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    (folder / "course").mkdir(parents=True)
    (folder / "course" / "week2.md").write_text(WEEK)
    (folder / "optim.md").write_text("Adam combines :: momentum and RMSprop #optim\n")
    return folder


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_preview_shows_cards_and_warnings_by_file_and_line_rendered(notes, monkeypatch):
    monkeypatch.chdir(notes)
    monkeypatch.setenv("COLUMNS", "70")
    result = run("preview", ".")
    assert result.exit_code == 0, result.output
    assert "\n".join(line.rstrip() for line in result.stdout.split("\n")) == (  # rich pads Markdown lines
        "optim.md:1  basic\nAdam combines\n" + "─" * 70 + "\nmomentum and RMSprop\n\n"
        "course/week2.md:3  basic · question heading  Course 2\nWhy does batch norm work?\n" + "─" * 70 + "\n"
        "It keeps the inputs of each layer stable.\n\n"
        "course/week2.md:9  basic · colon list  Course 2 › Recipe\nIf your model has high bias:\n" + "─" * 70 + "\n\n"
        " • a bigger network\n • train longer\n\n"
        "course/week2.md:13  basic · bold question  Course 2 › Recipe\nWhat is L₂ regularisation?\n" + "─" * 70 + "\n"
        "It adds λ ‖w‖² to the cost.\n\n"
        "course/week2.md:17  cloze  Course 2 › Recipe\nThe […] chooses hyperparameters.\n" + "─" * 70 + "\n"
        "The [dev set] chooses hyperparameters.\n\n"
        "Warning: course/week2.md:19: question heading with no answer — write\n"
        "the answer under it, before the next heading\n\n"
        "5 cards (1 basic, 1 bold question, 1 cloze, 1 colon list, 1 question\n"
        "heading), 1 warning, from 2 files. Nothing was written.\n"
    )


def test_preview_writes_nothing_and_creates_no_collection(notes, tmp_path):
    collection = Path(os.environ["REVISE_COLLECTION"])
    before = sorted(p for p in tmp_path.rglob("*"))
    assert run("preview", str(notes)).exit_code == 0
    assert run("preview", "--json", str(notes)).exit_code == 0
    assert not collection.exists() and sorted(p for p in tmp_path.rglob("*")) == before


def test_preview_leaves_an_existing_collection_byte_for_byte(notes):
    collection = Path(os.environ["REVISE_COLLECTION"])
    # imported by another process, which closes the collection (folding its WAL in) before the bytes are read
    subprocess.run([sys.executable, "-c", "from revise.cli import app; app()", "import", str(notes)], check=True,
                   capture_output=True)
    (notes / "optim.md").write_text("Changed :: text\n")
    data = collection.read_bytes()
    assert run("preview", str(notes)).exit_code == 0
    assert collection.read_bytes() == data


def test_preview_json_is_what_import_makes(notes):
    preview = run("preview", "--json", str(notes))
    assert preview.exit_code == 0
    assert preview.stderr.startswith("Warning: ") and "week2.md:19: question heading with no answer" in preview.stderr
    assert run("import", str(notes)).exit_code == 0
    imported = json.loads(run("cards", "--json").stdout)
    assert json.loads(preview.stdout) == [{k: v for k, v in card.items() if k not in SCHEDULE_FIELDS} for card in imported]
    assert len(imported) == 5


def test_preview_follows_the_folder_settings(notes):
    (notes / "revise.toml").write_text("implicit = false\n")
    cards = json.loads(run("preview", "--json", str(notes)).stdout)
    assert [(c["source"], c["line"], c["kind"]) for c in cards] == [
        (str(notes / "optim.md"), 1, "basic"), (str(notes / "course" / "week2.md"), 17, "cloze")]


def test_preview_of_a_missing_path_is_an_error(notes, tmp_path):
    result = run("preview", str(tmp_path / "nope"), str(notes / "optim.md"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or folder — check the path\n"
    assert "1 card (1 basic), 0 warnings, from 1 file. Nothing was written." in result.stdout
