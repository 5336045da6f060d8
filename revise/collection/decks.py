"""The decks of `revise decks`: each deck's counts (New, Learn, Due: disjoint, as Anki's deck list
counts them), and decks as a tree whose parents sum their subdecks (as `revise stats` shows them)."""

from __future__ import annotations

from typing import Callable, Mapping, TypeVar

from sqlite_utils import Database

Row = TypeVar("Row")

_ACTIVE = "notes.retired = 0 AND cards.retired = 0"
_AVAILABLE = "cards.suspended = 0 AND (cards.buried_until IS NULL OR julianday(cards.buried_until) <= julianday(:now))"
_LEARNING = "cards.state IN ('learning', 'relearning')"


def deck_counts(db: Database, now: str, day_end: str | None = None) -> list[dict]:
    """Each deck holding cards: its cards, and (suspended, buried and retired cards left out) how many
    are new, learning and due now (a due learning card in both); and, disjoint with `new`, `learn_count`
    (learning and relearning cards due before `day_end`) and `review_count` (review cards due before it)."""
    sql = f"""
        SELECT notes.deck AS deck, count(*) AS cards,
          sum(cards.state = 'new' AND {_AVAILABLE}) AS new,
          sum({_LEARNING} AND {_AVAILABLE}) AS learning,
          sum(cards.state != 'new' AND {_AVAILABLE} AND julianday(cards.due) <= julianday(:now)) AS due,
          sum({_LEARNING} AND {_AVAILABLE} AND julianday(cards.due) < julianday(:day_end)) AS learn_count,
          sum(cards.state = 'review' AND {_AVAILABLE} AND julianday(cards.due) < julianday(:day_end)) AS review_count
        FROM cards JOIN notes ON notes.id = cards.note_id
        WHERE {_ACTIVE} GROUP BY notes.deck ORDER BY notes.deck
    """
    return list(db.query(sql, {"now": now, "day_end": day_end or now}))


def deck_tree(decks: Mapping[str, Row], empty: Callable[[str], Row]) -> list[tuple[str, Row]]:
    """Every deck and parent deck (`a` of `a::b`) in tree order, a parent before its subdecks, each the
    sum (`+`) of its own row and its subdecks'; `empty(name)` starts the sum of a deck without a row."""
    nodes: dict[str, Row] = {}
    for deck, row in decks.items():
        parts = deck.split("::")
        for depth in range(1, len(parts) + 1):
            name = "::".join(parts[:depth])
            nodes[name] = (nodes[name] if name in nodes else empty(name)) + row
    return [(name, nodes[name]) for name in sorted(nodes, key=lambda name: name.split("::"))]
