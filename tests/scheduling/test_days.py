"""The study day: when it starts (4 am local), across daylight-saving changes, in the system zone."""

import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from revise.scheduling.days import day_bounds, next_day_start, study_day

UTC = timezone.utc


def test_study_day_starts_at_4_am():
    assert study_day(datetime(2026, 3, 2, 3, 59, tzinfo=UTC), 4, UTC) == date(2026, 3, 1)
    assert study_day(datetime(2026, 3, 2, 4, 0, tzinfo=UTC), 4, UTC) == date(2026, 3, 2)
    assert next_day_start(datetime(2026, 3, 2, 23, 0, tzinfo=UTC), 4, UTC) == datetime(
        2026, 3, 3, 4, 0, tzinfo=UTC
    )


BERLIN = ZoneInfo("Europe/Berlin")
# 2026's daylight-saving changes in Berlin: 29 March 02:00 CET → 03:00 CEST, 25 October 03:00 CEST → 02:00 CET.
DST_DAYS = [
    (datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), datetime(2026, 3, 29, 2, 0, tzinfo=UTC)),  # 04:00 CEST
    (datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 3, 0, tzinfo=UTC)),  # 04:00 CET
]


@pytest.mark.parametrize("noon, four_am", DST_DAYS)
def test_next_day_starts_at_4_am_wall_clock_across_a_dst_change(noon, four_am):
    assert next_day_start(noon, 4, BERLIN) == four_am
    assert next_day_start(noon, 4, BERLIN).astimezone(BERLIN).hour == 4
    start, end = day_bounds(noon.date(), 4, BERLIN)
    assert start.astimezone(BERLIN).hour == 4 and end == four_am
    assert study_day(four_am, 4, BERLIN) == four_am.astimezone(BERLIN).date()
    assert study_day(four_am - timedelta(seconds=1), 4, BERLIN) == noon.date()


def test_system_zone_uses_the_offset_of_each_date():
    """tz=None reads the system zone: run with TZ=Europe/Berlin in a child (no global patching here)."""
    code = (
        "from datetime import date, datetime, timezone\n"
        "from revise.scheduling import days\n"
        "for day in (date(2026, 3, 28), date(2026, 10, 24)):\n"
        "    start, end = days.day_bounds(day, 4)\n"
        "    noon = datetime(day.year, day.month, day.day, 11, tzinfo=timezone.utc)\n"
        "    print(start.astimezone(timezone.utc).isoformat(), end.astimezone(timezone.utc).isoformat(),\n"
        "          days.next_day_start(noon, 4).astimezone(timezone.utc).isoformat())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "TZ": "Europe/Berlin"})
    assert done.stdout.split() == [
        "2026-03-28T03:00:00+00:00", "2026-03-29T02:00:00+00:00", "2026-03-29T02:00:00+00:00",  # a 23-hour day
        "2026-10-24T02:00:00+00:00", "2026-10-25T03:00:00+00:00", "2026-10-25T03:00:00+00:00",  # a 25-hour day
    ]
