"""The review session, driven by a scripted key source and clock on a real collection."""

import io
import json
import os
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rich.console import Console

from revise import collection, scheduling, sources
from revise.config import Config, Settings
from revise.review import LineKeys, Selection, Session, editor_command

UTC = timezone.utc
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TIMEOUT = object()  # a scripted key that lets the waited-for time pass

DECK = """\
# Activation functions

## ReLU

Q: What does ReLU compute?
A: max(0, z)

## Sigmoid

Q: What range does the sigmoid map into?
A: (0, 1)

Q: Which activation is used in output layers for binary classification?
A: the sigmoid
"""


class Script:
    """Keys from a list; each key takes 4 seconds; TIMEOUT lets the requested wait pass."""

    def __init__(self, keys):
        self.keys, self.now, self.waits = list(keys), START, []

    def clock(self):
        return self.now

    def __call__(self, timeout=None):
        if not self.keys:
            raise EOFError
        key = self.keys.pop(0)
        if key is TIMEOUT:
            self.waits.append(timeout)
            self.now += timedelta(seconds=timeout)
            return None
        self.now += timedelta(seconds=4)
        return key


@pytest.fixture
def deck(tmp_path):
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "act.md").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path, deck):
    database = collection.open_collection(tmp_path / "collection.db")
    sources.import_paths(database, [deck])
    return database


def session(db, keys, config=Config(), selection=Selection(), *, terminal=False, width=80, height=30, wait_first=None,
            **kwargs):
    """Run a session on scripted keys; `terminal`: a console that clears the screen for each card."""
    script = Script(keys)
    console = Console(file=io.StringIO(), width=width, height=height, color_system=None, force_terminal=terminal)
    run = Session(db, console, script, config=config, selection=selection, clock=script.clock, tz=UTC, **kwargs)
    summary = run.run(wait_first=wait_first) if wait_first else run.run()
    return summary, console.file.getvalue(), script


CLEAR = "\x1b[2J\x1b[H"


def screens(out):
    """What a terminal shows after each clear: the card and waiting screens of a terminal session, in
    order (the summary, which clears the last of them, is left off: see summary_screen)."""
    shown = out.split(CLEAR)[1:]
    return shown[:-1] if shown and "Done: " in shown[-1] and "q quit" not in shown[-1] else shown


def summary_screen(out):
    """The last screen of a terminal session: the notices left, then the summary."""
    return out.rsplit(CLEAR, 1)[1]


def revlog(db):
    return [dict(row) for row in db.query("SELECT * FROM revlog ORDER BY id")]


def card(db, card_id):
    return collection.review_card(db, card_id)


def test_screen_of_one_card(db):
    _, out, _ = session(db, ["", "q"])
    screen = out.split("Done:")[0]
    assert [line.rstrip() for line in screen.splitlines()] == [
        "act",
        "Activation functions › ReLU",
        "─" * 50 + " new 3 · learning 0 · review 0",
        "What does ReLU compute?",
        "─" * 80,
        "Space reveal · u undo · b bury · s suspend · e edit · q quit     0 done · 3 left",
        "─" * 80,
        "max(0, z)",
        "─" * 80,
        "1 Again 1m   2 Hard 6m   3 Good 10m   4 Easy 10d",
        "u undo · b bury · s suspend · e edit · q quit                    0 done · 3 left",
    ]


def test_grades_need_a_reveal_first(db):
    _, out, _ = session(db, ["3", "q"])
    assert revlog(db) == []
    assert "max(0, z)" not in out


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_each_grade_gives_the_interval_shown(db, rating):
    _, out, script = session(db, ["", str(rating), "q"])
    shown = dict(re.findall(r"(\d) (?:Again|Hard|Good|Easy) (\S+)", out))[str(rating)]
    [log] = revlog(db)
    first = card(db, log["card_id"])
    assert log["rating"] == rating and log["state"] == "new" and log["kind"] == "review"
    assert log["duration_ms"] == 8000  # from showing the question to the grade key: two keys
    answered_at = scheduling.parse_time(log["reviewed_at"])
    assert scheduling.format_interval(scheduling.parse_time(first["due"]) - answered_at) == shown
    assert first["reps"] == 1 and first["state"] == ("review" if rating == 4 else "learning")
    assert json.loads(log["previous"]) == scheduling.Schedule().to_row()


