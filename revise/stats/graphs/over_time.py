"""The graphs over the period's days: reviews per day by kind of card, and true retention."""

from __future__ import annotations

import math

from revise.scheduling import format_duration
from revise.stats.graphs.drawing import bar_step, columns, grouped
from revise.stats.graphs.figures import DayAnswers
from revise.stats.tables import _figure_table, _width
from revise.stats.text import packed, percent

# bottom to top, as Anki stacks its Reviews graph: mature, young, (re)learning, new
KINDS = (("mature", "█", "green4"), ("young", "▓", "green3"), ("learning", "▒", "dark_orange"), ("new", "░", "blue"))
HEIGHT = 8


def _room(width: int, label: str) -> int:
    return max(1, width - len(label) - 1)


def _fit(days: tuple[DayAnswers, ...], room: int) -> tuple[list[list[DayAnswers]], int]:
    """The days in bars that fit `room` columns, and days per bar."""
    per_bar = max(1, math.ceil(len(days) / room))
    return grouped(list(days), per_bar), per_bar


def _dates(bars: list[list[DayAnswers]], label: int, step: int, width: int):
    """The first bar's date at the left, `today` under the last bar."""
    from rich.text import Text

    first = bars[0][0].day
    left, right = f"{first.day} {first:%b %Y}", "today"
    end = label + 1 + (len(bars) - 1) * step + 1
    line = " " * (label + 1) + left
    if end - len(right) >= len(line) + 2 and end <= width:
        line += " " * (end - len(right) - len(line)) + right
    return Text(line, style="dim")


def _caption(per_bar: int, days: int) -> str:
    return f"a bar is {per_bar} days" if per_bar > 1 else ("a bar is a day" if days > 1 else "")


class ReviewsGraph:
    """Answers per day, stacked by the card's kind before the answer (learning includes relearning)."""

    def __init__(self, days: tuple[DayAnswers, ...]) -> None:
        self.days = days

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not any(d.total for d in self.days):
            yield Text(f"no reviews in the last {len(self.days)} days", style="dim")
            return
        probe = f"{max(d.total for d in self.days) * len(self.days):,}"  # the widest a bar's label can be
        bars, per_bar = _fit(self.days, _room(options.max_width, probe))
        totals = [kind_totals(group) for group in bars]
        peak = max(sum(t.values()) for t in totals)
        step = bar_step(len(bars), _room(options.max_width, f"{peak:,}"))
        stacks = [[(t[name], glyph, style) for name, glyph, style in KINDS] for t in totals]
        yield from columns(stacks, HEIGHT, (f"{peak:,}", "0"), 0, peak, step)
        yield _dates(bars, len(f"{peak:,}"), step, options.max_width)
        yield from self._legend(options.max_width, per_bar)

    def _legend(self, width: int, per_bar: int):
        from rich.text import Text

        kinds = kind_totals(list(self.days))
        parts = [f"{glyph} {name} {kinds[name]:,}" for name, glyph, _ in reversed(KINDS)]
        parts += period_summary(self.days)
        parts += [_caption(per_bar, len(self.days))] if per_bar > 1 else []
        return [Text(line, style="dim") for line in packed(parts, width, " · ")]


def kind_totals(days: list[DayAnswers]) -> dict[str, int]:
    """The answers of `days` by kind, as the Reviews graph stacks them (learning includes relearning)."""
    return {"mature": sum(d.mature for d in days), "young": sum(d.young for d in days),
            "learning": sum(d.learning + d.relearning for d in days), "new": sum(d.new for d in days)}


def period_summary(days: tuple[DayAnswers, ...]) -> list[str]:
    """The Reviews graph's figures of the period: days studied, total, per day, time (days with answers)."""
    total, studied = sum(d.total for d in days), sum(1 for d in days if d.total)
    seconds = sum(d.seconds for d in days)
    return [f"days studied {studied:,} of {len(days):,}", f"total {total:,}",
            f"{total / len(days):,.0f} a day", f"{total / studied:,.0f} a day studied",
            f"time {format_duration(seconds)}", f"{seconds / total:.1f}s an answer"]


# Anki's True Retention table: its rows, as (title, days back from today)
PERIODS = (("Today", 1), ("Yesterday", 2), ("Last week", 7), ("Last month", 30), ("Last year", 365))


class RetentionGraph:
    """True retention (answers of review cards other than Again) per bar, then Anki's table of it."""

    height = 6

    def __init__(self, days: tuple[DayAnswers, ...]) -> None:
        self.days = days

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not any(d.young + d.mature for d in self.days):
            yield Text(f"no answers of review cards in the last {len(self.days)} days", style="dim")
            return
        bars, per_bar = _fit(self.days, _room(options.max_width, "100%"))
        rates = [rate(group) for group in bars]
        low = math.floor(min(r for r in rates if r is not None) * 20) / 20  # the 5% step below the lowest
        step = bar_step(len(bars), _room(options.max_width, "100%"))
        stacks = [[] if r is None else [(r, "█", "green3")] for r in rates]
        yield from columns(stacks, self.height, ("100%", f"{low:.0%}"), low - 1e-9, 1.0, step)
        yield _dates(bars, 4, step, options.max_width)
        if per_bar > 1:
            yield Text(_caption(per_bar, len(self.days)), style="dim")
        yield Text()
        yield self._table(options.max_width)

    def _table(self, width: int):
        headers, rows = RETENTION_HEADERS, retention_rows(self.days)
        if _width(headers, rows) > width:  # the count makes way first
            headers, rows = headers[:-1], [row[:-1] for row in rows]
        return _figure_table(headers, rows)


RETENTION_HEADERS = ("", "Young", "Mature", "All", "Answers")


def retention_rows(days: tuple[DayAnswers, ...]) -> list[tuple[str, ...]]:
    """Anki's True Retention table: per period inside `days`, young, mature and all, and the answers."""
    rows = []
    for title, back in PERIODS:
        if back > len(days):
            break
        period = days[-back:] if title != "Yesterday" else days[-2:-1]
        young, mature = sum(d.young for d in period), sum(d.mature for d in period)
        young_passed, mature_passed = sum(d.young_passed for d in period), sum(d.mature_passed for d in period)
        rows.append((title, percent(young_passed / young if young else None),
                     percent(mature_passed / mature if mature else None), percent(rate(period)), f"{young + mature:,}"))
    return rows


def rate(days: list[DayAnswers]) -> float | None:
    """True retention of `days`: the share of answers of review cards that were not Again (None: none)."""
    answers = sum(d.young + d.mature for d in days)
    return sum(d.young_passed + d.mature_passed for d in days) / answers if answers else None
