"""Anki → revise → Anki, and Anki's plain-text export into revise, through the real CLI and the real
Anki library: cards, reviews and notes survive the trip, and nothing is duplicated on the way back."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from revise.cli import app

anki = pytest.importorskip("anki")


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_anki_to_revise_to_anki_keeps_every_card_and_review(tmp_path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from tests.interop.anki_decks import export, make_collection

    (tmp_path / "anki").mkdir()
    col = make_collection(tmp_path / "anki")
    notes, cards = col.note_count(), col.card_count()
    reviews = col.db.scalar("SELECT count() FROM revlog WHERE type < 4")
    package = export(col, tmp_path / "deck.apkg")
    run("import", str(package), "--to", str(tmp_path / "deck"))
    assert len(json.loads(run("cards", "--json").stdout)) == cards
    run("export", str(tmp_path / "back.apkg"), "--with-history")
    request = ImportAnkiPackageRequest(
        package_path=str(tmp_path / "back.apkg"), options=ImportAnkiPackageOptions(with_scheduling=True))
    log = col.import_anki_package(request).log
    # the notes keep their Anki guids: Anki finds every one of them again instead of adding copies
    assert (len(log.new), col.note_count(), col.card_count()) == (0, notes, cards)
    col.close()
    fresh = anki.collection.Collection(str(tmp_path / "fresh.anki2"))
    fresh.import_anki_package(request)
    assert (fresh.note_count(), fresh.card_count()) == (notes, cards)
    assert fresh.db.scalar("SELECT count() FROM revlog WHERE type < 4") == reviews
    fresh.close()


def test_anki_plain_text_export_imports_as_markdown_and_again_changes_nothing(tmp_path):
    from tests.interop.text.anki_text import add_samples, anki_collection, export_text

    col = anki_collection(tmp_path / "anki")
    add_samples(col)
    deck = export_text(col, tmp_path / "notes.txt")
    col.close()
    result = run("import", str(deck), "--json")
    assert json.loads(result.stdout)["cards"] == 8  # basic 1, reversed 2, optional 2 + 1, cloze 2
    listed = json.loads(run("cards", "--json").stdout)
    assert sorted(c["kind"] for c in listed) == ["basic", "basic", "cloze", "cloze", *["reversed"] * 4]
    assert {c["deck"] for c in listed} == {"Default", "Lang", "Lang::French"}
    assert (tmp_path / "notes").is_dir() and list((tmp_path / "notes").rglob("*.md"))
    again = json.loads(run("import", str(deck), "--json").stdout)
    assert again["import"]["added"] == 0 and again["files_written"] == 0 and len(json.loads(run("cards", "--json").stdout)) == 8


def test_a_quizlet_table_needs_its_separator_named(tmp_path):
    table = tmp_path / "words.txt"
    table.write_text("chat cat\nchien dog\n", encoding="utf-8")
    refused = CliRunner().invoke(app, ["import", str(table)])
    assert refused.exit_code == 1 and "--separator" in refused.stderr and "words.txt" in refused.stderr
    run("import", str(table), "--separator", "space")
    assert [(c["front"], c["back"]) for c in json.loads(run("cards", "--json").stdout)] == [
        ("chat", "cat"), ("chien", "dog")]
