"""The charts of the stats screen: the review heatmap and the forecast's bars (rich renderables)."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from revise.stats.text import packed

if TYPE_CHECKING:
    from rich.text import Text

SHADES = ("·", "░", "▒", "▓", "█")  # heatmap levels 0–4: readable without colour too
SHADE_STYLES = ("dim", "green4", "green3", "green1", "bold bright_green")
BAR_EIGHTHS = " ▁▂▃▄▅▆▇█"


class Heatmap:
    """Reviews per day, GitHub style: a row per weekday (Mon–Sun), a column per week."""

    def __init__(self, days: tuple[tuple[date, int], ...]) -> None:
        self.days = days
        self.peak = max((n for _, n in days), default=0)

    def level(self, count: int) -> int:
        """0 for no reviews, else 1–4 by quarters of the busiest day."""
        return 0 if count <= 0 or not self.peak else min(4, math.ceil(4 * count / self.peak))

    def __rich_console__(self, console, options):
        from rich.text import Text

        weeks = [self.days[i : i + 7] for i in range(0, len(self.days), 7)]
        fits = max(1, (options.max_width - 4) // 2)
        if len(weeks) > fits:
            yield Text(f"    only the last {fits} weeks fit", style="dim")
            weeks = weeks[-fits:]
        yield self._months(weeks)
        for weekday, label in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
            line = Text(f"{label:<4}", style="dim")
            for week in weeks:
                if weekday < len(week):
                    level = self.level(week[weekday][1])
                    line.append(SHADES[level], style=SHADE_STYLES[level])
                line.append(" ")
            line.rstrip()
            yield line
        yield from self._legend(options.max_width)

    def _months(self, weeks: list) -> Text:
        from rich.text import Text

        line, column = " " * 4, 4
        for index, week in enumerate(weeks):
            first = week[0][0]
            if index == 0 or first.month != weeks[index - 1][0][0].month:
                at = 4 + 2 * index
                if at >= column:
                    line += " " * (at - column) + f"{first:%b}"
                    column = at + 3
        return Text(line.rstrip(), style="dim")

    def _legend(self, width: int) -> list[Text]:
        """The shades from less to more, then what the darkest means: on a second line if narrow."""
        from rich.text import Text

        legend = Text("    less ", style="dim")
        for level in range(5):
            legend.append(SHADES[level], style=SHADE_STYLES[level])
            legend.append(" ")
        legend.append("more", style="dim")
        if not self.peak:
            return [legend]
        scale = f"{SHADES[4]} up to {self.peak:,} a day, {SHADES[1]} from 1"
        if legend.cell_len + 3 + len(scale) <= width:
            legend.append(f"   {scale}", style="dim")
            return [legend]
        return [legend, Text(f"    {scale}", style="dim")]


class Forecast:
    """Cards due per day as vertical bars (today holds the overdue cards)."""

    height = 8

    def __init__(self, days: tuple[tuple[date, int], ...]) -> None:
        self.days = days

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not any(n for _, n in self.days):
            yield Text("nothing due today" if len(self.days) == 1 else f"nothing due in the next {len(self.days)} days", style="dim")
            return
        bars, per_bar, step = self._bars(options.max_width)
        peak = max(n for _, n in bars)
        label = len(f"{peak:,}")
        for row in range(self.height, 0, -1):
            axis = f"{peak:,}" if row == self.height else ("0" if row == 1 else "")
            line = Text(f"{axis:>{label}} ", style="dim")
            for index, (_, count) in enumerate(bars):
                eighths = round(count / peak * self.height * 8)
                if count and not eighths:
                    eighths = 1  # a day with any card shows a sliver
                filled = max(0, min(8, eighths - (row - 1) * 8))
                line.append(BAR_EIGHTHS[filled], style="yellow" if index == 0 else "cyan")
                line.append(" " * (step - 1))
            line.rstrip()
            yield line
        yield self._dates(bars, label, step, per_bar, options.max_width)
        yield from self._summary(per_bar, options.max_width)

    def _bars(self, width: int) -> tuple[list[tuple[date, int]], int, int]:
        """(first day, cards) per bar, days per bar and columns per bar, to fit `width`."""
        room = max(1, width - len(f"{sum(n for _, n in self.days):,}") - 1)
        if 2 * len(self.days) <= room:
            return list(self.days), 1, 2
        per_bar = math.ceil(len(self.days) / room)
        groups = [self.days[i : i + per_bar] for i in range(0, len(self.days), per_bar)]
        return [(group[0][0], sum(n for _, n in group)) for group in groups], per_bar, 1

    def _summary(self, per_bar: int, width: int) -> list[Text]:
        """Today's cards, the next week's and the whole span's, on as few lines as fit."""
        from rich.text import Text

        days = len(self.days)
        parts = [f"due today (with overdue) {self.days[0][1]:,}"]
        if days > 7:
            parts.append(f"next 7 days {sum(n for _, n in self.days[:7]):,}")
        if days > 1:  # "next 5 days" when that is the whole span, else "30 days" after "next 7 days"
            parts.append(f"{'next ' if days <= 7 else ''}{days} days {sum(n for _, n in self.days):,}")
        lines = packed(parts, width, " · ") + ([f"a bar is {per_bar} days"] if per_bar > 1 else [])
        return [Text(line, style="dim") for line in lines]

    def _dates(self, days, label: int, step: int, per_bar: int, width: int) -> Text:
        """A date under every 7th bar, where it fits two columns clear of the one before."""
        from rich.text import Text

        line, column = " " * (label + 1), label + 1
        for index, (day, _) in enumerate(days):
            at = label + 1 + index * step
            if index % 7 == 0 and (index == 0 or at >= column + 2):
                text = "today" if index == 0 else f"{day.day} {day:%b}" if per_bar == 1 else f"{day:%b %Y}"
                if at + len(text) > width:
                    break
                line += " " * (at - column) + text
                column = at + len(text)
        return Text(line, style="dim")