def test_answer_is_committed_before_the_next_card_shows(db, tmp_path):
    seen = []

    def spy(timeout=None):
        # a second connection sees exactly the answers given so far
        other = collection.open_collection(tmp_path / "collection.db")
        seen.append(other.execute("SELECT count(*) FROM revlog").fetchone()[0])
        return keys.pop(0) if keys else "q"

    keys = ["", "3", "", "3", "q"]
    Session(db, Console(file=io.StringIO()), spy, config=Config(), clock=lambda: START, tz=UTC).run()
    assert seen == [0, 0, 1, 1, 2]


def test_undo_twice_restores_both_cards(db):
    _, out, _ = session(db, ["", "3", "", "4", "u", "u", "q"])
    assert revlog(db) == []
    assert [card(db, i)["state"] for i in (1, 2, 3)] == ["new", "new", "new"]
    assert [card(db, i)["reps"] for i in (1, 2, 3)] == [0, 0, 0]
    assert "Undone: card 2." in out and "Undone: card 1." in out
    # the card undone last is shown again
    assert out.rsplit("Undone: card 1.", 1)[1].splitlines()[4].strip() == "What does ReLU compute?"


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


def test_undo_restores_from_the_log_after_a_review(db):
    reviewed = scheduling.Schedule(state="review", stability=20.0, difficulty=5.0, due=START - timedelta(days=1),
                                  last_review=START - timedelta(days=21), reps=4, lapses=1)
    collection.set_schedule(db, 2, reviewed.to_row())
    session(db, ["", "1", "u", "q"], selection=Selection(limit=1, new_limit=0))
    assert scheduling.Schedule.from_row(card(db, 2)) == reviewed
    assert revlog(db) == []


def test_bury_until_the_next_study_day(db):
    _, out, _ = session(db, ["b", "", "3", "q"])
    assert card(db, 1)["buried_until"] == "2026-03-03T04:00:00+00:00"
    assert [log["card_id"] for log in revlog(db)] == [2]
    assert "Buried until 04:00 tomorrow: card 1." in out
    assert out.count("What does ReLU compute?") == 1


def test_suspend(db):
    _, out, _ = session(db, ["s", "q"])
    assert card(db, 1)["suspended"] == 1
    assert "Suspended: card 1." in out
    _, out, _ = session(db, ["q"])
    assert "What does ReLU compute?" not in out


def test_quit_in_the_middle_keeps_the_answers(db):
    summary, out, _ = session(db, ["", "3", "", "q"])
    assert summary.answered == 1 and len(revlog(db)) == 1
    assert out.endswith("Done: 1 card, again 0%, 16s.\nStill due today: 1 card.\nDue tomorrow: 0 cards, plus up to 2 new cards (2 not yet studied).\n")


def test_end_of_input_quits(db):
    summary, _, _ = session(db, ["", "2"])
    assert summary.answered == 1


def test_learning_card_comes_back_when_due(db):
    keys = ["", "1", "", "3", "", "3", "", "4", TIMEOUT, TIMEOUT, "", "3", "q"]
    summary, out, script = session(db, keys)
    assert "Next learning card due in" in out
    assert script.waits == [30, 6]  # the countdown is redrawn every 30 seconds, then the card is due
    assert [log["card_id"] for log in revlog(db)] == [1, 2, 3, 1]
    assert summary.answered == 4 and summary.again == 1


def test_waiting_screen_counts_down(db):
    _, out, script = session(db, ["", "3", "", "3", "", "3", *[TIMEOUT] * 6, "q"])
    assert re.findall(r"due in (\d+)m", out) == ["10", "9", "9", "8", "8", "7", "7"]
    assert script.waits == [30] * 6


def test_redraw_key_draws_the_card_again(db):
    from revise.review import REDRAW

    _, out, _ = session(db, [REDRAW, "", REDRAW, "3", "q"], terminal=True)
    shown = screens(out)
    assert len(shown) == 5  # question, redrawn, revealed, redrawn revealed, next card
    assert shown[0] == shown[1] and shown[2] == shown[3] and "max(0, z)" in shown[3]
    assert [log["rating"] for log in revlog(db)] == [3]


