"""FSRS scheduling: (card state, rating, now) → (new state, log entry); limits, day boundary, queue.

Reads no clock itself: `now` is always passed in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo


def study_day(moment: datetime, day_start_hour: int = 4, tz: tzinfo | None = None) -> date:
    """The study day `moment` belongs to: days start at `day_start_hour` local time (tz, default the system's)."""
    local = moment.astimezone(tz)
    return (local - timedelta(hours=day_start_hour)).date()


def day_bounds(day: date, day_start_hour: int = 4, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The (start, end) instants of study day `day`, as aware datetimes."""
    start = datetime(day.year, day.month, day.day, day_start_hour)
    start = start.replace(tzinfo=tz) if tz else start.astimezone()
    return start, start + timedelta(days=1)
