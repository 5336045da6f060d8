"""`revise suspend`, `unsuspend` and `forget`: schedule changes to cards named by id."""

from __future__ import annotations

from typing import Annotated, Callable

import typer

from revise.cli import command, open_db


def _change_cards(ctx: typer.Context, ids: list[int], change: Callable, done: str) -> None:
    from revise.review import card_count
    from revise.review import change_schedules

    change_schedules(open_db(ctx, must_exist=True), ids, change)
    typer.echo(f"{done} {card_count(len(ids))}.")


CardIds = Annotated[list[int], typer.Argument(metavar="ID...", help="Card ids (see `revise cards`).")]


@command()
def suspend(ctx: typer.Context, ids: CardIds) -> None:
    """Suspend cards: they are not reviewed until unsuspended."""
    from dataclasses import replace

    _change_cards(ctx, ids, lambda s: replace(s, suspended=True), "Suspended")


@command()
def unsuspend(ctx: typer.Context, ids: CardIds) -> None:
    """Unsuspend cards: they come back with the schedule they had."""
    from dataclasses import replace

    _change_cards(ctx, ids, lambda s: replace(s, suspended=False), "Unsuspended")


@command()
def forget(ctx: typer.Context, ids: CardIds) -> None:
    """Reset cards to new (their review history is kept)."""
    from revise.scheduling import forget as reset

    _change_cards(ctx, ids, reset, "Reset")
