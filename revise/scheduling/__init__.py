"""FSRS scheduling: answers, the study day, daily limits and queue order. Reads no clock itself."""

from revise.scheduling.days import day_bounds, format_time, next_day_start, parse_time, study_day
from revise.scheduling.queue import (
    LEARN_AHEAD,
    Queue,
    QueueCard,
    build_queue,
    group_decks,
    limit_group,
    new_quotas,
    review_quotas,
)
from revise.scheduling.schedule import (
    RATINGS,
    Answer,
    Schedule,
    answer,
    forget,
    forgetting_curve,
    format_interval,
    preview,
    retrievability,
)
from revise.scheduling.timing import MAX_ANSWER_MS, answer_duration_ms, format_duration, time_spent

__all__ = [
    "study_day", "day_bounds", "next_day_start", "parse_time", "format_time",
    "RATINGS", "Schedule", "Answer", "answer", "preview", "forget", "retrievability", "format_interval", "forgetting_curve",
    "LEARN_AHEAD", "QueueCard", "Queue", "build_queue", "limit_group", "new_quotas", "group_decks",
    "review_quotas", "MAX_ANSWER_MS", "answer_duration_ms", "format_duration", "time_spent",
]
