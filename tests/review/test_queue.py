"""The session's queue: which card comes next after an undo, today's limits, and the cards left."""

import re
from datetime import timedelta

from revise import collection, scheduling
from revise.config import Config, Settings
from revise.review.selection import Selection
from tests.review.scripted import START, TIMEOUT, session, revlog, card


def test_undo_of_the_card_on_screen_shows_it_once(db):
    """Card 1 (Again, 1m) is back on screen; `u` undoes that Again: it is shown once, as new, not twice."""
    keys = ["", "1", TIMEOUT, "u", "", "3", "", "3", "q"]
    _, out, _ = session(db, keys, selection=Selection(new_limit=1))
    assert [(log["card_id"], log["rating"], log["state"]) for log in revlog(db)] == [(1, 3, "new")]
    after_undo = out.split("Undone: card 1.", 1)[1]
    assert after_undo.count("What does ReLU compute?") == 1 and "Next learning card due in 10m" in after_undo
    assert card(db, 1)["step"] == 1  # on its second learning step, not graduated


def test_undo_shows_the_undone_card_then_the_one_that_was_on_screen(db):
    keys = ["", "3", "u", "", "3", "", "3", "q"]  # card 2 on screen, `u` takes back card 1's answer
    _, out, _ = session(db, keys)
    questions = re.findall(r"What does ReLU compute\?|What range does the sigmoid map into\?|Which activation", out)
    assert questions == ["What does ReLU compute?", "What range does the sigmoid map into?",
                         "What does ReLU compute?", "What range does the sigmoid map into?", "Which activation"]
    assert [log["card_id"] for log in revlog(db)] == [1, 2]


def test_new_option_counts_the_selections_new_cards_of_today(notes_db, deck):
    database = notes_db("sel", {"other.md": "---\ndeck: langs\n---\nQ: chat?\nA: cat\n\nQ: chien?\nA: dog\n"}, folder=deck)
    session(database, ["", "4", "", "4", "q"], selection=Selection(decks=("act",)))  # two new cards today
    session(database, ["", "4", "q"], selection=Selection(decks=("langs",)))  # and one outside the selection
    summary, out, _ = session(database, ["", "4", "", "4", "q"], selection=Selection(decks=("act",), new_limit=3))
    assert summary.answered == 1 and "new 1 ·" in out  # 3 a day, 2 already introduced in 'act'


def test_limit_caps_learning_cards_too(db):
    learning = scheduling.Schedule(state="learning", step=1, stability=2.0, difficulty=5.0, due=START - timedelta(minutes=1),
                                  last_review=START - timedelta(minutes=11), reps=1)
    collection.set_schedule(db, 1, learning.to_row())
    summary, out, _ = session(db, ["", "3", "q"], selection=Selection(limit=0))
    assert summary.answered == 0 and "What does ReLU" not in out and out.startswith("Nothing to review now.")
    _, out, _ = session(db, ["q"], selection=Selection(limit=2))
    assert "What does ReLU" in out and "0 done · 2 left" in out


def test_left_counts_learning_cards_due_within_the_learn_ahead(db):
    config = Config(default=Settings(learning_steps=(1.0, 60.0)))
    _, out, _ = session(db, ["", "3", "q"], config=config)  # card 1: next step in an hour
    assert "new 2 · learning 0 · review 0" in out and "1 done · 2 left" in out
    _, out, _ = session(db, ["", "1", "q"])  # card 2 again in a minute: counted; card 1 in an hour: not
    assert "new 1 · learning 1 · review 0" in out and "1 done · 2 left" in out
