"""`revise cards --search/--state` and the `revise decks` tree, through the real CLI on real notes."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from typer.testing import CliRunner

from revise.cli import app

NOTES = {
    "greek.md": "---\ndeck: Languages::Greek\n---\nΣΟΦΙΑ :: wisdom #vocab\n\nλόγος :: word, reason #vocab\n",
    "german.md": "---\ndeck: Languages::German\n---\nDie Straße :: the street #Vocab/nouns\n\nQ: What does *Fernweh* mean?\nA: longing for far places\n",
    "ml.md": "What does ReLU compute? :: max(0, z) #activations\n\nAdam combines :: momentum and RMSprop\n",
}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert run("import", str(folder)).exit_code == 0
    return folder


def fronts(*args: str) -> list[str]:
    result = run("cards", "--json", *args)
    assert result.exit_code == 0, result.output
    return [card["front"] for card in json.loads(result.stdout)]


def set_cards(tmp_path, sql: str, *params) -> None:
    with sqlite3.connect(tmp_path / "collection.db") as conn:
        conn.execute(sql, params)


def test_search_finds_words_in_front_back_tags_and_deck_whatever_their_case(notes):
    assert fronts("--search", "relu") == ["What does ReLU compute?"]
    assert fronts("--search", "RMSPROP") == ["Adam combines"]  # the back
    assert fronts("--search", "σοφια") == ["ΣΟΦΙΑ"]  # Greek capitals: SQLite's lower() would not fold them
    assert fronts("--search", "STRASSE") == ["Die Straße"]  # casefold: ß is ss
    assert sorted(fronts("--search", "#vocab")) == ["Die Straße", "ΣΟΦΙΑ", "λόγος"]  # a tag, # or not, child tags too
    assert fronts("--search", "german far") == ["What does *Fernweh* mean?"]  # every word: the deck and the back
    assert fronts("--search", "german relu") == []
    assert fronts("--search", "100%") == []  # no LIKE wildcard: % is a character


def test_search_with_other_filters_and_in_the_table(notes):
    assert fronts("--search", "vocab", "--deck", "Languages::Greek") == ["ΣΟΦΙΑ", "λόγος"]
    table = run("cards", "--search", "ReLU").stdout.splitlines()
    assert len(table) == 2 and "What does ReLU compute?" in table[1] and "ml.md:1" in table[1]
    assert run("cards", "--search", "nothing-like-it").stdout == 'No card matches --search "nothing-like-it".\n'
    assert run("cards", "--search", "  ").exit_code == 2  # an empty search is a usage error, not everything


def test_state_filters(notes, tmp_path):
    set_cards(tmp_path, "UPDATE cards SET state = 'review', due = '2030-01-01T00:00:00+00:00' WHERE front = 'ΣΟΦΙΑ'")
    set_cards(tmp_path, "UPDATE cards SET state = 'relearning', due = '2030-01-01T00:00:00+00:00' WHERE front = 'λόγος'")
    set_cards(tmp_path, "UPDATE cards SET state = 'learning', suspended = 1 WHERE front = 'Adam combines'")
    assert fronts("--state", "review") == ["ΣΟΦΙΑ"]
    assert sorted(fronts("--state", "learning")) == ["Adam combines", "λόγος"]  # relearning too, suspended or not
    assert fronts("--state", "suspended") == ["Adam combines"]
    assert len(fronts("--state", "new")) == 3
    assert fronts("--state", "new", "--search", "relu") == ["What does ReLU compute?"]
    assert run("cards", "--state", "young").exit_code == 2


def test_leeches_are_tagged_or_past_their_decks_threshold(notes, tmp_path):
    (tmp_path / "config.toml").write_text('leech_threshold = 8\n[decks."Languages::Greek"]\nleech_threshold = 3\n')
    set_cards(tmp_path, "UPDATE cards SET state = 'review', lapses = 3 WHERE front IN ('ΣΟΦΙΑ', 'Die Straße')")
    set_cards(tmp_path, "UPDATE cards SET state = 'review', lapses = 8 WHERE front = 'Adam combines'")
    set_cards(tmp_path, """UPDATE notes SET tags = '["activations", "leech"]' WHERE deck = 'ml' AND text LIKE '%ReLU%'""")
    # 3 lapses make a leech in Greek (its override), not in German (the default 8)
    assert fronts("--state", "leech") == ["ΣΟΦΙΑ", "What does ReLU compute?", "Adam combines"]
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["cards"]["leeches"] == 3  # the same leeches as stats counts


def test_decks_tree_counts_new_learn_and_due_apart(notes, tmp_path):
    now = datetime.now(timezone.utc)
    soon, past = (now + timedelta(minutes=5)).isoformat(), (now - timedelta(hours=1)).isoformat()
    set_cards(tmp_path, "UPDATE cards SET state = 'learning', due = ? WHERE front = 'ΣΟΦΙΑ'", past)  # due: Learn only
    set_cards(tmp_path, "UPDATE cards SET state = 'relearning', due = ? WHERE front = 'λόγος'", soon)
    set_cards(tmp_path, "UPDATE cards SET state = 'review', due = ? WHERE front = 'Die Straße'", past)
    set_cards(tmp_path, "UPDATE cards SET state = 'review', due = '2030-01-01T00:00:00+00:00' WHERE front = 'Adam combines'")
    assert run("decks").stdout == (
        "Deck       Cards  New  Learn  Due\n"
        "Languages      4    1      2    1\n"
        "  German       2    1      0    1\n"
        "  Greek        2    0      2    0\n"
        "ml             2    1      0    0\n"
    )
    greek = next(row for row in json.loads(run("decks", "--json").stdout) if row["deck"] == "Languages::Greek")
    # the old keys keep their meaning: learning cards due or not, and due now (the due learning card too)
    assert (greek["learning"], greek["due"], greek["learn_count"], greek["review_count"]) == (2, 1, 2, 0)
