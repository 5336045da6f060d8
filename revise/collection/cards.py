"""The card listings: `revise cards` (its filters and its JSON object), and the per-file counts of import."""

from __future__ import annotations

import functools
import json
from datetime import datetime, timezone

from sqlite_utils import Database

from revise.collection.database import dict_rows


CARD_STATES = ("new", "learning", "review", "suspended", "leech")  # what `revise cards --state` takes
LeechThresholds = tuple[int, tuple[tuple[str, int], ...]]  # (the default, (deck, threshold) of each override)
_ACTIVE = "notes.retired = 0 AND cards.retired = 0"


def active_card_counts(db: Database, sources: list[str] | None = None) -> dict[str, int]:
    """Cards not retired, per source file (of every file, or only of `sources`: read through their index)."""
    sql = f"SELECT notes.source, count(*) FROM cards JOIN notes ON notes.id = cards.note_id WHERE {_ACTIVE}"
    if sources is None:
        return dict(db.conn.execute(sql + " GROUP BY notes.source").fetchall())
    counts: dict[str, int] = {}
    for start in range(0, len(sources), 500):  # SQLite's limit on parameters
        chunk = sources[start : start + 500]
        query = f"{sql} AND notes.source IN ({','.join('?' * len(chunk))}) GROUP BY notes.source"
        counts.update(db.conn.execute(query, chunk).fetchall())
    return counts


def _deck_clause(deck: str) -> tuple[str, list]:
    # A deck includes its subdecks; substr avoids LIKE's wildcards and case folding.
    return "(notes.deck = ? OR substr(notes.deck, 1, ?) = ?)", [deck, len(deck) + 2, deck + "::"]


def list_cards(
    db: Database, *, deck: str | None = None, tag: str | None = None, due_at: str | None = None,
    include_retired: bool = False, search: str | None = None, state: str | None = None,
    leech_thresholds: LeechThresholds = (8, ()),
) -> list[dict]:
    """Cards with their note and schedule, in reading order (as review learns them: a folder's own
    files before its subfolders, then position in the file); `due_at` keeps those due by then,
    `search` those holding each of its words, `state` those in one of CARD_STATES."""
    where, params = _listing_filters(deck, tag, due_at, include_retired)
    if search:
        _add(where, params, _search_clause(db, search))
    if state:
        _add(where, params, _state_clause(state, leech_thresholds))
    sql = (
        "SELECT cards.*, notes.deck, notes.kind, notes.tags, notes.source, notes.line, notes.headings,"
        " notes.retired AS note_retired, notes.position AS note_position"
        " FROM cards JOIN notes ON notes.id = cards.note_id"
        f" WHERE {' AND '.join(where)} ORDER BY notes.read_key, notes.position, notes.line, cards.ord"
    )
    return dict_rows(db, sql, params)


def _listing_filters(
    deck: str | None, tag: str | None, due_at: str | None, include_retired: bool
) -> tuple[list[str], list]:
    """The WHERE clauses of `list_cards` and their parameters, in the order they are bound."""
    where, params = ["1"], []
    if not include_retired:
        where.append(_ACTIVE)
    if deck:
        clause, values = _deck_clause(deck)
        where.append(clause)
        params += values
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(notes.tags) WHERE value = ? OR substr(value, 1, ?) = ?)")
        params += [tag, len(tag) + 1, tag + "/"]
    if due_at:
        # `state IN (…) AND due <= ?` walks the cards_due index (times are stored as text that sorts);
        # julianday() then compares moments written in any ISO 8601 form
        where.append(
            "cards.state IN ('learning', 'relearning', 'review') AND cards.due <= ? AND cards.suspended = 0"
            " AND julianday(cards.due) <= julianday(?)"
            " AND (cards.buried_until IS NULL OR julianday(cards.buried_until) <= julianday(?))"
        )
        params += [due_at, due_at, due_at]
    return where, params


def _add(where: list[str], params: list, clause: tuple[str, list]) -> None:
    where.append(clause[0])
    params += clause[1]


def _search_clause(db: Database, search: str) -> tuple[str, list]:
    """Each word of `search` in the front, back, deck or a tag (a leading # left out), whatever its case."""
    # Python's casefold, not SQLite's lower() or LIKE, which fold ASCII letters only (É, Σ, ß)
    db.conn.create_function("casefold", 1, lambda text: text.casefold() if text else text, deterministic=True)
    clauses, params = [], []
    for word in search.casefold().split():
        clauses.append(
            "(instr(casefold(cards.front), ?) OR instr(casefold(cards.back), ?) OR instr(casefold(notes.deck), ?)"
            " OR EXISTS (SELECT 1 FROM json_each(notes.tags) WHERE instr(casefold(value), ?)))"
        )
        params += [word, word, word, word.lstrip("#") or word]
    return " AND ".join(clauses) or "1", params


def _state_clause(state: str, leech_thresholds: LeechThresholds) -> tuple[str, list]:
    """SQL true for the cards in `state`: a scheduling state (learning with relearning), suspended, or leech."""
    if state not in CARD_STATES:
        raise ValueError(f"unknown card state {state!r}")
    if state == "leech":
        threshold, values = _leech_threshold(leech_thresholds)
        # as stats counts leeches: tagged by a review, or as many lapses as the deck's threshold
        return f"(instr(notes.tags, '\"leech\"') > 0 OR cards.lapses >= {threshold})", values
    if state == "suspended":
        return "cards.suspended = 1", []
    return "cards.state IN (?, ?)", ["learning", "relearning"] if state == "learning" else [state, state]


def _leech_threshold(leech_thresholds: LeechThresholds) -> tuple[str, list]:
    """SQL for the leech threshold of a note's deck: the deepest override that holds it, else the default."""
    default, overrides = leech_thresholds
    sql, params = "?", [default]
    for deck, threshold in sorted(overrides, key=lambda o: len(o[0])):  # the longest, tested first, wins
        clause, values = _deck_clause(deck)
        sql, params = f"CASE WHEN {clause} THEN ? ELSE {sql} END", [*values, threshold, *params]
    return sql, params


def card_json(row: dict) -> dict:
    """One card as the stable `cards --json` object."""
    return {
        "id": row["id"], "deck": row["deck"], "kind": row["kind"], "front": row["front"], "back": row["back"],
        "tags": _json_list(row["tags"]), "source": row["source"], "line": row["line"],
        "headings": _json_list(row["headings"]), "state": row["state"], "due": _iso_with_offset(row["due"]),
        "reps": row["reps"], "lapses": row["lapses"], "stability": row["stability"],
        "difficulty": row["difficulty"], "suspended": bool(row["suspended"]),
        "retired": bool(row["retired"] or row["note_retired"]),
    }


@functools.lru_cache(maxsize=4096)
def _json_list(text: str) -> list[str]:
    # The cards of a section share its heading path, and most have no tags: decode each text once.
    return json.loads(text)


def _iso_with_offset(moment: str | None) -> str | None:
    """Stored UTC times as ISO 8601 with an explicit offset (a time stored without one is UTC)."""
    if not moment:
        return None
    if moment.endswith("+00:00") and moment[10:11] == "T":  # as revise stores them: already so
        return moment
    parsed = datetime.fromisoformat(moment)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).isoformat()
