"""`revise cards` (with --search and --state) and `revise decks`: what the collection holds."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from revise.cli import JsonOption, _not_empty, command, open_db, output


class CardState(str, Enum):
    """What `revise cards --state` takes (collection.CARD_STATES)."""

    new = "new"
    learning = "learning"
    review = "review"
    suspended = "suspended"
    leech = "leech"


@command("cards")
def cards_command(
    ctx: typer.Context,
    deck: Annotated[Optional[str], typer.Option("--deck", metavar="DECK", help="Only this deck and its subdecks.", callback=_not_empty)] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", metavar="TAG", help="Only cards with this tag (`#tag` too).", callback=_not_empty)] = None,
    due: Annotated[bool, typer.Option("--due", help="Only cards due now.")] = False,
    search: Annotated[Optional[str], typer.Option("--search", metavar="TEXT", help="Only cards with every word of TEXT in their front, back, tags or deck (any case).", callback=_not_empty)] = None,
    state: Annotated[Optional[CardState], typer.Option("--state", help="Only new, learning (relearning too), review, suspended or leech cards.")] = None,
    include_retired: Annotated[bool, typer.Option("--all", help="Include retired cards.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List cards with their deck, source and schedule."""
    from datetime import datetime, timezone

    from revise import collection
    from revise.notes import tag_name

    leeches = _leech_thresholds() if state is CardState.leech else (8, ())
    db = open_db(ctx, read_only=True)
    now = datetime.now(timezone.utc).isoformat() if due else None
    tag = tag_name(tag) if tag else tag
    rows = collection.list_cards(db, deck=deck, tag=tag, due_at=now, include_retired=include_retired,
                                 search=search, state=state and state.value, leech_thresholds=leeches)
    cards = [collection.card_json(row) for row in rows]
    if as_json:
        output.print_cards_json(cards)
    elif not cards and collection.has_cards(db):  # the filters, not the collection, are why nothing is listed
        output.print_no_match(deck, tag, due, search, state and state.value)
    else:
        output.print_cards_table(cards)


def _leech_thresholds() -> tuple[int, tuple[tuple[str, int], ...]]:
    """The leech threshold of config.toml, and of each deck override."""
    from revise.config import load_config

    config = load_config()
    return config.default.leech_threshold, tuple((name, s.leech_threshold) for name, s in config.decks)


@command("decks")
def decks_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List decks as a tree with their New, Learn and Due counts today (a parent sums its subdecks)."""
    from datetime import datetime, timezone

    from revise import collection, scheduling
    from revise.config import load_config

    now = datetime.now(timezone.utc)
    day_end = scheduling.next_day_start(now, load_config().default.day_start_hour)
    rows = collection.deck_counts(open_db(ctx, read_only=True), now.isoformat(), day_end.isoformat())
    decks = output.deck_tree_rows(rows)
    if as_json:
        output.print_json(decks)
    else:
        output.print_decks_table(decks)
