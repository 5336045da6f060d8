"""Calibration: does FSRS's predicted recall match the learner's? Bins of predicted against actual
recall (`revise stats`, and its --json "calibration"), as a small table of its own."""

from __future__ import annotations

import math
from dataclasses import dataclass

from revise.config import Config
from revise.stats.curves import curve_overrides, fsrs_curve, main_settings


@dataclass(frozen=True)
class Calibration:
    """Review-state answers binned by predicted recall: (predicted, actual, count) per bin, low to high."""

    bins: tuple[tuple[float, float, int], ...]

    @property
    def rmse(self) -> float:
        """The root mean square of (predicted - actual) over these bins, weighted by answers."""
        total = sum(n for _, _, n in self.bins)
        return math.sqrt(sum(n * (p - a) ** 2 for p, a, n in self.bins) / total) if total else 0.0

    def to_json(self) -> list[dict]:
        """[{"predicted": p, "actual": a, "count": n}, …]"""
        return [{"predicted": round(p, 4), "actual": round(a, 4), "count": n} for p, a, n in self.bins]

    def __rich__(self):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        table = Table(box=None, padding=(0, 0, 0, 2), show_edge=False)
        for column in ("predicted", "actual", "answers"):
            table.add_column(column, justify="right")
        for p, a, n in self.bins:
            table.add_row(_share(p), _share(a), f"{n:,}")
        title = Text("Calibration: predicted against actual recall", style="bold underline")
        return Group(title, table, Text(self._caption(), style="dim")) if self.bins else Group(title, Text(self._caption(), style="dim"))

    def _caption(self) -> str:
        if not self.bins:
            return "No reviews yet: calibration needs cards answered on a later day."
        return (f"Predicted and actual differ by {self.rmse:.1%} (root mean square over the rows): the closer "
                "the columns, the better FSRS knows you (`revise optimize` fits it to your answers).")


def read_calibration(db, config: Config, deck: str | None = None) -> Calibration:
    """The calibration of the reviews of `deck` (every deck for None) under the settings in effect."""
    from revise.collection.calibration import calibration_rows

    curve = fsrs_curve(main_settings(config, deck))
    return Calibration(tuple(calibration_rows(db, deck, curve, tuple(curve_overrides(config, deck)))))


def _share(value: float) -> str:
    """A recall share: whole percent, with a decimal near certainty (99.6% is not 100%)."""
    return f"{value:.0%}" if value < 0.995 else f"{value:.1%}"
