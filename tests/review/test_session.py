"""The review loop, driven by a scripted key source and clock on a real collection: the card's
screen, reveal and grade, quitting, waiting for learning cards, and the closing summary's counts."""

import re
from dataclasses import replace
from datetime import datetime, timedelta

from revise import collection, scheduling
from revise.config import Config, Settings
from revise.review.selection import Selection
from tests.review.scripted import ALT_SCREEN, START, TIMEOUT, UTC, Script, session, CLEAR, screens, revlog


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


def test_quit_in_the_middle_keeps_the_answers(db):
    summary, out, _ = session(db, ["", "3", "", "q"])
    assert summary.answered == 1 and len(revlog(db)) == 1
    assert out.endswith("Done: 1 card, again 0%, 8s.\nStill due today: 1 card.\nDue tomorrow: 0 cards, plus up to 2 new cards (2 not yet studied).\n")


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
    from revise.review.terminal import REDRAW

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


def test_in_a_terminal_problems_printed_before_wait_for_a_key(db):
    _, out, script = session(db, [" ", "", "q"], terminal=True, wait_first="2 warnings above.")
    # the message stays on the normal screen; the cards come on the alternate one
    assert out.startswith("2 warnings above. Press a key to start reviewing, q to quit.\n" + ALT_SCREEN)
    assert "max(0, z)" in screens(out)[-1]  # the first key started, the second revealed
    _, out, _ = session(db, ["q", "", "3"], terminal=True, wait_first="2 warnings above.")
    assert CLEAR not in out and revlog(db) == []
    _, out, _ = session(db, ["", "q"], wait_first="2 warnings above.")  # not a terminal: nothing to wait for
    assert out.startswith("act\n")


def test_summary_counts_only_the_selected_cards(notes_db, deck):
    database = notes_db("sel", {"other.md": "---\ndeck: langs\n---\nQ: chat?\nA: cat\n\nQ: chien?\nA: dog\n"}, folder=deck)
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
    assert out.endswith("1 done · 2 left\nDone: 1 card, again 0%, 8s.\n")


def test_bury_says_when_the_card_comes_back():
    from zoneinfo import ZoneInfo

    from revise.review.steps import _when

    berlin = ZoneInfo("Europe/Berlin")
    evening, night = datetime(2026, 3, 2, 21, tzinfo=berlin), datetime(2026, 3, 3, 1, tzinfo=berlin)
    assert _when(scheduling.next_day_start(evening, 4, berlin), evening, berlin) == "04:00 tomorrow"
    assert _when(scheduling.next_day_start(night, 4, berlin), night, berlin) == "04:00 today"  # before 4 am
    assert _when(datetime(2026, 3, 5, 4, tzinfo=berlin), evening, berlin) == "04:00 Thu 5 Mar"


def test_summary_counts_answers_and_distinct_cards(db):
    keys = ["", "1", "", "3", "", "3", "", "4", TIMEOUT, TIMEOUT, "", "3", "q"]  # card 1 answered twice
    summary, out, _ = session(db, keys)
    assert summary.answered == 4 and summary.cards == 3
    assert "Done: 4 answers to 3 cards, again 25%, 32s.\n" in out


def test_an_undone_answer_counts_as_neither_answer_nor_card(db):
    summary, out, _ = session(db, ["", "1", "u", "", "3", "q"])
    assert (summary.answered, summary.cards) == (1, 1) and "Done: 1 card, again 0%, 8s.\n" in out


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


def test_waiting_screen_shows_seconds_under_a_minute(db):
    config = Config(default=Settings(learning_steps=(0.5, 10.0)))
    _, out, script = session(db, ["", "1", TIMEOUT, "", "3", TIMEOUT, "q"], config=config, selection=Selection(limit=1))
    assert re.findall(r"due in (\S+) \(at (\S+)\)", out)[0] == ("30s", "12:00")
    assert script.waits[0] == 30



