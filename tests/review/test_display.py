"""What a session draws: in a terminal each screen clears the last and carries the messages; a tall
card is cut to fit; control characters stay inert."""

from datetime import timedelta

import pytest

from revise import collection, scheduling
from revise.review.selection import Selection
from tests.review.scripted import START, session, CLEAR, screens, summary_screen, db_source


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


def test_in_a_terminal_the_summary_clears_the_last_card(db):
    _, out, _ = session(db, ["", "3", "b", "b"], terminal=True)  # the last bury's notice is still to tell
    last = summary_screen(out)
    assert last.startswith("Buried until 04:00 tomorrow: card 3.\nDone: 1 card, again 0%")
    assert "done ·" not in last and "What" not in last  # no stale counts, no card
    _, out, _ = session(db, ["q"])  # not a terminal: nothing is cleared
    assert CLEAR not in out and "Done: 0 cards" in out
    _, out, _ = session(db, ["q"], terminal=True, selection=Selection(limit=0))  # no screen was drawn
    assert CLEAR not in out and out.startswith("Nothing to review now.\nDone: 0 cards")


def test_a_card_taller_than_the_terminal_keeps_its_heading_and_question(notes_db):
    answer = "\n".join(f"- step {i}" for i in range(1, 41))
    database = notes_db("tall", {"t.md": f"Q: How is it done?\nA: Like this:\n\n{answer}\n"})
    _, out, _ = session(database, ["", "q"], terminal=True, height=20)
    revealed = screens(out)[-1].split("Done:")[0].splitlines()
    assert len(revealed) == 19  # the 20th line is the cursor's
    assert revealed[0] == "t" and revealed[2].startswith("How is it done?")
    assert revealed[-4].startswith("… 31 more lines (a taller window shows them; e opens the file)")
    assert revealed[-2].startswith("1 Again 1m   2 Hard 6m")
    _, out, _ = session(database, ["", "q"], height=20)  # not a terminal: nothing is cut
    assert "step 40" in out


def test_control_characters_in_deck_and_heading_are_inert(notes_db):
    database = notes_db("evil", {"x.md": "---\ndeck: \"bad\\u001b[31mdeck\"\n---\n# head\x07ing\n\nQ: q\x1b[2J?\nA: a\n"})
    _, out, _ = session(database, ["", "q"])
    assert "q" in out and "deck" in out and "head" in out
    assert "\x1b" not in out and "\x07" not in out
