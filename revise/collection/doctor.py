"""`revise doctor`: what can be wrong with a collection, what to do about it, and the repairs that are safe."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from revise.collection.database import read_only_connection, writing
from revise.collection.migrations import _COUNTED, _FACT_COLUMNS, _review_fact, migrations

RESTORE = "restore a backup from before it happened: `revise backups` lists them, `revise restore FILE` puts one back"
STATES = ("new", "learning", "review", "relearning")
_BAD_SCHEDULE = {  # what makes a card's schedule unusable → how --fix mends it (history in the review log stays)
    "reset": f"state NOT IN {STATES} OR (state != 'new' AND (due IS NULL OR julianday(due) IS NULL))"
             " OR (state IN ('review', 'relearning') AND (stability IS NULL OR stability <= 0))",
    "clamp": "difficulty < 1 OR difficulty > 10 OR reps < 0 OR lapses < 0 OR suspended NOT IN (0, 1)",
}
_RESET = "state = 'new', step = NULL, stability = NULL, difficulty = NULL, due = NULL, last_review = NULL"
_CLAMP = ("difficulty = min(max(difficulty, 1), 10), reps = max(reps, 0), lapses = max(lapses, 0),"
          " suspended = suspended != 0")
_COUNTED_REVIEWS = f"SELECT count(*) FROM revlog WHERE {_COUNTED.format(row='revlog')}"
_LIVE_CARDS = ("(SELECT count(*) FROM notes JOIN cards ON cards.note_id = notes.id"
               " WHERE notes.source = sources.path AND notes.retired = 0 AND cards.retired = 0)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong: its kind, what exactly, what to do; `fixable` when `doctor --fix` mends it safely."""

    kind: str
    detail: str
    fix: str
    fixable: bool = False

    def as_json(self) -> dict:
        """The problem as `--json` prints it."""
        return {"kind": self.kind, "detail": self.detail, "fix": self.fix}


