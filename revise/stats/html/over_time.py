"""The graphs over time as SVG: reviews per day stacked by kind, and true retention per day or week."""

from __future__ import annotations

import math
from datetime import date

from revise.stats.graphs.drawing import grouped
from revise.stats.graphs.figures import DayAnswers, day_json
from revise.stats.graphs.over_time import KINDS, kind_totals, period_summary, rate
from revise.stats.html.svg import Chart, count_axis, percent_axis
from revise.stats.html.figure import Figure
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
        chart.tick(i + 0.5, f"{firsts[i].day} {firsts[i]:%b}")


def reviews_figure(days: tuple[DayAnswers, ...]) -> Figure:
    """Answers per study day stacked, from the bottom: mature, young, learning (and relearning), new."""
    totals = kind_totals(list(days))
    peak = max((d.total for d in days), default=0)
    chart = Chart("reviews", len(days), count_axis(peak, "answers"), x_label="study day")
    for slot, day in enumerate(days):
        if day.total:
            kinds = kind_totals([day])
            segments = [(kinds[name], f"k-{name}") for name, _, _ in KINDS]
            chart.column(slot, segments, day_json(day), _day_title(day), width=0.86 if len(days) < 90 else 1.0)
    date_ticks(chart, [d.day for d in days], 1)
    legend = [(f"k-{name}", f"{name} {totals[name]:,}") for name, _, _ in reversed(KINDS)]
    if not any(d.total for d in days):
        return Figure(chart.svg("Reviews", _period(days), f"no reviews in the last {len(days):,} days"))
    return Figure(chart.svg("Reviews", _period(days)), legend, period_summary(days))


def _period(days: tuple[DayAnswers, ...]) -> dict:
    return {"days": len(days), "first": days[0].day.isoformat(), "last": days[-1].day.isoformat()}


def _day_title(day: DayAnswers) -> str:
    return (f"{day.day:%a %-d %b %Y}: {day.total:,} answers — new {day.new:,}, learning {day.learning:,}, "
            f"relearning {day.relearning:,}, young {day.young:,}, mature {day.mature:,}")


def retention_slot_days(days: int) -> int:
    """Days per point of the true retention line: a day up to two months, a week up to two years, else 28."""
    return 1 if days <= 62 else 7 if days <= 730 else 28


def retention_figure(days: tuple[DayAnswers, ...], table: tuple[tuple[str, ...], list[tuple[str, ...]]]) -> Figure:
    """True retention (answers of review cards other than Again) per day or week, then Anki's table."""
    per = retention_slot_days(len(days))
    groups = grouped(list(days), per)
    rates = [rate(group) for group in groups]
    known = [r for r in rates if r is not None]
    low = min(math.floor(min(known) * 20) / 20, 0.8) if known else 0.8  # the 5% step below the lowest
    chart = Chart("retention", len(groups), percent_axis(low, "true retention"),
                  x_label="study day" if per == 1 else f"{per} study days a point")
    points = [(slot + 0.5, value, _retention_data(group), _retention_title(group, value))
              for slot, (group, value) in enumerate(zip(groups, rates))]
    chart.line(points, "retention")
    date_ticks(chart, [group[0].day for group in groups], per)
    data = {**_period(days), "slot_days": per}
    if not known:
        return Figure(chart.svg("True retention", data, f"no answers of review cards in the last {len(days):,} days"))
    return Figure(chart.svg("True retention", data), [("retention", "true retention")], table=table)


def _retention_data(group: list[DayAnswers]) -> dict:
    answers = sum(d.young + d.mature for d in group)
    passed = sum(d.young_passed + d.mature_passed for d in group)
    return {"from": group[0].day.isoformat(), "to": group[-1].day.isoformat(), "answers": answers, "passed": passed}


def _retention_title(group: list[DayAnswers], value: float | None) -> str:
    first, last = group[0].day, group[-1].day
    when = f"{first:%-d %b %Y}" if first == last else f"{first:%-d %b} – {last:%-d %b %Y}"
    answers = sum(d.young + d.mature for d in group)
    return f"{when}: {percent(value)} of {answers:,} answers of review cards"
