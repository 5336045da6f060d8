"""The stats reads: `read_stats` gathers, in one call, the cards' state and the review log's
aggregates that `revise stats` computes its figures from (SQL does the per-review work, see the
review_facts table)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

from revise.collection.database import dict_rows, add_missing_functions
from revise.collection.selection import deck_names

StudyDays = list[tuple[str, int, int]]  # (ISO day, start, end) per study day, Unix seconds


@dataclass(frozen=True)
class StatsQuery:
    """What `read_stats` reads, chosen by the stats package: instants are Unix seconds."""

    deck: str | None  # with its subdecks; None: every deck
    today: tuple[int, int]  # [start, end) of today
    windows: tuple[tuple[int, int, int], ...]  # (window days, start, end): the disjoint retention pieces
    curve: tuple[float, float]  # (decay, factor) of the forgetting curve that predicts recall
    deck_curves: tuple[tuple[str, float, float], ...]  # (deck, decay, factor) of decks with their own, deepest last
    recent_start: int  # where the deck table's retention window starts
    heatmap_days: StudyDays
    # the days before the heatmap's whose reviews the streaks need, from the first review's time (or None)
    history_days: Callable[[int | None], StudyDays]
    hardest: Callable[[list[tuple]], list[int]]  # the card rows → the ids of the cards whose places to read
    tally: Callable[[tuple, tuple], object]  # (card rows, new-card groups) → the stats package's tally


@dataclass(frozen=True)
class StatsRows:
    """What the collection holds for one query: per-card rows and aggregated review rows."""

    cards: tuple[tuple, ...]  # `_cards` rows: the cards that are not new
    today: dict  # `_reviews_between` of today
    retention: tuple[tuple[int, bool | None, dict], ...]  # (window days, mature or None, row), pieces disjoint
    places: dict[int, tuple[str, str | None, int | None]] = field(default_factory=dict)  # id → (front, file, line), hardest cards
    deck_answers: dict[str, tuple[int, int]] = field(default_factory=dict)  # deck → `_deck_answers`
    reviews_per_day: dict[str, int] = field(default_factory=dict)  # ISO day → reviews, for the heatmap's days
    days_reviewed_before: tuple[str, ...] = ()  # ISO days before the heatmap's that hold a review
    deck_names: tuple[str, ...] = ()  # only when the query's deck holds no card: every deck
    new_cards: tuple[tuple, ...] = ()  # `_new_card_groups` rows
    tally: object = None  # what the query's `tally` made of `cards` and `new_cards`


def read_stats(db: Database, query: StatsQuery) -> StatsRows:
    """Read everything `revise stats` computes its figures from."""
    reader = stats_reader(db)
    if reader is None:
        rows = StatsRows(**_read_cards(db, query), **_read_aggregates(db, query))
    else:
        rows = _read_in_parallel(db, reader, query)
    if query.deck is not None and not rows.cards and not rows.new_cards:
        return StatsRows(cards=(), today=rows.today, retention=rows.retention, deck_names=tuple(deck_names(db)))
    return rows


def _read_in_parallel(db: Database, reader: Database, query: StatsQuery) -> StatsRows:
    """The aggregates on `reader` in a thread (SQLite runs them without the GIL), the card rows here."""
    thread, outcome = _in_thread(_read_aggregates, reader, query)
    try:
        found = _read_cards(db, query)
    finally:  # the thread must be done with the reader before it closes, whatever happened here
        thread.join()
        reader.conn.close()
    done, aggregates = outcome[0]
    if not done:
        raise aggregates
    return StatsRows(**found, **aggregates)


def _in_thread(function: Callable, *args):
    """Start function(*args) in a thread: (the thread, a list that gets (True, its result) or (False,
    the exception it raised)). A plain thread: concurrent.futures costs an import."""
    import threading

    outcome: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            outcome.append((True, function(*args)))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name="revise-stats", daemon=True)
    thread.start()
    return thread, outcome


def _read_cards(db: Database, query: StatsQuery) -> dict:
    """The card rows (not new), the new cards by group, the hardest cards' places, the query's tally (it
    runs while the thread's SQL does) and, to even out the threads' work, the reviews per heatmap day."""
    cards, new_cards = tuple(_cards(db, query.deck)), tuple(_new_card_groups(db, query.deck))
    places = _card_places(db, query.hardest(cards))
    tally = query.tally(cards, new_cards)
    _limit_to_deck(db, query.deck)
    per_day = _reviews_per_day(db, query.deck, query.heatmap_days)
    found = dict(cards=cards, new_cards=new_cards, places=places, tally=tally, reviews_per_day=per_day)
    if query.deck is not None:  # then the other thread, which checks each review's card, is the slower
        found["deck_answers"] = _deck_answers(db, query.deck, query.recent_start)
    return found


def _read_aggregates(db: Database, query: StatsQuery) -> dict:
    """What SQLite aggregates from the review log: today's answers, the retention window pieces, the
    study days before the heatmap's (streaks) and, for every deck, the deck table's answers."""
    deck, (decay, factor), per_card = query.deck, query.curve, bool(query.deck_curves)
    _limit_to_deck(db, deck)
    _limit_curves(db, query.deck_curves)
    first = _first_review(db, deck)
    found = dict(
        today=_reviews_between(db, deck, *query.today),
        retention=tuple(
            (days, mature, _retention(db, deck, mature, start, end, decay, factor, per_card))
            for days, start, end in query.windows for mature in (False, True, None)
        ),
        # for the streaks: whether, not how many
        days_reviewed_before=tuple(_days_reviewed(db, deck, query.history_days(first))),
    )
    if deck is None:  # with a deck, checking each review's card makes this thread the slower: see _read_cards
        found["deck_answers"] = _deck_answers(db, deck, query.recent_start)
    return found


def _deck_clause(alias: str = "n") -> str:
    """SQL true for notes in deck :deck or its subdecks (or every deck when :deck is NULL)."""
    return f"(:deck IS NULL OR {alias}.deck = :deck OR substr({alias}.deck, 1, length(:deck) + 2) = :deck || '::')"


def _unix(column: str) -> str:
    """SQL for an ISO 8601 column as whole Unix seconds (unixepoch() is faster, from SQLite 3.38)."""
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
    return Database(conn, execute_plugins=False)


def _cards(db: Database, deck: str | None) -> list[tuple]:
    """(id, deck, state, stability, lapses, suspended, leech tag, due, last_review, buried_until) of every
    card that is neither retired nor new; times in Unix seconds."""
    sql = f"""
        SELECT c.id, n.deck, c.state, c.stability, c.lapses, c.suspended, instr(n.tags, '"leech"') > 0,
            {_unix("c.due")}, {_unix("c.last_review")}, {_unix("c.buried_until")}
        FROM cards c JOIN notes n ON n.id = c.note_id
        WHERE c.state <> 'new' AND c.retired = 0 AND n.retired = 0 AND {_deck_clause()}
    """
    return db.execute(sql, {"deck": deck}).fetchall()


def _new_card_groups(db: Database, deck: str | None) -> list[tuple]:
    """(deck, suspended, lapses, leech tag, buried_until, how many) of the new cards that are not retired,
    grouped: all stats needs of a new card, without a Python row for each (a fresh import is mostly new)."""
    sql = f"""
        SELECT n.deck, c.suspended, c.lapses, instr(n.tags, '"leech"') > 0, {_unix("c.buried_until")}, count(*)
        FROM cards c JOIN notes n ON n.id = c.note_id
        WHERE c.state = 'new' AND c.retired = 0 AND n.retired = 0 AND {_deck_clause()}
        GROUP BY 1, 2, 3, 4, 5
    """
    return db.execute(sql, {"deck": deck}).fetchall()


def _card_places(db: Database, ids: list[int]) -> dict[int, tuple[str, str | None, int | None]]:
    """card id → (front, source file, line)."""
    marks = ",".join("?" * len(ids))
    sql = f"SELECT c.id, c.front, n.source, n.line FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id IN ({marks})"
    return {row[0]: tuple(row[1:]) for row in db.execute(sql, ids)}


def _limit_to_deck(db: Database, deck: str | None) -> None:
    """Remember the card ids of `deck` (and subdecks) on this connection for the review queries below."""
    if deck is None:
        return
    db.execute("DROP TABLE IF EXISTS temp.stats_deck_cards")
    db.execute("CREATE TEMP TABLE stats_deck_cards (id INTEGER PRIMARY KEY)")
    sql = f"INSERT INTO temp.stats_deck_cards SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE {_deck_clause()}"
    db.execute(sql, {"deck": deck})


def _card_filter(deck: str | None) -> str:
    """SQL restricting review_facts f to the cards `_limit_to_deck` kept (nothing for None)."""
    return "" if deck is None else " AND f.card_id IN temp.stats_deck_cards"


def _first_review(db: Database, deck: str | None) -> int | None:
    """The Unix time of the first review (kind 'review') of the deck's cards, or None."""
    sql = f"SELECT min(f.at_s) FROM review_facts f WHERE 1{_card_filter(deck)}"
    return db.execute(sql, {"deck": deck}).fetchone()[0]


# the (day, start, end) rows of the JSON list :days
_DAYS = """WITH day AS (SELECT json_extract(value, '$[0]') AS day, json_extract(value, '$[1]') AS start,
    json_extract(value, '$[2]') AS end FROM json_each(:days))"""


def _reviews_per_day(db: Database, deck: str | None, days: StudyDays) -> dict[str, int]:
    """Reviews in each (day, start, end) range of Unix seconds; days without reviews are left out."""
    sql = f"""{_DAYS}
        SELECT day, (SELECT count(*) FROM review_facts f
            WHERE f.at_s >= day.start AND f.at_s < day.end{_card_filter(deck)})
        FROM day
    """
    rows = db.execute(sql, {"deck": deck, "days": json.dumps(days)})
    return {day: count for day, count in rows if count}


def _days_reviewed(db: Database, deck: str | None, days: StudyDays) -> list[str]:
    """The (day, start, end) ranges of Unix seconds that hold a review: found, not counted (cheaper)."""
    sql = f"""{_DAYS}
        SELECT day FROM day WHERE EXISTS (SELECT 1 FROM review_facts f
            WHERE f.at_s >= day.start AND f.at_s < day.end{_card_filter(deck)})
    """
    return [day for day, in db.execute(sql, {"deck": deck, "days": json.dumps(days)})]


def _reviews_between(db: Database, deck: str | None, start: int, end: int) -> dict:
    """Reviews in [start, end): count, Again answers, distinct new cards, and each one's duration (ms)."""
    where = f"FROM review_facts f WHERE f.at_s >= :start AND f.at_s < :end{_card_filter(deck)}"
    params = {"deck": deck, "start": start, "end": end}
    sql = f"""
        SELECT count(*) AS reviews, coalesce(sum(f.rating = 1), 0) AS again,
            count(DISTINCT CASE WHEN f.state = 'new' THEN f.card_id END) AS new {where}
    """
    # the durations themselves: the time spent is scheduling.time_spent's to sum, as the session summary's is
    return dict_rows(db, sql, params)[0] | {"durations": [d for d, in db.execute(f"SELECT f.duration_ms {where}", params)]}


def _limit_curves(db: Database, overrides: tuple[tuple[str, float, float], ...]) -> None:
    """Remember (deck, decay, factor) on this connection for `_retention`: each deck's cards and
    its subdecks' get that forgetting curve, later entries winning (pass the deepest decks last)."""
    db.execute("DROP TABLE IF EXISTS temp.stats_card_curves")
    if not overrides:
        return
    db.execute("CREATE TEMP TABLE stats_card_curves (id INTEGER PRIMARY KEY, decay REAL, factor REAL)")
    sql = f"""INSERT OR REPLACE INTO temp.stats_card_curves SELECT c.id, :decay, :factor
        FROM cards c JOIN notes n ON n.id = c.note_id WHERE {_deck_clause()}"""
    for deck, decay, factor in overrides:
        db.execute(sql, {"deck": deck, "decay": decay, "factor": factor})


def _retention(db: Database, deck: str | None, mature: bool | None, start: int, end: int, decay: float,
                    factor: float, per_card: bool = False) -> dict:
    """Review-state answers in [start, end) of young, mature or (None) unknown-interval cards: count,
    passed, summed and counted predictions (`per_card`: the curves of `_limit_curves` where given)."""
    decay_sql, factor_sql, join = ":decay", ":factor", ""
    if per_card:  # a lookup per review costs time, so only when some deck has a curve of its own
        decay_sql, factor_sql = "coalesce(k.decay, :decay)", "coalesce(k.factor, :factor)"
        join = " LEFT JOIN temp.stats_card_curves k ON k.id = f.card_id"
    # whole days, never negative: max(0, f.elapsed_s / 86400) without a function call per review
    days = "CASE WHEN f.elapsed_s < 0 THEN 0 ELSE f.elapsed_s / 86400 END"
    # NULL (so left out of both sums) when the previous stability or review time is unknown, or S = 0
    recall = f"pow(1 + {factor_sql} * {days} / f.prev_stability, -{decay_sql})"
    # the cheapest per review: FILTER rather than sum() or nullif, and the rare case counted (Again, no
    # prediction; rating is NOT NULL) then subtracted: an aggregate step fewer for most reviews
    sql = f"""
        SELECT count(*) AS reviews, count(*) - count(*) FILTER (WHERE f.rating <= 1) AS passed,
            total({recall}) AS predicted,
            count(*) - count(*) FILTER (WHERE f.elapsed_s / f.prev_stability IS NULL) AS predictions
        FROM review_facts f{join}
        WHERE f.state = 'review' AND f.mature IS :mature AND f.at_s >= :start AND f.at_s < :end{_card_filter(deck)}
    """
    values = {"deck": deck, "mature": None if mature is None else int(mature), "start": start, "end": end, "decay": decay, "factor": factor}
    return dict_rows(db, sql, values)[0]


def _deck_answers(db: Database, deck: str | None, start: int) -> dict[str, tuple[int, int]]:
    """deck → (review-state answers since `start`, those not Again), retired cards' included."""
    # `+f.state`: search the time index by at_s; the retention index would scan every review-state row.
    # Counted by card first, so that the cards and their notes are then looked up once each and in id
    # order (about 3 times faster than a lookup per answer, in time order)
    sql = f"""
        SELECT n.deck, sum(a.answers), sum(a.passed)
        FROM (SELECT f.card_id, count(*) AS answers, count(*) FILTER (WHERE f.rating > 1) AS passed
              FROM review_facts f WHERE f.at_s >= :start AND +f.state = 'review'{_card_filter(deck)}
              GROUP BY f.card_id) a
        JOIN cards c ON c.id = a.card_id JOIN notes n ON n.id = c.note_id
        GROUP BY n.deck
    """
    return {name: (answers, passed) for name, answers, passed in db.execute(sql, {"start": start})}