def pending_steps(path: Path) -> list[str]:
    """The schema steps this revise knows and the file at `path` has not had yet (read without writing)."""
    conn = read_only_connection(path)
    try:
        applied = {name for name, in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'revise'")}
    except sqlite3.DatabaseError:  # a damaged file: the integrity check says so
        return []
    finally:
        conn.close()
    return [m.name for m in migrations._migrations if m.name not in applied]


def diagnose(db: Database, pending: list[str] = ()) -> list[Problem]:
    """Every problem found in `db` (whose file lacks the schema steps `pending`), integrity first."""
    problems = _integrity(db)
    if pending:
        problems.append(Problem(
            "schema", f"the collection's schema is older than this revise's ({len(pending)} step"
            f"{'s' * (len(pending) != 1)} to apply: {', '.join(pending)})",
            "any writing command upgrades it after a backup: `revise doctor --fix` or `revise sync`", True))
    for check in (_foreign_keys, _schedules, _derived, _missing_sources):
        try:
            problems += check(db)
        except sqlite3.DatabaseError as exc:  # a damaged file: say so, and go on with the other checks
            problems.append(Problem("integrity", f"{check.__doc__.split(':')[0]}: {exc}", RESTORE))
    return problems


def _integrity(db: Database) -> list[Problem]:
    try:
        messages = [row for row, in db.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        messages = [str(exc)]
    if messages == ["ok"]:
        return []
    only_indexes = all("index" in m for m in messages)  # the tables are sound: the indexes can be rebuilt
    fix = "`revise doctor --fix` rebuilds the indexes (REINDEX)" if only_indexes else RESTORE
    return [Problem("integrity", "; ".join(messages[:5]), fix, only_indexes)]


def _foreign_keys(db: Database) -> list[Problem]:
    """Reading the links between rows: cards whose note is gone, reviews of unknown cards, any other."""
    broken: dict[tuple[str, str], list[int]] = {}
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
        broken.setdefault((table, parent), []).append(rowid)
    problems = []
    for (table, parent), ids in sorted(broken.items()):
        what = {("cards", "notes"): ("orphan_cards", "card{s} whose note is gone"),
                ("revlog", "cards"): ("orphan_reviews", "review{s} of unknown cards")}.get(
            (table, parent), ("foreign_key", f"{table} row{{s}} pointing at no {parent} row"))
        label = what[1].format(s="s" * (len(ids) != 1))
        problems.append(Problem(what[0], f"{len(ids)} {label} ({table} ids {_ids(ids)})",
                                f"kept as they are (deleting them would lose history); {RESTORE}"))
    return problems


def _schedules(db: Database) -> list[Problem]:
    """Reading the schedules: cards whose fields are out of range."""
    ids = [i for i, in db.execute(f"SELECT id FROM cards WHERE {' OR '.join(_BAD_SCHEDULE.values())}")]
    if not ids:
        return []
    return [Problem("schedule", f"{len(ids)} card{'s' * (len(ids) != 1)} with schedule fields out of range "
                    f"(ids {_ids(ids)})", "`revise doctor --fix` resets an unusable schedule to new (its "
                    "review history stays) and brings other values into range", True)]


def _derived(db: Database) -> list[Problem]:
    """Reading the derived tables: stats' review facts, each source's card count, out of step."""
    problems = []
    if db.execute(_COUNTED_REVIEWS).fetchone()[0] != db.execute("SELECT count(*) FROM review_facts").fetchone()[0]:
        problems.append(Problem("review_facts", "the stats table review_facts disagrees with the review log",
                                "`revise doctor --fix` rebuilds it from the review log", True))
    stale = db.execute(f"SELECT count(*) FROM sources WHERE cards != {_LIVE_CARDS}").fetchone()[0]
    if stale:
        problems.append(Problem("source_counts", f"{stale} source{'s' * (stale != 1)} with a wrong card count",
                                "`revise doctor --fix` recounts them", True))
    return problems


def _missing_sources(db: Database) -> list[Problem]:
    """Reading the sources: imported files that no longer exist."""
    gone = [p for p, in db.execute("SELECT path FROM sources ORDER BY path") if not os.path.exists(p)]
    if not gone:
        return []
    shown = ", ".join(gone[:3]) + (f" and {len(gone) - 3} more" if len(gone) > 3 else "")
    return [Problem("missing_sources", f"{len(gone)} imported file{'s' * (len(gone) != 1)} no longer exist: {shown}",
                    "reconnect the drive or folder they were on; if you deleted them, `revise sync` retires their "
                    "cards (their history is kept), and `revise sync --forget-missing` a deleted folder's")]


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids[:5])) + (", …" if len(ids) > 5 else "")


def repair(db: Database, problems: list[Problem]) -> list[str]:
    """Mend the fixable `problems` (the schema is already upgraded by opening for writing); what was done."""
    kinds = {p.kind for p in problems if p.fixable}
    done = ["upgraded the schema"] if "schema" in kinds else []
    with writing(db):
        if "integrity" in kinds:
            db.execute("REINDEX")
            done.append("rebuilt the indexes")
        if "schedule" in kinds:
            done += _repair_schedules(db)
        if "review_facts" in kinds:
            _rebuild_review_facts(db)
            done.append("rebuilt review_facts from the review log")
        if "source_counts" in kinds:
            db.execute(f"UPDATE sources SET cards = {_LIVE_CARDS} WHERE cards != {_LIVE_CARDS}")
            done.append("recounted the sources' cards")
    return done


def _repair_schedules(db: Database) -> list[str]:
    reset = db.execute(f"UPDATE cards SET {_RESET} WHERE {_BAD_SCHEDULE['reset']}").rowcount
    clamped = db.execute(f"UPDATE cards SET {_CLAMP} WHERE {_BAD_SCHEDULE['clamp']}").rowcount
    cards = {what: f"{n} card{'s' * (n != 1)}" for what, n in (("reset", reset), ("clamp", clamped))}
    return ([f"reset {cards['reset']} to new"] if reset else []) + (
        [f"brought the values of {cards['clamp']} into range"] if clamped else [])


def _rebuild_review_facts(db: Database) -> None:
    """Refill review_facts from the review log (the same rows the triggers would have written)."""
    db.execute("DELETE FROM review_facts")
    db.execute(f"INSERT INTO review_facts ({_FACT_COLUMNS}) {_review_fact('revlog')} FROM revlog "
               f"WHERE {_COUNTED.format(row='revlog')}")
