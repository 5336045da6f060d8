"""Hand-built cards and review logs in a real collection, and the stats screen as text, for tests/stats."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

from fsrs import Card, Scheduler, State
from rich.console import Console

from revise.config import Config
from revise.stats.compute import collect_stats
from revise.stats.view import render_stats

UTC = timezone.utc
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # a Wednesday; study days start at 04:00


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def add_card(db, deck="course", state="review", stability=None, due=None, last_review=None, lapses=0,
             suspended=0, buried_until=None, tags=(), source="/notes/course/week1.md", line=1, front="Q?") -> int:
    note_id = db["notes"].insert({
        "key": f"k{db['notes'].count}", "kind": "basic", "text": front, "source": source, "line": line,
        "deck": deck, "tags": json.dumps(list(tags)), "created_at": iso(NOW), "updated_at": iso(NOW),
    }).last_pk
    return db["cards"].insert({
        "note_id": note_id, "ord": 0, "front": front, "back": "A", "state": state, "stability": stability,
        "due": due and iso(due), "last_review": last_review and iso(last_review), "lapses": lapses,
        "suspended": suspended, "buried_until": buried_until and iso(buried_until),
    }).last_pk


def add_review(db, card_id, at, rating=3, state="review", stability=None, last_review=None, due=None,
               duration_ms=1000, kind="review") -> int:
    previous = {"state": state, "step": None, "stability": stability, "difficulty": 5.0,
                "due": due and iso(due), "last_review": last_review and iso(last_review), "reps": 1,
                "lapses": 0, "suspended": 0, "buried_until": None}
    return db["revlog"].insert({
        "card_id": card_id, "reviewed_at": iso(at), "rating": rating, "state": state, "stability": 5.0,
        "difficulty": 5.0, "interval_days": 1.0, "duration_ms": duration_ms, "kind": kind,
        "previous": json.dumps(previous),
    }).last_pk


def stats_of(db, tz=UTC, config=Config(), **kwargs):
    return collect_stats(db, NOW, tz, config, **kwargs)


def fsrs_recall(stability: float, last_review: datetime, at: datetime) -> float:
    """The oracle: py-fsrs's own retrievability."""
    card = Card(state=State.Review, stability=stability, difficulty=5.0, last_review=last_review, due=at)
    return Scheduler().get_card_retrievability(card, at)


def build_cards(db) -> dict[str, int]:
    """One card of each kind, with due dates around the day boundaries."""
    day = timedelta(days=1)
    return {
        "new": add_card(db, state="new"),
        "new buried": add_card(db, state="new", buried_until=datetime(2026, 3, 19, 4, 0, tzinfo=UTC)),
        "learning": add_card(db, state="learning", stability=1, due=NOW - timedelta(minutes=5), last_review=NOW - timedelta(minutes=15)),
        "relearning": add_card(db, state="relearning", stability=2, due=NOW + timedelta(hours=2), last_review=NOW, lapses=1),
        "young": add_card(db, stability=10, due=datetime(2026, 3, 19, 10, 0, tzinfo=UTC), last_review=datetime(2026, 3, 9, 10, 0, tzinfo=UTC)),
        "young late": add_card(db, stability=8, due=datetime(2026, 3, 20, 3, 59, tzinfo=UTC), last_review=datetime(2026, 3, 10, 3, 59, tzinfo=UTC)),
        "mature overdue": add_card(db, stability=30, due=datetime(2026, 3, 10, tzinfo=UTC), last_review=datetime(2026, 2, 8, tzinfo=UTC), lapses=8),
        "mature far": add_card(db, stability=60, due=NOW + 50 * day, last_review=NOW - 20 * day, tags=["leech"], line=7, front="Far?"),
        "suspended": add_card(db, stability=5, due=NOW - day, last_review=NOW - 6 * day, suspended=1, lapses=9),
    }


def review_history(db) -> None:
    """Review-state answers at known ages, plus answers that must not count."""
    card = add_card(db, stability=10, due=NOW + timedelta(days=10), last_review=NOW)
    young = dict(stability=10, interval=10)
    mature = dict(stability=30, interval=30)
    rows = [  # (days ago, rating, kind of card, days since the previous review)
        (1, 3, young, 15), (2, 1, young, 10), (6, 4, mature, 40),  # last 7 days
        (20, 1, mature, 30), (29, 2, young, 3),  # 8 to 30 days ago
        (100, 2, young, 12), (364, 3, mature, 25), (365, 1, mature, 25),  # the last one is too old
    ]
    for days_ago, rating, kind, elapsed in rows:
        at = NOW - timedelta(days=days_ago)
        last = at - timedelta(days=elapsed)
        add_review(db, card, at, rating, "review", kind["stability"], last, last + timedelta(days=kind["interval"]))
    add_review(db, card, NOW - timedelta(days=1), 1, "learning", 1.0, NOW - timedelta(days=2), NOW)
    add_review(db, card, NOW - timedelta(days=1), 1, "review", 10, NOW - timedelta(days=9), NOW, kind="cram")


def steep_parameters():
    from fsrs.scheduler import DEFAULT_PARAMETERS

    return (*DEFAULT_PARAMETERS[:20], 0.5)  # a much steeper decay than the default 0.1542


def render(stats, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(render_stats(stats))
    return console.file.getvalue().splitlines()


def rendered(renderable, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()
