"""The session's queue: which card comes next after an undo, today's limits, and the cards left."""

import random
import re
import sqlite3
from datetime import timedelta

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlite_utils import Database

from revise import collection, scheduling, sources
from revise.config import Config, Settings
from revise.review.queue import load_queue, queue_card
from revise.review.selection import Selection
from tests.review.scripted import START, TIMEOUT, UTC, card, revlog, session


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


class CountingCursor(sqlite3.Cursor):
    """A cursor that counts the rows it hands to Python."""

    rows = 0

    def fetchall(self):
        found = super().fetchall()
        CountingCursor.rows += len(found)
        return found

    def fetchone(self):
        found = super().fetchone()
        CountingCursor.rows += found is not None
        return found

    def __next__(self):
        found = super().__next__()
        CountingCursor.rows += 1
        return found


class CountingConnection(sqlite3.Connection):
    """A connection whose queries return CountingCursors."""

    def execute(self, sql, parameters=()):
        cursor = self.cursor(CountingCursor)
        cursor.execute(sql, parameters)
        return cursor


def rows_read_by_a_session(tmp_path, not_due: int) -> tuple[int, list[str]]:
    """Rows a session reads to show its first card, in a collection of 30 cards answered Easy 40 days
    ago (due now) and `not_due` new cards; and the fronts it shows."""
    folder = tmp_path / f"notes-{not_due}"
    folder.mkdir()
    (folder / "a-due.md").write_text("".join(f"due {i} :: answer {i}\n" for i in range(30)), encoding="utf-8")
    (folder / "b-new.md").write_text("".join(f"new {i} :: answer {i}\n" for i in range(not_due)), encoding="utf-8")
    path = tmp_path / f"c-{not_due}.db"
    db = collection.open_collection(path)
    sources.import_paths(db, [folder])
    session(db, ["", "4"] * 30, selection=Selection(new_limit=30))  # at START: Easy gives more than a week
    counting = Database(sqlite3.connect(path, factory=CountingConnection), execute_plugins=False)
    CountingCursor.rows = 0
    queue = load_queue(counting, Selection(), Config(), START + timedelta(days=40), UTC)
    read = CountingCursor.rows
    return read, [collection.review_card(db, c.id)["front"] for c in queue.main]


def test_the_rows_a_session_reads_do_not_grow_with_the_cards_that_are_not_due(tmp_path):
    small, shown = rows_read_by_a_session(tmp_path, 100)
    large, shown_large = rows_read_by_a_session(tmp_path, 3000)
    assert small == large
    assert shown == shown_large  # the same 30 reviews and first 20 new cards, in the same order
    assert sum(front.startswith("due") for front in shown) == 30 and len(shown) == 50
    assert small < 100  # the 30 due cards and a page of new ones, not every card


def test_each_limit_group_gets_its_own_first_new_cards_one_per_note(notes_db):
    """Global new_per_day 3; deck b::sub has an override of 2, b::sub::deep one of 1; siblings of a
    reversed note wait a day; the first new cards of each group come in reading order."""
    files = {
        "a.md": "---\ndeck: a\n---\n" + "".join(f"a{i} ::: side {i}\n" for i in range(6)),
        "b.md": "---\ndeck: b::sub\n---\n" + "".join(f"b{i} :: answer\n" for i in range(6)),
        "c.md": "---\ndeck: b::sub::deep\n---\n" + "".join(f"c{i} :: answer\n" for i in range(6)),
    }
    db = notes_db("groups", files)
    config = Config(default=Settings(new_per_day=3), decks=(("b::sub", Settings(new_per_day=2)),
                                                            ("b::sub::deep", Settings(new_per_day=1))))
    queue = load_queue(db, Selection(), config, START, UTC)
    fronts = [collection.review_card(db, c.id)["front"] for c in queue.main]
    assert sorted(fronts) == ["a0", "a1", "a2", "b0", "b1", "c0"]


def _random_schedules(db, rng, now) -> None:
    """Give most cards a random learned schedule: due or not, stabilities far apart, some buried or suspended."""
    for card_id in [row[0] for row in db.execute("SELECT id FROM cards")]:
        if rng.random() < 0.25:
            continue  # stays new
        last = now - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        state = rng.choice(["review"] * 6 + ["learning", "relearning"])
        schedule = scheduling.Schedule(
            state=state, step=0 if state != "review" else None, stability=rng.choice([None, 0.5, 3.0, 12.0, 40.0]) if
            state == "review" else 1.0, difficulty=5.0, due=last + timedelta(days=rng.randint(0, 30)), last_review=last,
            reps=1, suspended=rng.random() < 0.05,
            buried_until=now + timedelta(hours=3) if rng.random() < 0.05 else None,
        )
        collection.set_schedule(db, card_id, schedule.to_row())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_queue_chosen_in_sql_is_the_queue_of_every_card(tmp_path, seed):
    """With more reviews due than the limits allow (a deck override with its own limit and curve), the
    reviews SQLite picks, and the new cards it leaves out, give the queue that build_queue gives on every card."""
    rng = random.Random(seed)
    folder = tmp_path / "notes"
    (folder / "lang").mkdir(parents=True)
    (folder / "a.md").write_text("".join(f"a{i} ::: b{i}\n" for i in range(150)), encoding="utf-8")
    (folder / "lang" / "fr.md").write_text("".join(f"chat{i} :: cat{i}\n" for i in range(80)), encoding="utf-8")
    db = collection.open_collection(tmp_path / "c.db")
    sources.import_paths(db, [folder])
    now = START + timedelta(days=70)
    _random_schedules(db, rng, now)
    lang = Settings(reviews_per_day=7, new_per_day=3, parameters=(*DEFAULT_PARAMETERS[:20], 0.5))
    config = Config(default=Settings(reviews_per_day=25, new_per_day=9), decks=(("lang", lang),))
    # in due order, as the session read them before SQLite chose: ties of recall keep that order
    every_card = sorted((queue_card(row) for row in collection.review_cards(db)), key=lambda c: (c.schedule.due or now, c.id))
    expected = scheduling.build_queue(every_card, now, config, tz=UTC)
    queue = load_queue(db, Selection(), config, now, UTC)
    assert [c.id for c in queue.main] == [c.id for c in expected.main]
    assert queue.learning == {c.id: c.schedule.due for c in expected.learning}
    due = [c for c in every_card if c.schedule.state == "review" and c.schedule.due < now]
    assert sum(c.deck == "lang::fr" for c in due) > 7 and sum(c.deck != "lang::fr" for c in due) > 25  # both over
    assert 20 < sum(c.schedule.state == "review" for c in queue.main) <= 32
