"""Computing the graphs' figures: the rows `collection.read_graphs` returns, the period and the
settings → `Graphs`. Pure apart from `collect_graphs`, which makes the one read."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from revise.config import Config
from revise.errors import ReviseError
from revise.stats.curves import curve_overrides, fsrs_curve, main_settings
from revise.stats.figures import MAX_DAYS
from revise.stats.graphs.figures import BUTTON_GROUPS, GRAPH_DAYS, DayAnswers, Distribution, Graphs
from revise.stats.span import Span, make_span
from revise.stats.text import one_line

if TYPE_CHECKING:
    from revise.collection import GraphsRows


def collect_graphs(db, now: datetime, tz: tzinfo | None, config: Config, deck: str | None = None,
                   days: int | None = None) -> Graphs:
    """Read and compute the graphs of the `days` study days up to `now` (tz None: the system's zone)."""
    from revise import collection

    days = GRAPH_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ReviseError(f"--days must be from 1 to {MAX_DAYS} (100 years), not {days}.")
    if deck is not None and not _has_deck(collection.deck_names(db), deck):
        known = ", ".join(map(one_line, collection.deck_names(db)[:10])) or "none yet (run revise import)"
        raise ReviseError(f"no cards in a deck named '{one_line(deck)}'. Decks: {known}.")
    span = make_span(now, tz, main_settings(config, deck), days)
    ranges = span.day_ranges(span.today - timedelta(days=days - 1), span.today)
    first = collection.first_answer(db, deck)
    # the days before the first answer hold none: a long period costs no more than the history
    asked = [(i, day) for i, day in enumerate(ranges) if first is not None and day[2] > first]
    query = collection.GraphsQuery(
        deck=deck, days=[(i, start, end) for i, (_, start, end) in asked],
        hours=clock_hours(asked, span), now=span.now_s,
        curve=fsrs_curve(main_settings(config, deck)), deck_curves=tuple(curve_overrides(config, deck)))
    return compute_graphs(collection.read_graphs(db, query), span, [day for day, _, _ in ranges], deck)


def _has_deck(names: list[str], deck: str) -> bool:
    return any(name == deck or name.startswith(deck + "::") for name in names)


def clock_hours(days: list[tuple[int, tuple[str, int, int]]], span: Span) -> list[tuple[int, int, int, int]]:
    """(day index, local hour, start, end) of each clock hour of the (index, study day) `days`."""
    hours = []
    for index, (_, start, end) in days:
        for moment in range(start, end, 3600):  # a study day starts on the hour, local time
            hour = datetime.fromtimestamp(moment, span.tz).hour if span.tz else datetime.fromtimestamp(moment).hour
            hours.append((index, hour, moment, min(moment + 3600, end)))
    return hours


def compute_graphs(rows: GraphsRows, span: Span, days: list[str], deck: str | None) -> Graphs:
    """Turn the rows read for the period's `days` (ISO dates) into `Graphs`."""
    from datetime import date

    per_day = [dict(day=date.fromisoformat(d)) for d in days]
    buttons = _tally_answers(rows.answers, per_day)
    hours = _tally_hours(rows.hours, per_day)
    retrievability = Distribution(tuple((b, n) for b, n, _ in sorted(rows.retrievability)),
                                  _mean(rows.retrievability))
    return Graphs(
        now=span.now, today=span.today, deck=deck, days=tuple(DayAnswers(**d) for d in per_day),
        buttons=buttons, hours=hours, intervals=_distribution(rows.intervals), stability=_distribution(rows.stability),
        difficulty=Distribution(tuple(sorted(rows.difficulty)), _difficulty_percent(rows.difficulty_median)),
        retrievability=retrievability, recall_sum=sum(r for _, _, r in rows.retrievability),
    )


def _tally_answers(answers, per_day: list[dict]) -> dict[str, tuple[int, int, int, int]]:
    """Add each (day, state, mature) row's answers into `per_day`; the answers per button by group."""
    buttons = {group: [0, 0, 0, 0] for group in BUTTON_GROUPS}
    for index, state, mature, (count, again, hard, good) in answers:
        kind = ("mature" if mature else "young") if state == "review" else state
        figures = per_day[index]
        figures[kind] = figures.get(kind, 0) + count
        if state == "review":
            figures[f"{kind}_passed"] = figures.get(f"{kind}_passed", 0) + count - again
        counts = buttons[kind if state == "review" else "learning"]
        for button, n in enumerate((again, hard, good, count - again - hard - good)):
            counts[button] += n
    return {group: tuple(counts) for group, counts in buttons.items()}


def _tally_hours(rows, per_day: list[dict]) -> tuple[tuple[int, int], ...]:
    """(answers, passed) per local hour; each day's seconds added into `per_day`."""
    hours = [[0, 0] for _ in range(24)]
    for index, hour, (answers, passed, milliseconds) in rows:
        hours[hour][0] += int(answers)
        hours[hour][1] += int(passed)
        per_day[index]["seconds"] = per_day[index].get("seconds", 0.0) + milliseconds / 1000
    return tuple(map(tuple, hours))


def _distribution(counts: list[tuple[int, int]]) -> Distribution:
    """Cards per whole value, with the median value (of the values, as Anki's median interval)."""
    counts = sorted(counts)
    return Distribution(tuple(counts), median(counts))


def median(counts: list[tuple[int, int]]) -> float | None:
    """The median of the values that `counts` (value, how many; ascending) hold."""
    total = sum(n for _, n in counts)
    if not total:
        return None
    wanted, seen, found = ((total - 1) // 2, total // 2), 0, []
    for value, n in counts:
        found += [value] * sum(seen <= w < seen + n for w in wanted)
        seen += n
    return sum(found) / 2


def _mean(rows: list[tuple[int, int, float]]) -> float | None:
    cards = sum(n for _, n, _ in rows)
    return sum(r for _, _, r in rows) / cards if cards else None


def _difficulty_percent(difficulty: float | None) -> float | None:
    """FSRS's difficulty (1–10) as Anki shows it: a percent of that range."""
    return None if difficulty is None else (difficulty - 1) / 9 * 100
