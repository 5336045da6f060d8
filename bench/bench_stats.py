"""Benchmark `revise stats`: a collection of 100k cards and 1M reviews spread over a year.

    python bench/bench_stats.py [--cards 100000] [--reviews 1000000] [--runs 3] [--keep PATH]

Builds the collection (a simulated year of study with FSRS-like intervals, lapses, skipped days
and late-night sessions), then times `revise stats` and `revise stats --json` as cold subprocesses
and prints a table. Target (docs/performance.md): under 1 s each.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from revise.config import Settings
from revise.scheduling import format_time as iso
from revise.stats import fsrs_curve
from revise.collection import open_collection

DECKS = ["ml::basics", "ml::deep learning", "maths::linear algebra", "maths::probability",
         "languages::german", "history"]
DECAY, FACTOR = fsrs_curve(Settings())


def recall_probability(elapsed_days: float, stability: float) -> float:
    """FSRS-6 forgetting curve with the default decay."""
    return (1 + FACTOR * elapsed_days / stability) ** -DECAY


class Simulator:
    """A year of one learner's reviews: returns card schedules and revlog rows."""

    def __init__(self, now: datetime, rng: random.Random, days: int = 365) -> None:
        self.now, self.rng, self.days = now, rng, days
        # whole seconds everywhere: revlog times are stored to the second, and a moment with a
        # fraction would make a 1-day interval 0.99999 days (the learning branch below)
        self.first_day = (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
        # about one day in twelve is skipped, never the last ten (a current streak)
        self.skipped = {d for d in range(days - 10) if rng.random() < 1 / 12}

    def study_moment(self, day: int) -> datetime:
        """A moment on study day `day` (06:00 to 02:00 the next night)."""
        while day in self.skipped:
            day += 1
        return self.first_day + timedelta(days=day, seconds=self.rng.randrange(6 * 3600, 26 * 3600))

    def card(self, card_id: int, start_day: int) -> tuple[dict, list[tuple]]:
        """Simulate one card from its first review until now."""
        rng, rows = self.rng, []
        sched = {"state": "new", "step": 0, "stability": None, "difficulty": None, "due": None,
                 "last_review": None, "reps": 0, "lapses": 0, "suspended": 0, "buried_until": None}
        moment = self.study_moment(start_day)
        while moment < self.now:
            rating, after = self.answer(sched, moment)
            interval = (datetime.fromisoformat(after["due"]) - moment).total_seconds() / 86400
            rows.append((card_id, iso(moment), rating, sched["state"], sched["due"],
                         after["stability"], after["difficulty"], round(interval, 4),
                         rng.randint(2000, 20000), "review", json.dumps(sched)))
            sched = after
            due = datetime.fromisoformat(after["due"])
            if interval < 1:
                moment = due + timedelta(seconds=rng.randrange(600))
            else:
                late = rng.choice((0, 0, 0, 0, 1, 2, 5))
                moment = self.study_moment((due - self.first_day).days + late)
        return sched, rows

    def answer(self, sched: dict, moment: datetime) -> tuple[int, dict]:
        """Grade a review with a realistic recall probability and move the schedule on."""
        rng, after = self.rng, dict(sched)
        stability = sched["stability"] or 2.3
        if sched["state"] == "review":
            elapsed = (moment - datetime.fromisoformat(sched["last_review"])).days
            recalled = rng.random() < recall_probability(elapsed, stability)
        else:
            recalled = rng.random() < 0.85
        rating = rng.choice((2, 3, 3, 3, 3, 3, 4)) if recalled else 1
        after.update(reps=sched["reps"] + 1, last_review=iso(moment),
                     difficulty=round(min(10, max(1, (sched["difficulty"] or 5) + (3 - rating) * 0.6)), 4))
        if rating == 1:
            lapse = sched["state"] == "review"
            after.update(state="relearning" if lapse else "learning", step=0,
                         lapses=sched["lapses"] + lapse,
                         stability=round(max(0.3, stability * (0.3 if lapse else 1)), 4))
            after["due"] = iso(moment + timedelta(minutes=10))
        else:
            growth = {2: 1.2, 3: 1.6, 4: 2.5}[rating] if sched["state"] == "review" else 1
            new_stability = round(stability * growth, 4)
            after.update(state="review", step=None, stability=new_stability)
            after["due"] = iso(moment + timedelta(days=max(1, round(new_stability))))
        return rating, after


def build_collection(path: Path, cards: int, reviews: int, now: datetime, seed: int = 7) -> int:
    """Fill a fresh collection at `path`; returns the number of revlog rows written."""
    rng, sim = random.Random(seed), Simulator(now, random.Random(seed + 1))
    note_rows, card_rows, revlog_rows = [], [], []
    stamp = iso(now)
    for card_id in range(1, cards + 1):
        deck = DECKS[card_id % len(DECKS)]
        tags = ["leech"] if rng.random() < 0.002 else []
        note_rows.append((card_id, f"k{card_id}", "basic", f"Question {card_id}", f"{deck}.md",
                          card_id % 500 + 1, card_id, deck, json.dumps(tags), stamp, stamp))
        sched = {"state": "new", "stability": None, "difficulty": None, "due": None,
                 "last_review": None, "reps": 0, "lapses": 0}
        if len(revlog_rows) < reviews:
            sched, rows = sim.card(card_id, rng.randrange(sim.days - 1))
            revlog_rows.extend(rows[: reviews - len(revlog_rows)])
        suspended = int(rng.random() < 0.01)
        card_rows.append((card_id, card_id, 0, f"Question {card_id}", f"Answer {card_id}",
                          sched["state"], sched["stability"], sched["difficulty"], sched["due"],
                          sched["last_review"], sched["reps"], sched["lapses"], suspended))
    db = open_collection(path)
    with db.conn:
        db.conn.executemany(
            "INSERT INTO notes (id, key, kind, text, source, line, position, deck, tags,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
        db.conn.executemany(
            "INSERT INTO cards (id, note_id, ord, front, back, state, stability, difficulty, due,"
            " last_review, reps, lapses, suspended) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)
        db.conn.executemany(
            "INSERT INTO revlog (card_id, reviewed_at, rating, state, due, stability, difficulty,"
            " interval_days, duration_ms, kind, previous) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            revlog_rows)
    db.execute("ANALYZE")
    db.conn.close()
    return len(revlog_rows)


def time_command(args: list[str], runs: int) -> tuple[float, float]:
    """Best and median wall time of a cold `revise …` subprocess."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0], times[len(times) // 2]


def main() -> None:
    """Build the collection, time the commands, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the collection here and keep it")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="revise-bench-") as folder:
        run(options, options.keep or Path(folder) / "collection.db")


def run(options: argparse.Namespace, path: Path) -> None:
    """Build the collection at `path` unless it exists, then time the commands on it."""
    if path.exists():
        print(f"using the existing collection {path}")
    else:
        start = time.perf_counter()
        written = build_collection(path, options.cards, options.reviews, datetime.now(timezone.utc))
        print(f"built {options.cards:,} cards, {written:,} reviews in {time.perf_counter() - start:.1f} s")
    script = Path(sys.executable).with_name("revise")  # the console script of this environment
    revise = [str(script) if script.exists() else "revise", "--collection", str(path), "stats"]
    data = json.loads(subprocess.run(revise + ["--json"], check=True, capture_output=True, text=True).stdout)
    streak = data["streak"]  # the simulated year skips about one day in twelve, so no streak is a year long
    print(f"streak {streak['current']} d, longest {streak['longest']} d (skipped days break them)")
    print(f"\n{'command':<34}{'best':>10}{'median':>10}")
    runs = (("revise stats", []), ("revise stats --json", ["--json"]),
            ("revise stats --deck history", ["--deck", "history"]), ("revise stats --graphs", ["--graphs"]),
            ("revise stats --graphs --json", ["--graphs", "--json"]), ("revise stats --graphs --days 30", ["--graphs", "--days", "30"]))
    for label, extra in runs:
        best, median = time_command(revise + extra, options.runs)
        print(f"{label:<34}{best:>9.3f}s{median:>9.3f}s")


if __name__ == "__main__":
    main()
