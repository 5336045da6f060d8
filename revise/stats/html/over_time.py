"""The graphs over time as SVG: reviews per day stacked by kind, and true retention per day or week."""

from __future__ import annotations

import math
from datetime import date

from revise.stats.graphs.drawing import grouped
from revise.stats.graphs.figures import DayAnswers, day_json
from revise.stats.graphs.over_time import KINDS, kind_totals, period_summary, rate
from revise.stats.html.svg import Chart, count_axis, percent_axis
from revise.stats.html.figure import Figure, Table
from revise.stats.text import percent


def date_ticks(chart: Chart, firsts: list[date], slot_days: int) -> None:
    """Label the x axis of slots starting on `firsts`: each month's first slot, or about eight dates."""
    if len(firsts) * slot_days > 62:
        months = [i for i, day in enumerate(firsts) if i == 0 or day.month != firsts[i - 1].month]
        months = months[1:] if len(months) > 1 and firsts[0].day > 7 else months  # a month begun late: no label
        every = math.ceil(len(months) / 13)
        for n, i in enumerate(months[::-1][::every][::-1]):
            day = firsts[i]
            year = n == 0 or day.month == 1 or every > 1
            chart.tick(i, f"{day:%b %Y}" if year else f"{day:%b}")
        return
    every = max(1, math.ceil(len(firsts) / 8))
    for i in range(len(firsts) - 1, -1, -every):  # today (the last slot) always labelled
        chart.tick(i + 0.5, "today" if i == len(firsts) - 1 else f"{firsts[i].day} {firsts[i]:%b}")


def shown_days(days: tuple[DayAnswers, ...]) -> tuple[DayAnswers, ...]:
    """The days the charts over time cover: the period, or for a period beyond a year the days from the
    first answer (a year at least), so that a century's period does not squeeze a history to a sliver."""
    if len(days) <= 365:
        return days
    first = next((i for i, day in enumerate(days) if day.total), len(days))
    return days[min(first, len(days) - 365):]


def days_per_slot(days: int, most: int) -> int:
    """Days per bar or point: one while `days` fit `most` slots, else whole weeks."""
    return 1 if days <= most else 7 * math.ceil(days / most / 7)


def reviews_figure(period: tuple[DayAnswers, ...]) -> Figure:
    """Answers per study day (or week) stacked, from the bottom: mature, young, learning (and relearning), new."""
    days = shown_days(period)
    per = days_per_slot(len(days), 400)
    groups = grouped(list(days), per)
    peak = max((sum(d.total for d in group) for group in groups), default=0)
    chart = Chart("reviews", len(groups), count_axis(peak, "answers"), x_label=_slot_label(per, "bar", days, period))
    for slot, group in enumerate(groups):
        if any(d.total for d in group):
            kinds = kind_totals(group)
            chart.column(slot, [(kinds[name], f"k-{name}") for name, _, _ in KINDS], _bar_data(group),
                         _bar_title(group), width=0.86 if len(groups) < 90 else 1.0)
    date_ticks(chart, [group[0].day for group in groups], per)
    data = {**_period(period), "slot_days": per}
    if not any(d.total for d in days):
        return Figure(chart.svg("Reviews", data, f"no reviews in the last {len(period):,} days"))
    totals = kind_totals(list(days))
    legend = [(f"k-{name}", f"{name} {totals[name]:,}") for name, _, _ in reversed(KINDS)]
    return Figure(chart.svg("Reviews", data), legend, period_summary(period))


def _slot_label(per: int, slot: str, days: tuple[DayAnswers, ...], period: tuple[DayAnswers, ...]) -> str:
    label = "study day" if per == 1 else f"{per} study days a {slot}"
    if len(days) == len(period):
        return label
    why = "a year back" if len(days) == 365 and days[0].total == 0 else "the first answer"
    return f"{label}, from {days[0].day:%-d %b %Y} ({why})"


def _period(days: tuple[DayAnswers, ...]) -> dict:
    return {"days": len(days), "first": days[0].day.isoformat(), "last": days[-1].day.isoformat()}


def _bar_data(group: list[DayAnswers]) -> dict:
    """A bar's figures: its first and last day, and the sums of its days' figures as --json gives them."""
    days = [day_json(day) for day in group]
    sums = {key: sum(day[key] for day in days) for key in days[0] if key != "date"}
    return {"from": days[0]["date"], "to": days[-1]["date"], **sums, "seconds": round(sums["seconds"], 1)}


def _bar_title(group: list[DayAnswers]) -> str:
    kinds, total = kind_totals(group), sum(d.total for d in group)
    return (f"{_when(group)}: {total:,} answers — new {kinds['new']:,}, learning {kinds['learning']:,}, "
            f"young {kinds['young']:,}, mature {kinds['mature']:,}")


def retention_figure(period: tuple[DayAnswers, ...], table: Table) -> Figure:
    """True retention (answers of review cards other than Again) per day or week, then Anki's table."""
    days = shown_days(period)
    per = 1 if len(days) <= 62 else days_per_slot(len(days), 104)  # weeks up to two years
    groups = grouped(list(days), per)
    rates = [rate(group) for group in groups]
    known = [r for r in rates if r is not None]
    low = min(math.floor(min(known) * 20) / 20, 0.8) if known else 0.8  # the 5% step below the lowest
    chart = Chart("retention", len(groups), percent_axis(low, "true retention"),
                  x_label=_slot_label(per, "point", days, period))
    points = [(slot + 0.5, value, _retention_data(group), _retention_title(group, value))
              for slot, (group, value) in enumerate(zip(groups, rates))]
    chart.line(points, "retention")
    date_ticks(chart, [group[0].day for group in groups], per)
    data = {**_period(period), "slot_days": per}
    if not known:
        return Figure(chart.svg("True retention", data, f"no answers of review cards in the last {len(period):,} days"))
    return Figure(chart.svg("True retention", data), [("retention", "true retention")], table=table)


def _retention_data(group: list[DayAnswers]) -> dict:
    answers = sum(d.young + d.mature for d in group)
    passed = sum(d.young_passed + d.mature_passed for d in group)
    return {"from": group[0].day.isoformat(), "to": group[-1].day.isoformat(), "answers": answers, "passed": passed}


def _retention_title(group: list[DayAnswers], value: float | None) -> str:
    answers = sum(d.young + d.mature for d in group)
    return f"{_when(group)}: {percent(value)} of {answers:,} answers of review cards"


def _when(group: list[DayAnswers]) -> str:
    first, last = group[0].day, group[-1].day
    return f"{first:%a %-d %b %Y}" if first == last else f"{first:%-d %b} – {last:%-d %b %Y}"
