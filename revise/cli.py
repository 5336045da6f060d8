"""The typer app: each command parses options, calls the core, renders. No logic of its own."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from revise.errors import ReviseError

app = typer.Typer(
    help="Spaced repetition from your own Markdown notes, scheduled by FSRS.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str) -> None:
    """Print `Error: message` on stderr and exit with code 1."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def command(*args: Any, **kwargs: Any) -> Callable:
    """`app.command`, with ReviseError printed as `Error: …` (exit 1) and Ctrl-C as exit 130."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            try:
                return fn(*a, **kw)
            except ReviseError as exc:
                fail(str(exc))
            except KeyboardInterrupt:
                typer.echo("Interrupted.", err=True)
                raise typer.Exit(130)

        return app.command(*args, **kwargs)(wrapper)

    return decorate


@app.callback()
def main(
    ctx: typer.Context,
    collection: Annotated[
        Optional[Path],
        typer.Option(
            "--collection",
            envvar="REVISE_COLLECTION",
            help="The collection file (default: collection.db in the user data directory).",
        ),
    ] = None,
) -> None:
    """Spaced repetition from your own Markdown notes, scheduled by FSRS."""
    ctx.obj = {"collection": collection}


def open_db(ctx: typer.Context):
    """Open the collection chosen by --collection / REVISE_COLLECTION / the default."""
    from revise import store

    path = ctx.obj.get("collection") or store.default_collection_path()
    return store.open_collection(path)


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout (no colour, no markup)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --- import, sync, cards, decks -------------------------------------------------------------


# --- review, config, suspend, unsuspend, forget -----------------------------------------------


# --- stats --------------------------------------------------------------------------------
