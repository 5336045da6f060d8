"""The stats queries: the cards' state and the review log's aggregates, read for `revise stats`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from revise.collection.database import _rows, add_missing_functions


def _stats_deck_clause(alias: str = "n") -> str:
    """SQL true for notes in deck :deck or its subdecks (or every deck when :deck is NULL)."""
    return f"(:deck IS NULL OR {alias}.deck = :deck OR substr({alias}.deck, 1, length(:deck) + 2) = :deck || '::')"


def _stats_unix(column: str) -> str:
    """SQL for an ISO 8601 column as whole Unix seconds (unixepoch() is faster, from SQLite 3.38)."""
    import sqlite3

    if sqlite3.sqlite_version_info >= (3, 38):
        return f"unixepoch({column})"
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


def stats_reader(db: Database) -> Database | None:
    """A second, read-only connection to `db`'s file, for review-log queries run in another thread;
    None when that could not see what `db` sees (a collection in memory, uncommitted changes)."""
    path = db.execute("PRAGMA database_list").fetchone()[2]  # (seq, name, file) of the main database
    if not path or db.conn.in_transaction:
        return None
    try:
        conn = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error:  # the one connection will do
        return None
    add_missing_functions(conn)
    return Database(conn)


def stats_cards(db: Database, deck: str | None) -> list[tuple]:
    """(id, deck, state, stability, lapses, suspended, leech tag, due, last_review, buried_until) of every
    card that is not retired; times in Unix seconds."""
    sql = f"""
        SELECT c.id, n.deck, c.state, c.stability, c.lapses, c.suspended, instr(n.tags, '"leech"') > 0,
            {_stats_unix("c.due")}, {_stats_unix("c.last_review")}, {_stats_unix("c.buried_until")}
        FROM cards c JOIN notes n ON n.id = c.note_id
        WHERE c.retired = 0 AND n.retired = 0 AND {_stats_deck_clause()}
    """
    return db.execute(sql, {"deck": deck}).fetchall()


def stats_card_places(db: Database, ids: list[int]) -> dict[int, tuple[str, str | None, int | None]]:
    """card id → (front, source file, line)."""
    marks = ",".join("?" * len(ids))
    sql = f"SELECT c.id, c.front, n.source, n.line FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id IN ({marks})"
    return {row[0]: tuple(row[1:]) for row in db.execute(sql, ids)}


def stats_limit_to_deck(db: Database, deck: str | None) -> None:
    """Remember the card ids of `deck` (and subdecks) on this connection for the review queries below."""
    if deck is None:
        return
    db.execute("DROP TABLE IF EXISTS temp.stats_deck_cards")
    db.execute("CREATE TEMP TABLE stats_deck_cards (id INTEGER PRIMARY KEY)")
    sql = f"INSERT INTO temp.stats_deck_cards SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE {_stats_deck_clause()}"
    db.execute(sql, {"deck": deck})


def _stats_card_filter(deck: str | None) -> str:
    """SQL restricting review_facts f to the cards `stats_limit_to_deck` kept (nothing for None)."""
    return "" if deck is None else " AND f.card_id IN temp.stats_deck_cards"


def stats_first_review(db: Database, deck: str | None) -> int | None:
    """The Unix time of the first review (kind 'review') of the deck's cards, or None."""
    sql = f"SELECT min(f.at_s) FROM review_facts f WHERE 1{_stats_card_filter(deck)}"
    return db.execute(sql, {"deck": deck}).fetchone()[0]


def stats_reviews_per_day(db: Database, deck: str | None, days: list[tuple[str, int, int]]) -> dict[str, int]:
    """Reviews in each (day, start, end) range of Unix seconds; days without reviews are left out."""
    sql = f"""
        WITH day AS (SELECT json_extract(value, '$[0]') AS day, json_extract(value, '$[1]') AS start,
            json_extract(value, '$[2]') AS end FROM json_each(:days))
        SELECT day, (SELECT count(*) FROM review_facts f
            WHERE f.at_s >= day.start AND f.at_s < day.end{_stats_card_filter(deck)})
        FROM day
    """
    rows = db.execute(sql, {"deck": deck, "days": json.dumps(days)})
    return {day: count for day, count in rows if count}


