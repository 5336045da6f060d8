"""The answer graphs: buttons by card age (learning / young / mature) and answers by hour of day."""

from __future__ import annotations

from revise.stats.graphs.drawing import bar_step, columns
from revise.stats.tables import _figure_table, _width
from revise.stats.text import packed, percent


class ButtonsTable:
    """Anki's Answer Buttons: each button's share of a group's answers, and the group's correct share."""

    def __init__(self, buttons: dict[str, tuple[int, int, int, int]]) -> None:
        self.buttons = buttons

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not any(sum(b) for b in self.buttons.values()):
            yield Text("no answers in the period", style="dim")
            return
        rows = button_rows(self.buttons)
        headers = BUTTON_HEADERS
        for cut in (0, 1, 2):  # answers, then correct (100% − Again) make way
            if _width(headers[: len(headers) - cut], rows) <= options.max_width or cut == 2:
                break
        yield _figure_table(headers[: len(headers) - cut], [row[: len(row) - cut] for row in rows])


BUTTON_HEADERS = ("", "Again", "Hard", "Good", "Easy", "Correct", "Answers")


def button_rows(buttons: dict[str, tuple[int, int, int, int]]) -> list[tuple[str, ...]]:
    """Per group: each button's share of its answers, the share not Again, and the answers."""
    rows = []
    for group, counts in buttons.items():
        total = sum(counts)
        shares = [percent(n / total) if total else "–" for n in counts]
        correct = percent((total - counts[0]) / total) if total else "–"
        rows.append((group, *shares, correct, f"{total:,}"))
    return rows


def busiest_hour(hours: tuple[tuple[int, int], ...]) -> str:
    """The local hour with the most answers, as `busiest 22:00–23:00`."""
    busiest = max(range(24), key=lambda h: hours[h][0])
    return f"busiest {busiest}:00–{busiest + 1}:00"


class HoursGraph:
    """Answers per local hour of the day, then the share of them that were not Again."""

    def __init__(self, hours: tuple[tuple[int, int], ...]) -> None:
        self.hours = hours

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not any(n for n, _ in self.hours):
            yield Text("no answers in the period", style="dim")
            return
        peak = max(n for n, _ in self.hours)
        label = max(len(f"{peak:,}"), len("100%"))
        step = bar_step(24, options.max_width - label - 1)
        axis = (f"{peak:,}".rjust(label), "0".rjust(label))
        yield from columns([[(n, "█", "blue")] for n, _ in self.hours], 6, axis, 0, peak, step)
        rates = [p / n if n else None for n, p in self.hours]
        low = min(int(min(r for r in rates if r is not None) * 10) / 10, 0.9)
        stacks = [[] if r is None else [(r, "█", "green3")] for r in rates]
        yield from columns(stacks, 3, ("100%".rjust(label), f"{low:.0%}".rjust(label)), low - 1e-9, 1.0, step)
        yield self._hours_axis(label, step)
        yield from self._summary(options.max_width)

    @staticmethod
    def _hours_axis(label: int, step: int):
        from rich.text import Text

        line = " " * (label + 1)
        for hour in range(0, 24, 6):
            line += " " * (label + 1 + hour * step - len(line)) + str(hour)
        return Text(line, style="dim")

    def _summary(self, width: int):
        from rich.text import Text

        parts = ["bars: answers", "below: correct (not Again)", busiest_hour(self.hours)]
        return [Text(line, style="dim") for line in packed(parts, width, " · ")]