def test_learning_card_far_ahead_ends_the_session(db):
    summary, out, _ = session(db, ["", "3", "", "4", "", "4"])  # card 1 returns in 10 minutes: wait
    assert "Next learning card due in 10m" in out
    config = Config(default=Settings(learning_steps=(1.0, 60.0)))
    db.execute("DELETE FROM revlog")
    for card_id in (1, 2, 3):
        collection.set_schedule(db, card_id, scheduling.Schedule().to_row())
    summary, out, _ = session(db, ["", "3", "", "4", "", "4"], config=config)
    assert summary.learning_later == 1 and "Still due today: 1 card (1 in learning, due later)." in out


def test_new_option_counts_the_selections_new_cards_of_today(tmp_path, deck):
    (deck / "other.md").write_text("---\ndeck: langs\n---\nQ: chat?\nA: cat\n\nQ: chien?\nA: dog\n")
    database = collection.open_collection(tmp_path / "sel.db")
    sources.import_paths(database, [deck])
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


def test_summary_counts_only_the_selected_cards(tmp_path, deck):
    (deck / "other.md").write_text("---\ndeck: langs\n---\nQ: chat?\nA: cat\n\nQ: chien?\nA: dog\n")
    database = collection.open_collection(tmp_path / "sel.db")
    sources.import_paths(database, [deck])
    due_today = scheduling.Schedule(state="review", stability=5.0, difficulty=5.0, due=START + timedelta(hours=2),
                                   last_review=START - timedelta(days=5), reps=3)
    due_tomorrow = replace(due_today, due=START + timedelta(days=1))
    langs = [row["id"] for row in collection.review_cards(database, decks=("langs",))]
    collection.set_schedule(database, langs[0], due_today.to_row())
    collection.set_schedule(database, langs[1], due_tomorrow.to_row())
    _, out, _ = session(database, ["", "4", "", "4", "", "4"], selection=Selection(decks=("act",)))
    assert out.endswith("Done: 3 cards, again 0%, 24s.\nDue tomorrow: 0 cards.\n")  # no new card left in 'act'
    _, out, _ = session(database, ["q"], selection=Selection(decks=("langs",)))
    assert out.endswith("Still due today: 1 card.\nDue tomorrow: 1 card.\n")
    _, out, _ = session(database, ["q"])
    assert out.endswith("Still due today: 1 card.\nDue tomorrow: 1 card.\n")  # act's cards: due in 4+ days


def test_cram_summary_ends_without_a_blank_line(db):
    _, out, _ = session(db, ["", "3", "q"], selection=Selection(cram=True))
    assert out.endswith("1 done · 2 left\nDone: 1 card, again 0%, 12s.\n")


def test_siblings_are_buried_when_one_is_answered(tmp_path):
    folder = tmp_path / "rev"
    folder.mkdir()
    (folder / "words.md").write_text("epoch ::: one full pass over the training set\n\nbatch ::: a slice of the data\n")
    database = collection.open_collection(tmp_path / "rev.db")
    sources.import_paths(database, [folder])
    notes = {row["id"]: row["note_id"] for row in database.query("SELECT id, note_id FROM cards")}
    summary, out, _ = session(database, ["", "4", "", "4", "q"])
    answered = [log["card_id"] for log in revlog(database)]
    assert len({notes[i] for i in answered}) == 2  # one card of each note
    for card_id in set(notes) - set(answered):
        assert card(database, card_id)["buried_until"] == "2026-03-03T04:00:00+00:00"
    session(database, ["u", "u", "q"])  # a new session cannot undo the old one's answers
    assert len(revlog(database)) == 2


def test_undo_unburies_the_sibling(tmp_path):
    folder = tmp_path / "rev"
    folder.mkdir()
    (folder / "words.md").write_text("epoch ::: one full pass over the training set\n\nbatch :: a slice\n")
    database = collection.open_collection(tmp_path / "rev.db")
    sources.import_paths(database, [folder])
    _, out, _ = session(database, ["", "4", "u", "q"])
    assert [row["buried_until"] for row in database.query("SELECT buried_until FROM cards")] == [None] * 3
    assert revlog(database) == []


