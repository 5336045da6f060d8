"""The answer graphs as SVG: answer buttons by card age, side by side, and answers by hour of day."""

from __future__ import annotations

from revise.stats.graphs.answers import BUTTON_HEADERS, button_rows, busiest_hour
from revise.stats.html.figure import Figure
from revise.stats.html.svg import Chart, count_axis, percent_axis
from revise.stats.text import percent

BUTTONS = ("again", "hard", "good", "easy")


def buttons_figure(buttons: dict[str, tuple[int, int, int, int]]) -> Figure:
    """Each group's share of answers per button as four columns (a gap between groups: Anki's Answer
    Buttons), the count above each, then Anki's table of shares."""
    chart = Chart("buttons", 5 * len(buttons) - 1, percent_axis(0, "share of answers"))
    for group_slot, (group, counts) in enumerate(buttons.items()):
        total = sum(counts)
        for i, (button, n) in enumerate(zip(BUTTONS, counts)):
            share = n / total if total else 0.0
            chart.column(5 * group_slot + i, [(share, f"b-{button}")], {"group": group, "button": button, "answers": n},
                         f"{group}, {button.title()}: {n:,} answers ({percent(share)})", width=0.9,
                         label=f"{n:,}" if total else "")
        correct = f"{percent((total - counts[0]) / total)} correct · " if total else ""
        chart.tick(5 * group_slot + 2, group, f"{correct}{total:,} answers")
    legend = [(f"b-{button}", button.title()) for button in BUTTONS]
    if not any(sum(counts) for counts in buttons.values()):
        return Figure(chart.svg("Answer buttons", {}, "no answers in the period"))
    return Figure(chart.svg("Answer buttons", {}), legend, table=(BUTTON_HEADERS, button_rows(buttons)))


def hours_figure(hours: tuple[tuple[int, int], ...]) -> Figure:
    """Answers per local hour as columns, and the share of them not Again as a line on the right axis."""
    peak = max(n for n, _ in hours)
    rates = [p / n if n else None for n, p in hours]
    known = [r for r in rates if r is not None]
    low = min(int(min(known) * 10) / 10, 0.9) if known else 0.9  # as the terminal graph's axis
    chart = Chart("hours", 24, count_axis(peak, "answers"), percent_axis(low, "correct"),
                  x_label="local hour of the day")
    for hour, (n, passed) in enumerate(hours):
        chart.column(hour, [(n, "h-answers")], {"hour": hour, "reviews": n, "correct": passed},
                     f"{hour}:00–{hour + 1}:00: {n:,} answers, {percent(rates[hour])} correct")
    chart.line([(hour + 0.5, r, {"hour": hour}, f"{hour}:00–{hour + 1}:00: {percent(r)} correct")
                for hour, r in enumerate(rates)], "correct", chart.right)
    for hour in range(0, 24, 3):
        chart.tick(hour + 0.5, f"{hour}:00")
    if not peak:
        return Figure(chart.svg("Hour of day", {}, "no answers in the period"))
    legend = [("h-answers", "answers"), ("correct", "correct (not Again)")]
    return Figure(chart.svg("Hour of day", {}), legend, [busiest_hour(hours)])
