"""`revise export DIR --format markdown`: our Markdown from the collection, which reads back as the
same cards; imported after the note files are lost, the cards keep their history."""

from __future__ import annotations

import shutil
import sqlite3

from typer.testing import CliRunner

from revise.cli import app
from tests.interop.exports import CARD_COUNT, export, make_collection


def live_cards(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT c.id, c.reps, n.source FROM cards c JOIN notes n ON n.id = c.note_id"
                            " WHERE c.retired = 0 AND n.retired = 0 ORDER BY c.id").fetchall()
    finally:
        conn.close()


def test_the_files_lost_an_export_brings_the_cards_back_with_their_history(tmp_path):
    notes = make_collection(tmp_path / "notes", "\n3\n\n1\nq\n")
    before = live_cards(tmp_path / "collection.db")
    shutil.rmtree(notes)
    assert "7 cards" in export(str(tmp_path / "md"), "--format", "markdown")
    assert sorted(p.name for p in (tmp_path / "md").rglob("*.md")) == ["Languages.md", "Week 1.md"]
    result = CliRunner().invoke(app, ["import", str(tmp_path / "md")])
    assert result.exit_code == 0, result.output
    after = live_cards(tmp_path / "collection.db")
    assert [(i, reps) for i, reps, _ in after] == [(i, reps) for i, reps, _ in before]  # same cards, same reviews
    assert len(after) == CARD_COUNT and all(source.startswith(str(tmp_path / "md")) for _, _, source in after)


def test_the_written_file_keeps_deck_tags_and_ids(tmp_path):
    make_collection(tmp_path / "notes")
    export(str(tmp_path / "md"), "--format", "markdown", "--deck", "Languages")
    text = (tmp_path / "md" / "Languages.md").read_text()
    assert text.startswith('---\ndeck: "Languages"\n') and "<!-- id: revise-" in text
    assert [p.name for p in (tmp_path / "md").rglob("*.md")] == ["Languages.md"]


def test_other_files_in_the_folder_are_not_overwritten_without_force(tmp_path):
    make_collection(tmp_path / "notes")
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "Languages.md").write_text("mine")
    result = CliRunner().invoke(app, ["export", str(tmp_path / "md"), "--format", "markdown"])
    assert result.exit_code == 1 and "--force" in result.output
    assert (tmp_path / "md" / "Languages.md").read_text() == "mine" and not (tmp_path / "md" / "Course").exists()
    export(str(tmp_path / "md"), "--format", "markdown", "--force")
    assert (tmp_path / "md" / "Languages.md").read_text() != "mine"
