"""The review screen, rendered to exact text at a given width: no database, no session, no clock."""

import io
import json
from datetime import datetime, timezone

import pytest
from rich.console import Console

from revise import scheduling
from revise.config import Settings
from revise.review.screen import card_screen, counts_text, grade_line, heading_lines, share_lines

START = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
# The review row of a first card, as store.review_card gives it (the fields the screen reads)
ROW = {"deck": "act", "headings": json.dumps(["Activation functions", "ReLU"]), "front": "What does ReLU compute?",
       "kind": "basic", "source": "/notes/act.md"}


def test_heading_repeating_the_deck_title_is_not_shown_twice():
    row = {"deck": "course::2 Improving Deep Networks", "headings": json.dumps(["Improving Deep Networks: tuning", "Week 1"])}
    assert heading_lines(row).plain == "course::2 Improving Deep Networks\nWeek 1"
    row = {"deck": "act", "headings": json.dumps(["Activation functions", "ReLU"])}
    assert heading_lines(row).plain == "act\nActivation functions › ReLU"


def rendered(renderable, width, height=None):
    console = Console(file=io.StringIO(), width=width, height=height or 100, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


PREVIEWS = scheduling.preview(1, scheduling.Schedule(), START, Settings())
COUNTS = {"new": 20, "learning": 0, "review": 3, "done": 0, "left": 23}


def test_narrow_grade_line_wraps_between_grades():
    assert rendered(grade_line(PREVIEWS), 40) == ["1 Again 1m   2 Hard 6m   3 Good 10m", "4 Easy 10d"]
    assert rendered(grade_line(PREVIEWS), 20) == ["1 Again 1m", "2 Hard 6m", "3 Good 10m", "4 Easy 10d"]


def test_narrow_counts_line_keeps_every_count():
    row = {"deck": "d", "headings": "[]", "front": "Q?", "kind": "basic", "source": None}
    top = [rendered(card_screen(row, revealed=False, counts=COUNTS), width)[1] for width in (80, 30, 16)]
    assert top == ["─" * 49 + " new 20 · learning 0 · review 3", "───────" + " new 20 · lrn 0 · rev 3",
                   "────── n20 l0 r3"]
    assert counts_text(COUNTS, form=2).plain == "n20 l0 r3"


@pytest.mark.parametrize("width", [30, 40, 60])
def test_narrow_key_line_wraps_between_keys(width):
    lines = rendered(card_screen(ROW, revealed=False, counts=COUNTS), width)
    keys = " ".join(lines[lines.index("─" * width) + 1:])
    for key in ["Space reveal", "u undo", "b bury", "s suspend", "e edit", "q quit", "0 done · 23 left"]:
        assert key in keys
    assert all(len(line) <= width for line in lines)


@pytest.mark.parametrize(
    "room, sizes, shares",
    [(20, [3, 10], [3, 10]), (10, [3, 30], [3, 7]), (10, [30, 3], [7, 3]), (10, [30, 30], [5, 5]), (1, [5, 5], [5, 5])],
)
def test_share_lines_gives_small_parts_all_theirs(room, sizes, shares):
    assert share_lines(room, sizes) == shares