def test_leech_is_tagged_suspended_and_told(db):
    lapsing = scheduling.Schedule(state="review", stability=3.0, difficulty=8.0, due=START,
                                 last_review=START - timedelta(days=3), reps=20, lapses=7)
    collection.set_schedule(db, 3, lapsing.to_row())
    summary, out, _ = session(db, ["", "1", "q"], selection=Selection(new_limit=0), width=200)
    assert card(db, 3)["suspended"] == 1 and card(db, 3)["lapses"] == 8
    assert "leech" in json.loads(card(db, 3)["tags"])
    assert "Card 3 is a leech (8 lapses): tagged 'leech' and suspended it." in out
    assert [leech.card_id for leech in summary.leeches] == [3]
    assert out.endswith(
        "Leeches found: 1 (tagged 'leech'); consider rewriting it:\n"
        f"  card 3  {db_source(db, 3)}:13  (suspended)\n"
        "Due tomorrow: 0 cards (2 new not yet studied, 0 a day).\n"  # --new 0
    )


def test_undoing_the_leech_answer_takes_it_off_the_summary(db):
    lapsing = scheduling.Schedule(state="review", stability=3.0, difficulty=8.0, due=START,
                                 last_review=START - timedelta(days=3), reps=20, lapses=7)
    collection.set_schedule(db, 3, lapsing.to_row())
    summary, out, _ = session(db, ["", "1", "u", "q"], selection=Selection(new_limit=1))
    assert "Card 3 is a leech" in out and "Undone: card 3." in out
    assert summary.leeches == [] and "Leeches found" not in out
    assert card(db, 3)["suspended"] == 0 and "leech" not in json.loads(card(db, 3)["tags"])


def test_bury_says_when_the_card_comes_back():
    from zoneinfo import ZoneInfo

    from revise.review.session import _when

    berlin = ZoneInfo("Europe/Berlin")
    evening, night = datetime(2026, 3, 2, 21, tzinfo=berlin), datetime(2026, 3, 3, 1, tzinfo=berlin)
    assert _when(scheduling.next_day_start(evening, 4, berlin), evening, berlin) == "04:00 tomorrow"
    assert _when(scheduling.next_day_start(night, 4, berlin), night, berlin) == "04:00 today"  # before 4 am
    assert _when(datetime(2026, 3, 5, 4, tzinfo=berlin), evening, berlin) == "04:00 Thu 5 Mar"


def db_source(db, card_id):
    return card(db, card_id)["source"]


@pytest.mark.parametrize(
    "keys, message",
    [
        (["b"], "Buried until 04:00 tomorrow: card 1."),
        (["s"], "Suspended: card 1."),
        (["", "3", "", "u"], "Undone: card 1."),
        (["u"], "Nothing to undo."),
    ],
)
def test_in_a_terminal_a_message_stays_on_the_next_screen(db, keys, message):
    _, out, _ = session(db, [*keys, "", "q"], terminal=True)
    shown = screens(out)
    assert message not in shown[0] or keys == ["u"]
    assert message in shown[-2] and message in shown[-1]  # on the next card, question and revealed
    assert out.count(message) == 2


def test_in_a_terminal_the_leech_notice_and_editor_error_are_not_wiped(db, monkeypatch):
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.delenv("VISUAL", raising=False)
    lapsing = scheduling.Schedule(state="review", stability=3.0, difficulty=8.0, due=START,
                                 last_review=START - timedelta(days=3), reps=20, lapses=7)
    collection.set_schedule(db, 3, lapsing.to_row())
    _, out, _ = session(db, ["", "1", "e", "q"], selection=Selection(new_limit=1), terminal=True, width=200)
    last = screens(out)[-1]
    assert "Card 3 is a leech (8 lapses)" in last and f"{db_source(db, 3)}:13" in last
    assert "Error: cannot run the editor '/nonexistent/editor'" in last
    assert "What does ReLU compute?" in last


def test_in_a_terminal_messages_after_the_last_screen_come_before_the_summary(db):
    _, out, _ = session(db, ["b", "b", "b"], terminal=True)
    tail = out.rsplit(CLEAR, 1)[1]
    assert "Buried until 04:00 tomorrow: card 3.\nDone: 0 cards" in tail


def test_in_a_terminal_problems_printed_before_wait_for_a_key(db):
    _, out, script = session(db, [" ", "", "q"], terminal=True, wait_first="2 warnings above.")
    assert out.startswith("2 warnings above. Press a key to start reviewing, q to quit.\n" + CLEAR)
    assert "max(0, z)" in screens(out)[-1]  # the first key started, the second revealed
    _, out, _ = session(db, ["q", "", "3"], terminal=True, wait_first="2 warnings above.")
    assert CLEAR not in out and revlog(db) == []
    _, out, _ = session(db, ["", "q"], wait_first="2 warnings above.")  # not a terminal: nothing to wait for
    assert out.startswith("act\n")