class _Idling(Script):
    """Scripted keys, where ("idle", seconds) lets that much time pass with no key."""

    def __call__(self, timeout=None):
        if self.keys and isinstance(self.keys[0], tuple):
            self.now += timedelta(seconds=self.keys.pop(0)[1])
            return None
        return super().__call__(timeout)


def test_summary_time_is_the_answers_recorded_time_as_stats_counts_it(db):
    """An answer left on screen for ten minutes (counted as one, as Anki does), an undone answer and
    twenty idle minutes before quitting: the summary says what `stats` says for the same answers."""
    import io

    from rich.console import Console

    from revise.review.session import Session
    from revise.stats import collect_stats

    script = _Idling(["", ("idle", 600), "3", "", "3", "u", "", "3", ("idle", 1200), "q"])
    console = Console(file=io.StringIO(), width=80, color_system=None)
    summary = Session(db, console, script, config=Config(), clock=script.clock, tz=UTC).run()
    stats = collect_stats(db, script.now, UTC, Config())
    assert (summary.answered, len(revlog(db))) == (2, 2)
    assert summary.seconds == stats.seconds_today == 60 + 8  # the session's wall clock says 30m 36s
    assert "Done: 2 cards, again 0%, 1m 08s." in console.file.getvalue()


def test_typed_answers_suggest_a_grade_that_enter_accepts(db):
    typed = list("max(0,Z)")  # case and spaces do not count: exact
    _, out, _ = session(db, [*typed, "\n", "\n"], type_answers=True)
    assert "typed     max(0,Z)\n✓ Exact. Enter: 3 Good, or 1–4." in out
    assert [log["rating"] for log in revlog(db)] == [3]


def test_a_digit_overrides_the_suggested_grade_and_esc_reveals_without_typing(db):
    _, out, _ = session(db, [*"max(0,x)", "\n", "4", "escape", "\n", "1"], type_answers=True)
    assert "≈ Close (88% alike). Enter: 2 Hard, or 1–4." in out
    assert out.count("typed ") == 1  # the second card, Esc: no comparison, Enter does not grade
    assert [log["rating"] for log in revlog(db)] == [4, 1]


def test_a_deck_setting_types_its_answers_and_long_answers_are_revealed_as_usual(notes_db):
    long = "x" * 100
    db = notes_db("typed", {"a.md": f"---\ndeck: words\n---\nepoch :: one pass\n\nQ: Long?\nA: {long}\n",
                            "b.md": "---\ndeck: other\n---\nQ: Not typed?\nA: no\n"})
    config = Config(decks=(("words", replace(Settings(), type_answers=True)),))
    _, out, _ = session(db, [*"one pass", "\n", "\n", "", "3", "", "3"], config=config)
    assert "✓ Exact." in out and out.count("typed ") == 1
    assert [log["rating"] for log in revlog(db)] == [3, 3, 3]


def test_in_a_terminal_the_typed_line_is_echoed_under_the_screen(db):
    _, out, _ = session(db, ["m", "a", "\x7f", "\n", "1"], terminal=True, type_answers=True)
    assert "\r\x1b[K› ma" in out and out.count("\r\x1b[K› ") == 5  # empty, m, ma, m; the next card empty
    assert "Enter check · Esc reveal without typing · Ctrl-C quit" in screens(out)[0]
    assert "typed     m\n" in screens(out)[1] and "Enter accept · u undo" in screens(out)[1]


def test_ctrl_c_ends_the_session_with_its_summary_then_interrupts(db):
    import pytest

    from revise.review.session import Session
    from rich.console import Console
    import io

    keys = iter(["", "3", KeyboardInterrupt])

    def source(timeout=None):
        key = next(keys)
        if key is KeyboardInterrupt:
            raise KeyboardInterrupt
        return key

    console = Console(file=io.StringIO(), width=80, color_system=None, force_terminal=True)
    run = Session(db, console, source, config=Config(), clock=lambda: START)
    with pytest.raises(KeyboardInterrupt):
        run.run()
    out = console.file.getvalue()
    assert out.index("\x1b[?1049l") < out.index("Done: 1 card")  # the summary on the normal screen
    assert len(revlog(db)) == 1
