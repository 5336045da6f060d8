"""The days stats looks at: study days (which start at the day-start hour in the user's zone) as
instants in Unix seconds, the form the collection's queries take them in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo

from revise.config import Settings
from revise.scheduling import day_bounds, study_day
from revise.stats.figures import DECK_RETENTION_DAYS, FORECAST_DAYS, HEATMAP_WEEKS, RETENTION_WINDOWS, STREAK_YEARS

StudyDays = list[tuple[str, int, int]]  # (ISO day, start, end) per study day


@dataclass(frozen=True)
class Span:
    """The study days and instants (Unix seconds) the figures are about."""

    now: datetime
    tz: tzinfo | None
    day_start_hour: int
    today: date
    heatmap_start: date  # a Monday
    forecast_days: int

    def start(self, day: date) -> int:
        """The Unix second study day `day` starts at."""
        return int(day_bounds(day, self.day_start_hour, self.tz)[0].timestamp())

    @property
    def now_s(self) -> int:
        """`now` in Unix seconds."""
        return int(self.now.timestamp())

    def day_ranges(self, first: date, last: date) -> StudyDays:
        """(ISO day, start, end) for each study day from `first` to `last`."""
        count = (last - first).days + 1
        starts = [self.start(first + timedelta(days=i)) for i in range(count + 1)]
        return [((first + timedelta(days=i)).isoformat(), starts[i], starts[i + 1]) for i in range(count)]

    def day_ends(self, count: int) -> list[int]:
        """The Unix seconds the `count` study days from today end at."""
        return [self.start(self.today + timedelta(days=i + 1)) for i in range(count)]

    def day_of(self, unix_seconds: int) -> date:
        """The study day Unix second `unix_seconds` falls on."""
        return study_day(datetime.fromtimestamp(unix_seconds, timezone.utc), self.day_start_hour, self.tz)

    def today_range(self) -> tuple[int, int]:
        """[start, end) of today."""
        return self.start(self.today), self.start(self.today + timedelta(days=1))

    def window_pieces(self) -> tuple[tuple[int, int, int], ...]:
        """Disjoint (window days, start, end) pieces: the last 7 days, the 23 before, the 335 before those."""
        end, pieces = self.start(self.today + timedelta(days=1)), []
        for days in RETENTION_WINDOWS:
            start = self.start(self.today - timedelta(days=days - 1))
            pieces.append((days, start, end))
            end = start
        return tuple(pieces)

    def recent_start(self) -> int:
        """Where the deck table's retention window (the last DECK_RETENTION_DAYS days) starts."""
        return self.start(self.today - timedelta(days=DECK_RETENTION_DAYS - 1))

    def heatmap_days(self) -> StudyDays:
        """The heatmap's study days, from its Monday to today."""
        return self.day_ranges(self.heatmap_start, self.today)

    def history_days(self, first_review: int | None) -> StudyDays:
        """The study days before the heatmap's that the streaks look at: back to the first review
        (Unix seconds, None without one), but no more than STREAK_YEARS."""
        history_start = self.heatmap_start
        if first_review is not None:
            oldest = self.today - timedelta(days=round(365.25 * STREAK_YEARS))
            history_start = min(history_start, max(oldest, self.day_of(first_review)))
        return self.day_ranges(history_start, self.heatmap_start - timedelta(days=1))


def make_span(now: datetime, tz: tzinfo | None, settings: Settings, days: int | None = None) -> Span:
    """The span for `now`: 26 weeks of heatmap and 30 days of forecast, or `days` of each."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    today = study_day(now, settings.day_start_hour, tz)
    first = today - timedelta(days=days - 1) if days else today - timedelta(days=today.weekday(), weeks=HEATMAP_WEEKS - 1)
    monday = first - timedelta(days=first.weekday())  # whole calendar weeks that hold at least `days` days
    return Span(now, tz, settings.day_start_hour, today, monday, days or FORECAST_DAYS)