def test_problems_of_re_reading_an_edited_file_are_told(db):
    def break_card(path, line):
        Path(path).write_text(DECK + "\nQ: a question without its answer\n")

    _, out, _ = session(db, ["e", "q"], edit=break_card, terminal=True, width=200,
                        sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]))
    last = screens(out)[-1]
    assert "Warning: " in last and "act.md:16: 'Q:' without an 'A:'" in last


def test_cram_leaves_the_schedule_alone(db):
    before = [card(db, i) for i in (1, 2, 3)]
    summary, out, _ = session(db, ["", "1", "", "3", "", "3", "", "3", "q"], selection=Selection(cram=True))
    assert [card(db, i) for i in (1, 2, 3)] == before
    assert [log["kind"] for log in revlog(db)] == ["cram"] * 4
    assert [log["card_id"] for log in revlog(db)] == [1, 2, 3, 1]  # Again comes back a few cards later
    assert "1 Again   2 Hard   3 Good   4 Easy" in out


def test_selection_by_tag_and_deck(tmp_path, deck):
    (deck / "other.md").write_text("---\ndeck: langs\n---\nQ: chat? #french\nA: cat\n")
    database = collection.open_collection(tmp_path / "sel.db")
    sources.import_paths(database, [deck])
    _, out, _ = session(database, ["", "3", "q"], selection=Selection(tags=("french",)))
    _, out2, _ = session(database, ["q"], selection=Selection(decks=("act",)))
    assert "chat?" in out and "new 1 ·" in out
    assert "chat?" not in out2 and "new 3 ·" in out2


def test_edit_opens_the_file_then_shows_the_card_again(db, deck):
    edits = []

    def edit(path, line):
        edits.append((path, line))
        text = Path(path).read_text().replace("What does ReLU compute?", "What does ReLU output?")
        Path(path).write_text(text)

    _, out, _ = session(db, ["e", "q"], edit=edit, sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]))
    assert edits == [(str(deck / "act.md"), 5)]
    assert "What does ReLU output?" in out.split("What does ReLU compute?", 1)[1]


def test_control_characters_in_deck_and_heading_are_inert(tmp_path):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "x.md").write_text("---\ndeck: \"bad\\u001b[31mdeck\"\n---\n# head\x07ing\n\nQ: q\x1b[2J?\nA: a\n")
    database = collection.open_collection(tmp_path / "evil.db")
    sources.import_paths(database, [folder])
    _, out, _ = session(database, ["", "q"])
    assert "q" in out and "deck" in out and "head" in out
    assert "\x1b" not in out and "\x07" not in out


def test_line_keys_from_a_pipe():
    read, write = os.pipe()
    os.write(write, b"\n3\n q \nlast")
    keys = LineKeys(os.fdopen(read, "rb", buffering=0))
    assert [keys(None), keys(None), keys(None)] == ["", "3", "q"]
    assert keys(0.05) is None  # "last" has no newline yet and the pipe is still open
    os.close(write)
    assert keys(None) == "last"
    with pytest.raises(EOFError):
        keys(None)


@pytest.mark.parametrize(
    "editor, command",
    [
        ("vim", ["vim", "+7", "/n/a b.md"]),
        ("emacs -nw", ["emacs", "-nw", "+7", "/n/a b.md"]),
        ("code", ["code", "--wait", "-g", "/n/a b.md:7"]),
        ("/usr/bin/codium -w", ["/usr/bin/codium", "-w", "-g", "/n/a b.md:7"]),
        ("subl", ["subl", "--wait", "/n/a b.md:7"]),
    ],
)
def test_editor_command(editor, command):
    assert editor_command(editor, "/n/a b.md", 7) == command


def test_missing_editor_is_reported_and_the_session_goes_on(db, monkeypatch):
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.delenv("VISUAL", raising=False)
    summary, out, _ = session(db, ["e", "", "3", "q"])
    assert "Error: cannot run the editor '/nonexistent/editor'" in out
    assert summary.answered == 1


