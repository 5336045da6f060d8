"""revise.stats.view: the whole screen at several widths, its colours, and user text kept inert."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from rich.console import Console

from revise.errors import ReviseError
from revise.stats.view import render_stats
from tests.stats.builders import NOW, add_card, add_review, stats_of, build_cards, review_history, render


@pytest.mark.parametrize("width", [80, 60, 40])
def test_screen_fits_the_terminal_without_cutting_anything(db, width):
    build_cards(db)
    review_history(db)
    lines = render(stats_of(db), width)
    text = "\n".join(lines)
    for heading in ("Today", "Cards", "Decks", "Retention (desired 90.0%)", "Reviews, last 26 weeks",
                    "Forecast, next 30 days", "Hardest cards"):
        assert heading in text
    assert "Mon" in text and "Sun" in text and "less · ░ ▒ ▓ █ more" in text
    assert "week1.md:1 (suspended)" in text
    assert "…" not in text  # short deck names and fronts: an ellipsis would be a figure or a caption cut by rich
    assert "due today (with overdue) 3" in text and "up to 2 a day" in text


@pytest.mark.parametrize("width, title, headings", [
    (80, "revise stats · all decks · Wed 18 Mar 2026", ["Today  Cards  Progress"]),
    (60, "revise stats · all decks · Wed 18 Mar 2026", ["Today  Cards  Progress"]),
    (40, "revise stats · all decks · 18 Mar 2026", ["Today  Cards", "", "Progress"]),
])
def test_title_fits_and_stacked_blocks_are_apart(db, width, title, headings):
    build_cards(db)
    lines = [line.rstrip() for line in render(stats_of(db), width)]
    assert lines[:2] == [title, ""]
    overview = lines[2:lines.index("Decks") - 1]
    # the heading lines of the blocks, and the blank lines between blocks stacked in rows
    shown = [" ".join(line.split()) for line in overview if not line or line.split()[0] in ("Today", "Cards", "Progress")]
    assert shown == [" ".join(h.split()) for h in headings]


def colour_codes(text: str) -> set[str]:
    """Foreground colour parameters among the SGR escape sequences of `text`."""
    import re

    params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", text) for p in seq.split(";")]
    return {p for p in params if p.isdigit() and (30 <= int(p) <= 38 or 90 <= int(p) <= 97)}


def test_colour_follows_the_terminal_and_no_color(db, monkeypatch):
    build_cards(db)
    review_history(db)
    stats = stats_of(db)

    def screen() -> str:
        console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="256")
        console.print(render_stats(stats))
        return console.file.getvalue()

    assert colour_codes(screen())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = screen()
    assert not colour_codes(plain)
    assert "░" in plain or "▒" in plain or "█" in plain  # the heatmap still reads without colour


@pytest.mark.parametrize("width, weeks, per_bar", [(80, 38, 6), (60, 28, 7), (40, 18, 11)])
def test_a_long_span_is_squeezed_to_fit(db, width, weeks, per_bar):
    build_cards(db)
    review_history(db)
    lines = render(stats_of(db, days=400), width)
    text = "\n".join(lines)
    assert f"    only the last {weeks} weeks fit" in lines and f"a bar is {per_bar} days" in lines
    assert "Forecast, next 400 days" in text and "Reviews, last 58 weeks" in text
    assert "…" not in text


def test_short_spans_read_in_the_singular(db):
    add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    text = "\n".join(render(stats_of(db, days=1), 80))
    assert "Reviews, this week" in text and "Forecast, today" in text
    assert "due today (with overdue) 1\n" in text + "\n" and "next 7 days" not in text
    text = "\n".join(render(stats_of(db, days=3), 80))
    assert "due today (with overdue) 1 · next 3 days 1\n" in text + "\n"
    text = "\n".join(render(stats_of(db, days=10), 80))
    assert "Reviews, last 2 weeks" in text and "due today (with overdue) 1 · next 7 days 1 · 10 days 1" in text

# --- user text is inert ----------------------------------------------------------------------

def test_card_text_deck_names_and_paths_cannot_reach_the_terminal(db):
    evil = "What \x1b[31mred\x1b[0m\x1b]0;pwned\x07 is this?"
    card = add_card(db, deck="course::\x1b[2Jweek\x9b1", stability=5, due=NOW, last_review=NOW - timedelta(days=2),
                    lapses=3, front=evil, source="/notes/\x1b[5mweek1.md")
    add_review(db, card, NOW - timedelta(hours=1), 3, "review", 5, NOW - timedelta(days=3), NOW)
    for deck in (None, "course"):
        text = "\n".join(render(stats_of(db, deck=deck), 80))
        assert not any(ch in text for ch in "\x1b\x07\x9b")
        assert "What ␛[31mred␛[0m␛]0;pwned␇ is this?" in text and "␛[5mweek1.md:1" in text and "  ␛[2Jweek<9B>1" in text
    with pytest.raises(ReviseError) as error:
        stats_of(db, deck="nope")
    assert "\x1b" not in str(error.value) and "course::␛[2Jweek<9B>1" in str(error.value)


def test_hardest_cards_show_math_as_review_does(db):
    card = add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=2), lapses=4,
                    front="Why add $\\varepsilon$ to $\\sqrt{v}$?")
    add_review(db, card, NOW - timedelta(hours=1), 1, "review", 5, NOW - timedelta(days=3), NOW)
    text = "\n".join(render(stats_of(db), 80))
    assert "Why add ε to √v?" in text and "varepsilon" not in text
