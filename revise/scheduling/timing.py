"""Time spent answering, one definition for the session summary and `revise stats`: each answer's
recorded duration, capped as Anki caps it, their sum, and how it is written."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

# Anki's deck option "Maximum answer seconds" (maxTaken), 60 by default: a card left on screen longer
# (the learner stepped away) is recorded as this long, and its time is counted so.
MAX_ANSWER_MS = 60_000


def answer_duration_ms(shown: datetime, answered: datetime) -> int:
    """How long an answer took, from the card shown to its grade, in ms: at most MAX_ANSWER_MS."""
    return max(0, min(MAX_ANSWER_MS, int((answered - shown).total_seconds() * 1000)))


def time_spent(durations_ms: Iterable[int | None]) -> float:
    """Seconds spent on answers with these recorded durations (each at most MAX_ANSWER_MS; unknown ones 0)."""
    return sum(min(duration, MAX_ANSWER_MS) for duration in durations_ms if duration) / 1000


def format_duration(seconds: float) -> str:
    """Seconds as written in the session summary and stats: `42s`, `3m 05s`, `1h 02m`, `25h 00m`."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
