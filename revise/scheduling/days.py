"""The study day and stored times: which day a moment belongs to, when days begin, ISO 8601 UTC text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo


def study_day(moment: datetime, day_start_hour: int = 4, tz: tzinfo | None = None) -> date:
    """The study day `moment` belongs to: days start at `day_start_hour` local time (tz, default the system's)."""
    local = moment.astimezone(tz)
    return (local - timedelta(hours=day_start_hour)).date()


def day_bounds(day: date, day_start_hour: int = 4, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The (start, end) instants of study day `day`, as aware datetimes."""
    # The end is the next date's start hour on the wall clock, not start + 24 h: a day with a
    # daylight-saving change is 23 or 25 hours long.
    return _wall_clock(day, day_start_hour, tz), _wall_clock(day + timedelta(days=1), day_start_hour, tz)


def _wall_clock(day: date, hour: int, tz: tzinfo | None) -> datetime:
    """`hour` o'clock on `day` in `tz`, or in the system zone at the UTC offset it has on that date."""
    moment = datetime(day.year, day.month, day.day, hour)
    return moment.replace(tzinfo=tz) if tz else moment.astimezone()  # astimezone: the offset of that date


def next_day_start(now: datetime, day_start_hour: int, tz: tzinfo | None = None) -> datetime:
    """When the study day after the one `now` is in begins (where bury lasts until)."""
    return day_bounds(study_day(now, day_start_hour, tz), day_start_hour, tz)[1]


def parse_time(value: str | datetime | None) -> datetime | None:
    """ISO 8601 text → aware UTC datetime (None stays None)."""
    if value is None or isinstance(value, datetime):
        return value
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def format_time(value: datetime | None) -> str | None:
    """Aware datetime → ISO 8601 UTC text, to the second (sorts as text)."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")