def stats_days_reviewed(db: Database, deck: str | None, days: list[tuple[str, int, int]]) -> list[str]:
    """The (day, start, end) ranges of Unix seconds that hold a review: found, not counted (cheaper)."""
    sql = f"""
        WITH day AS (SELECT json_extract(value, '$[0]') AS day, json_extract(value, '$[1]') AS start,
            json_extract(value, '$[2]') AS end FROM json_each(:days))
        SELECT day FROM day WHERE EXISTS (SELECT 1 FROM review_facts f
            WHERE f.at_s >= day.start AND f.at_s < day.end{_stats_card_filter(deck)})
    """
    return [day for day, in db.execute(sql, {"deck": deck, "days": json.dumps(days)})]


def stats_reviews_between(db: Database, deck: str | None, start: int, end: int) -> dict:
    """Reviews in [start, end): count, Again answers, distinct new cards, milliseconds spent."""
    sql = f"""
        SELECT count(*) AS reviews, coalesce(sum(f.rating = 1), 0) AS again,
            count(DISTINCT CASE WHEN f.state = 'new' THEN f.card_id END) AS new,
            coalesce(sum(f.duration_ms), 0) AS milliseconds
        FROM review_facts f WHERE f.at_s >= :start AND f.at_s < :end{_stats_card_filter(deck)}
    """
    return _rows(db, sql, {"deck": deck, "start": start, "end": end})[0]


def stats_limit_curves(db: Database, overrides: list[tuple[str, float, float]]) -> None:
    """Remember (deck, decay, factor) on this connection for `stats_retention`: each deck's cards and
    its subdecks' get that forgetting curve, later entries winning (pass the deepest decks last)."""
    db.execute("DROP TABLE IF EXISTS temp.stats_card_curves")
    if not overrides:
        return
    db.execute("CREATE TEMP TABLE stats_card_curves (id INTEGER PRIMARY KEY, decay REAL, factor REAL)")
    sql = f"""INSERT OR REPLACE INTO temp.stats_card_curves SELECT c.id, :decay, :factor
        FROM cards c JOIN notes n ON n.id = c.note_id WHERE {_stats_deck_clause()}"""
    for deck, decay, factor in overrides:
        db.execute(sql, {"deck": deck, "decay": decay, "factor": factor})


def stats_retention(db: Database, deck: str | None, mature: bool | None, start: int, end: int, decay: float,
                    factor: float, per_card: bool = False) -> dict:
    """Review-state answers in [start, end) of young, mature or (None) unknown-interval cards: count,
    passed, summed and counted predictions (`per_card`: the curves of `stats_limit_curves` where given)."""
    decay_sql, factor_sql, join = ":decay", ":factor", ""
    if per_card:  # a lookup per review costs time, so only when some deck has a curve of its own
        decay_sql, factor_sql = "coalesce(k.decay, :decay)", "coalesce(k.factor, :factor)"
        join = " LEFT JOIN temp.stats_card_curves k ON k.id = f.card_id"
    # NULL (so left out of both sums) when the previous stability or review time is unknown, or S = 0
    recall = f"pow(1 + {factor_sql} * max(0, f.elapsed_s / 86400) / f.prev_stability, -{decay_sql})"
    # FILTER and count(a / b) (NULL for b NULL or 0) evaluate less per review than sum(...) and nullif
    sql = f"""
        SELECT count(*) AS reviews, count(*) FILTER (WHERE f.rating > 1) AS passed,
            total({recall}) AS predicted, count(f.elapsed_s / f.prev_stability) AS predictions
        FROM review_facts f{join}
        WHERE f.state = 'review' AND f.mature IS :mature AND f.at_s >= :start AND f.at_s < :end{_stats_card_filter(deck)}
    """
    values = {"deck": deck, "mature": None if mature is None else int(mature), "start": start, "end": end, "decay": decay, "factor": factor}
    return _rows(db, sql, values)[0]


def stats_answers_since(db: Database, deck: str | None, start: int) -> list[tuple[int, int]]:
    """(card id, 1 if not Again) for every review-state answer since `start`, retired cards' included."""
    # `+f.state`: search the time index by at_s; the retention index would scan every review-state row
    sql = f"SELECT f.card_id, f.rating > 1 FROM review_facts f WHERE f.at_s >= :start AND +f.state = 'review'{_stats_card_filter(deck)}"
    return db.execute(sql, {"start": start}).fetchall()


def stats_card_decks(db: Database, ids: list[int]) -> dict[int, str]:
    """card id → deck, for any cards (retired ones too)."""
    sql = "SELECT c.id, n.deck FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id IN (SELECT value FROM json_each(?))"
    return dict(db.execute(sql, [json.dumps(ids)]).fetchall())
