"""An imported deck's history attached to the cards its Markdown became: each card found by its
note's explicit id and its ord, its answers replayed into our review log, its schedule set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlite_utils import Database

from revise.config import Settings
from revise.interop.deck import ImportedDeck
from revise.interop.history import card_history


def attach_deck_history(
    db: Database, deck: ImportedDeck, settings_for: Callable[[str], Settings], now: datetime
) -> tuple[int, int, int]:
    """(reviews added, cards scheduled, cards not found) after attaching every card's history."""
    from revise import collection

    found = collection.cards_by_explicit_id(db, [note.id for note in deck.notes])
    work, missing = [], 0
    for note in deck.notes:
        settings = settings_for(note.deck)
        for card in note.cards:
            card_id = found.get((note.id, card.ord))
            if card_id is None:
                missing += 1
                continue
            schedule, logs = card_history(card_id, card, settings, now)
            work.append((card_id, schedule, logs))
    added, scheduled = collection.attach_history(db, work)
    return added, scheduled, missing
