"""`revise card ID`: one card with its schedule and review history, as Anki's Card Info shows it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from revise.cli import command, open_db, output
from revise.errors import ReviseError


@command("card")
def card_command(
    ctx: typer.Context,
    card_id: Annotated[int, typer.Argument(metavar="ID", help="A card id (see `revise cards`).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (stable fields, no colour).")] = False,
) -> None:
    """Show one card: its text, deck, source, schedule and every review. Reads only."""
    from datetime import datetime, timezone

    from revise.config import load_config
    from revise.stats.card import CardInfoView, read_card_info

    config = load_config()
    db = open_db(ctx, read_only=True)  # a read-only command: never creates, migrates or writes the collection
    path = ctx.obj["path"]
    info = read_card_info(db, card_id, datetime.now(timezone.utc), config)
    if info is None:
        raise ReviseError(f"no card {card_id} in {output.shown_path(str(Path(path)))} — "
                          "`revise cards` lists the cards and their ids")
    if as_json:
        output.print_json(info.to_json())
        return
    from rich.console import Console

    Console().print(CardInfoView(info))
