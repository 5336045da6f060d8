"""`revise export OUT.csv|.txt` through the real CLI: Anki's plain-text format, imported by Anki 26.9."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from revise.cli import app
from tests.interop.text.anki_text import anki_collection, anki_notes
from tests.interop.text.test_export import import_into_anki


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def imported(tmp_path):
    (tmp_path / "french.md").write_text("---\ndeck: French\n---\nchat ::: cat\n\nLe {{c1::chat}} dort.\n", encoding="utf-8")
    assert run("import", str(tmp_path / "french.md")).exit_code == 0


@pytest.mark.parametrize("name", ["deck.csv", "deck.txt", "deck.tsv"])
def test_export_by_extension_imports_into_anki(imported, tmp_path, name):
    result = run("export", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Exported 2 notes (3 cards, 0 reviews, 0 media files) in 1 deck to ")
    col = anki_collection(tmp_path / "anki")
    assert import_into_anki(col, tmp_path / name) == 2
    assert [(n["notetype"], n["deck"], n["cards"]) for n in anki_notes(col)] == [
        ("Basic (and reversed card)", "French", 2), ("Cloze", "French", 1)]
    col.close()


def test_export_errors(imported, tmp_path):
    out = tmp_path / "deck.csv"
    out.write_text("mine", encoding="utf-8")
    result = run("export", str(out))
    assert result.exit_code == 1 and "already exists — pass --force" in result.stderr
    result = run("export", str(out), "--force", "--with-history")
    assert result.exit_code == 1 and "holds no review history — export to OUT.apkg" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    result = run("export", str(tmp_path / "other.dat"), "--format", "csv", "--deck", "Nope")
    assert result.exit_code == 1 and "no cards to export in deck 'Nope'" in result.stderr
    assert run("export", str(tmp_path / "x.txt"), "--format", "csv").exit_code == 0
