"""The reads of `revise stats --graphs`: the review log counted per study day (by state before the
answer, young or mature, and button) and per local clock hour, and the studied cards grouped by
interval, stability, difficulty and retrievability. SQL does the per-review work over the covering
indexes of review_facts; Python only adds up per-day and per-hour rows."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from revise.collection.stats import (_card_filter, _deck_clause, _first_review, _in_thread, _limit_curves,
                                     _limit_to_deck, _unix, stats_reader)

Ranges = list[tuple[int, int, int, int]]  # (day index, local hour, start, end) in Unix seconds


@dataclass(frozen=True)
class GraphsQuery:
    """What `read_graphs` reads: the period's study days and clock hours, in Unix seconds."""

    deck: str | None
    days: list[tuple[int, int, int]]  # (day index, start, end)
    hours: Ranges
    now: int
    curve: tuple[float, float]  # (decay, factor) of the main forgetting curve
    deck_curves: tuple[tuple[str, float, float], ...]  # decks with their own curve, deepest last


@dataclass(frozen=True)
class GraphsRows:
    """Per-day answers by (state, mature): [answers, Again, Hard, Good]; per-hour [answers, passed,
    milliseconds]; the cards' groups."""

    answers: list[tuple[int, str, int | None, list[int]]]
    hours: list[tuple[int, int, list[float]]]
    intervals: list[tuple[int, int]]  # (whole days, cards)
    stability: list[tuple[int, int]]  # (rounded days, cards)
    difficulty: list[tuple[int, int]]  # (percent bin 0–99, cards)
    difficulty_median: float | None  # on FSRS's 1–10 scale
    retrievability: list[tuple[int, int, float]]  # (percent bin 0–99, cards, summed R)


def first_answer(db: Database, deck: str | None) -> int | None:
    """The Unix time of the first answer (kind review) of the deck's cards, or None."""
    _limit_to_deck(db, deck)
    return _first_review(db, deck)


def read_graphs(db: Database, query: GraphsQuery) -> GraphsRows:
    """Read what the graphs are computed from: the per-hour pass in a thread on a second connection."""
    reader = stats_reader(db)
    if reader is None:
        return GraphsRows(hours=_hours(db, query), **_answers_and_cards(db, query))
    thread, outcome = _in_thread(_hours, reader, query)
    try:
        found = _answers_and_cards(db, query)
    finally:
        thread.join()
        reader.conn.close()
    done, hours = outcome[0]
    if not done:
        raise hours
    return GraphsRows(hours=hours, **found)


_STATES = "('new', NULL), ('new', 0), ('new', 1), ('learning', NULL), ('learning', 0), ('learning', 1), " \
    "('relearning', NULL), ('relearning', 0), ('relearning', 1), ('review', NULL), ('review', 0), ('review', 1)"


def _answers_and_cards(db: Database, query: GraphsQuery) -> dict:
    """Answers per day by (state, mature): one seek of the retention index per day and pair, so no sort."""
    _limit_to_deck(db, query.deck)
    sql = f"""
        WITH d AS (SELECT value ->> 0 AS i, value ->> 1 AS start, value ->> 2 AS end FROM json_each(:days)),
            s(state, mature) AS (VALUES {_STATES})
        SELECT d.i, s.state, s.mature, (SELECT json_array(count(*), count(*) FILTER (WHERE f.rating = 1),
                count(*) FILTER (WHERE f.rating = 2), count(*) FILTER (WHERE f.rating = 3))
            FROM review_facts f WHERE f.state = s.state AND f.mature IS s.mature
                AND f.at_s >= d.start AND f.at_s < d.end{_card_filter(query.deck)})
        FROM d, s
    """
    rows = db.execute(sql, {"days": json.dumps(query.days)})
    answers = [(i, state, mature, counts) for i, state, mature, text in rows if (counts := json.loads(text))[0]]
    return dict(answers=answers, **_cards(db, query))


def _hours(db: Database, query: GraphsQuery) -> list[tuple[int, int, list[float]]]:
    """(day index, local hour, [answers, passed, milliseconds]) of each clock hour holding answers."""
    _limit_to_deck(db, query.deck)
    sql = f"""
        WITH r AS (SELECT value ->> 0 AS i, value ->> 1 AS h, value ->> 2 AS start, value ->> 3 AS end
            FROM json_each(:hours))
        SELECT r.i, r.h, (SELECT json_array(count(*), count(*) FILTER (WHERE f.rating > 1), total(f.duration_ms))
            FROM review_facts f WHERE f.at_s >= r.start AND f.at_s < r.end{_card_filter(query.deck)})
        FROM r
    """
    rows = db.execute(sql, {"deck": query.deck, "hours": json.dumps(query.hours)})
    return [(i, h, counts) for i, h, text in rows if (counts := json.loads(text))[0]]


def _cards(db: Database, query: GraphsQuery) -> dict:
    """The studied cards (not new, retired or suspended) grouped by interval (review cards), rounded
    stability, difficulty and recall now; read once into a temporary table, then grouped."""
    db.execute("DROP TABLE IF EXISTS temp.graph_cards")
    db.execute(f"""CREATE TEMP TABLE graph_cards AS SELECT c.id, c.state, c.stability AS s, c.difficulty AS d,
            ({_unix('c.due')} - {_unix('c.last_review')}) / 86400 AS interval, {_unix('c.last_review')} AS last
        FROM cards c JOIN notes n ON n.id = c.note_id
        WHERE c.state <> 'new' AND c.retired = 0 AND n.retired = 0 AND c.suspended = 0 AND {_deck_clause()}""",
               {"deck": query.deck})
    grouped = "SELECT {}, count(*) FROM temp.graph_cards WHERE {} IS NOT NULL{} GROUP BY 1"
    bin_of = "min(99, CAST({} * 100 AS INTEGER))"
    difficulty = db.execute(grouped.format(bin_of.format("(d - 1) / 9.0"), "d", "")).fetchall()
    count = sum(n for _, n in difficulty)
    median = db.execute("SELECT avg(d) FROM (SELECT d FROM temp.graph_cards WHERE d IS NOT NULL ORDER BY d"
                        " LIMIT 2 - :n % 2 OFFSET (:n - 1) / 2)", {"n": count}).fetchone()[0] if count else None
    return dict(intervals=db.execute(grouped.format("interval", "interval", " AND state = 'review'")).fetchall(),
                stability=db.execute(grouped.format("CAST(round(s) AS INTEGER)", "s", "")).fetchall(),
                difficulty=difficulty, difficulty_median=median, retrievability=_retrievability(db, query, bin_of))


def _retrievability(db: Database, query: GraphsQuery, bin_of: str) -> list[tuple[int, int, float]]:
    """Recall now per studied card (whole days elapsed, as `revise stats` counts it), by percent bin."""
    _limit_curves(db, query.deck_curves)
    decay, factor, join = ":decay", ":factor", ""
    if query.deck_curves:  # each deck override's cards on their own curve
        decay, factor = "coalesce(k.decay, :decay)", "coalesce(k.factor, :factor)"
        join = " LEFT JOIN temp.stats_card_curves k ON k.id = g.id"
    recall = f"pow(1 + {factor} * max(0, (:now - g.last) / 86400) / g.s, -{decay})"
    sql = f"""SELECT {bin_of.format('r')}, count(*), total(r) FROM (SELECT {recall} AS r
        FROM temp.graph_cards g{join} WHERE g.s > 0 AND g.last IS NOT NULL) GROUP BY 1"""
    values = {"now": query.now, "decay": query.curve[0], "factor": query.curve[1]}
    return db.execute(sql, values).fetchall()