def test_card_edited_away_is_skipped(db, deck):
    def rewrite(path, line):
        Path(path).write_text(DECK.replace("Q: What does ReLU compute?\nA: max(0, z)\n", ""))

    summary, out, _ = session(db, ["e", "", "3", "q"], edit=rewrite,
                              sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]))
    assert "Card 1 is no longer in its note (edited away): skipped." in out
    assert [log["card_id"] for log in revlog(db)] == [2]


def test_a_card_taller_than_the_terminal_keeps_its_heading_and_question(tmp_path):
    folder = tmp_path / "tall"
    folder.mkdir()
    answer = "\n".join(f"- step {i}" for i in range(1, 41))
    (folder / "t.md").write_text(f"Q: How is it done?\nA: Like this:\n\n{answer}\n")
    database = collection.open_collection(tmp_path / "tall.db")
    sources.import_paths(database, [folder])
    _, out, _ = session(database, ["", "q"], terminal=True, height=20)
    revealed = screens(out)[-1].split("Done:")[0].splitlines()
    assert len(revealed) == 19  # the 20th line is the cursor's
    assert revealed[0] == "t" and revealed[2].startswith("How is it done?")
    assert revealed[-4].startswith("… 31 more lines (a taller window shows them; e opens the file)")
    assert revealed[-2].startswith("1 Again 1m   2 Hard 6m")
    _, out, _ = session(database, ["", "q"], height=20)  # not a terminal: nothing is cut
    assert "step 40" in out


def test_summary_counts_answers_and_distinct_cards(db):
    keys = ["", "1", "", "3", "", "3", "", "4", TIMEOUT, TIMEOUT, "", "3", "q"]  # card 1 answered twice
    summary, out, _ = session(db, keys)
    assert summary.answered == 4 and summary.cards == 3
    assert "Done: 4 answers to 3 cards, again 25%, 1m 20s.\n" in out


def test_an_undone_answer_counts_as_neither_answer_nor_card(db):
    summary, out, _ = session(db, ["", "1", "u", "", "3", "q"])
    assert (summary.answered, summary.cards) == (1, 1) and "Done: 1 card, again 0%, 24s.\n" in out


def test_summary_says_how_many_new_cards_tomorrow_may_bring(db):
    _, out, _ = session(db, ["q"], config=Config(default=Settings(new_per_day=2)))
    assert out.endswith("Due tomorrow: 0 cards, plus up to 2 new cards (3 not yet studied).\n")
    _, out, _ = session(db, ["q"], selection=Selection(new_limit=1))  # --new replaces new_per_day
    assert out.endswith("Due tomorrow: 0 cards, plus up to 1 new card (3 not yet studied).\n")
    elsewhere = Config(decks=(("langs", Settings(new_per_day=5)),))  # no card of the selection in it
    _, out, _ = session(db, ["q"], config=elsewhere)
    assert out.endswith("Due tomorrow: 0 cards, plus up to 3 new cards (3 not yet studied).\n")
    for name in ("act", "a"):  # an override with limits of its own: no single limit to tell
        config = Config(decks=((name, Settings(new_per_day=5)),))
        _, out, _ = session(db, ["q"], config=config, selection=Selection(decks=("act",)))
        assert out.endswith("Due tomorrow: 0 cards, plus new cards (3 not yet studied).\n") == (name == "act")


def test_in_a_terminal_the_summary_clears_the_last_card(db):
    _, out, _ = session(db, ["", "3", "b", "b"], terminal=True)  # the last bury's notice is still to tell
    last = summary_screen(out)
    assert last.startswith("Buried until 04:00 tomorrow: card 3.\nDone: 1 card, again 0%")
    assert "done ·" not in last and "What" not in last  # no stale counts, no card
    _, out, _ = session(db, ["q"])  # not a terminal: nothing is cleared
    assert CLEAR not in out and "Done: 0 cards" in out
    _, out, _ = session(db, ["q"], terminal=True, selection=Selection(limit=0))  # no screen was drawn
    assert CLEAR not in out and out.startswith("Nothing to review now.\nDone: 0 cards")


def test_waiting_screen_shows_seconds_under_a_minute(db):
    config = Config(default=Settings(learning_steps=(0.5, 10.0)))
    _, out, script = session(db, ["", "1", TIMEOUT, "", "3", TIMEOUT, "q"], config=config, selection=Selection(limit=1))
    assert re.findall(r"due in (\S+) \(at (\S+)\)", out)[0] == ("30s", "12:00")
    assert script.waits[0] == 30
