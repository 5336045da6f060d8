"""The stats screen: `render_stats` stacks the title, the overview, the tables and the charts."""

from __future__ import annotations

import math
from datetime import date

from revise.scheduling import format_duration
from revise.stats.charts import Forecast, Heatmap
from revise.stats.figures import Stats
from revise.stats.tables import DeckTable, HardestTable, RetentionTable
from revise.stats.text import one_line, percent


def render_stats(stats: Stats):
    """The whole `revise stats` screen as one rich renderable."""
    # every block fits from 40 columns (docs/stats.md promises it); below that rich cuts its lines
    from rich.console import Group
    from rich.text import Text

    where = f"deck {one_line(stats.deck)}" if stats.deck else "all decks"
    parts = [Title(where, stats.today), Text(), _overview(stats), Text()]
    if stats.decks:
        parts += [_section("Decks"), DeckTable(stats.decks), Text()]
    parts += [_section(f"Retention (desired {percent(stats.desired_retention)})"), RetentionTable(stats.retention), Text()]
    parts += [_section(_heatmap_title(len(stats.heatmap))), Heatmap(stats.heatmap), Text()]
    parts += [_section(_forecast_title(len(stats.forecast))), Forecast(stats.forecast), Text()]
    if stats.hardest:
        parts += [_section("Hardest cards"), HardestTable(stats.hardest)]
    elif stats.cards.total:
        parts += [_section("Hardest cards"), Text(NO_HARD_CARDS, style="dim")]
    return Group(*parts)


NO_HARD_CARDS = "No hard cards yet: none has lapsed or fallen below the desired retention."


class Title:
    """The screen's first line; when it does not fit, the date loses its weekday and leading zero."""

    def __init__(self, where: str, today: date) -> None:
        self.where, self.today = where, today

    def __rich_console__(self, console, options):
        from rich.text import Text

        for day in (f"{self.today:%a %d %b %Y}", f"{self.today.day} {self.today:%b %Y}"):
            title = Text.assemble(("revise stats", "bold"), f" · {self.where} · {day}")
            if title.cell_len <= options.max_width:
                break
        yield title


def _section(title: str):
    from rich.text import Text

    return Text(title, style="bold underline")


def _heatmap_title(days: int) -> str:
    weeks = math.ceil(days / 7)
    return "Reviews, this week" if weeks == 1 else f"Reviews, last {weeks} weeks"


def _forecast_title(days: int) -> str:
    return "Forecast, today" if days == 1 else f"Forecast, next {days} days"


def _figures(title: str, rows: list[tuple[str, str]]):
    """A small titled two-column block of label → figure."""
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_column(justify="right")
    table.title, table.title_justify, table.title_style = title, "left", "bold"
    for label, value in rows:
        table.add_row(label, value)
    return table


def _overview(stats: Stats):
    """Today, Cards and Progress side by side (stacked when the terminal is narrow)."""
    from rich.columns import Columns

    again = f" ({stats.again_today} again, {percent(stats.again_today / stats.reviews_today)})" if stats.reviews_today else ""
    today = _figures("Today", [
        ("reviewed", f"{stats.reviews_today:,}{again}"), ("new learned", f"{stats.new_today:,}"),
        ("time", format_duration(stats.seconds_today)), ("due now", f"{stats.due_now:,}"),
        ("later today", f"{stats.due_later_today:,}"), ("tomorrow", f"{stats.due_tomorrow:,}"),
    ])
    c = stats.cards
    cards = _figures("Cards", [
        ("new", f"{c.new:,}"), ("learning", f"{c.learning:,}"), ("young", f"{c.young:,}"),
        ("mature", f"{c.mature:,}"), ("suspended", f"{c.suspended:,}"), ("buried", f"{c.buried:,}"),
        ("leeches", f"{c.leeches:,}"),
    ])
    progress = _figures("Progress", [
        ("streak", f"{stats.streak_current:,} d"), ("longest", f"{stats.streak_longest:,} d"),
        ("recall now", f"{stats.knowledge:,.0f} of {stats.studied:,}"),
    ])
    # a blank line between the rows of blocks when they stack (collapsed padding: none above or below)
    return Columns([today, cards, progress], padding=(1, 4))
