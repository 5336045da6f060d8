"""How a command ends: `Error: …` and exit 1 for what the user can fix, 130 for Ctrl-C, 143 for SIGTERM."""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import Any, Callable, Iterator

import typer

from revise.cli.output import shown_path
from revise.errors import ReviseError


def fail(message: str) -> None:
    """Print `Error: message` on stderr and exit with code 1."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread as Ctrl-C's KeyboardInterrupt is: the same clean-up runs."""


def guarded(fn: Callable) -> Callable:
    """`fn` with ReviseError and SQLite errors printed as `Error: …` (exit 1), Ctrl-C as exit 130
    and SIGTERM as exit 143 (an import or sync in progress is rolled back)."""

    @functools.wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        with _terminate_as_interrupt():
            try:
                return fn(*a, **kw)
            except ReviseError as exc:
                fail(str(exc))
            except Terminated:
                typer.echo("Terminated.", err=True)
                raise typer.Exit(143) from None
            except KeyboardInterrupt:
                typer.echo("Interrupted.", err=True)
                raise typer.Exit(130) from None
            except Exception as exc:
                sqlite3 = sys.modules.get("sqlite3")  # loaded by any command that opened the collection
                if sqlite3 is not None and isinstance(exc, sqlite3.Error):
                    from revise.collection import sqlite_problem

                    fail(sqlite_problem(exc, _collection_shown(a, kw)))
                raise

    return wrapper


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises Terminated (a `kill` is an interruption, not a crash)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def terminated(signum: int, frame: Any) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _collection_shown(args: tuple, kwargs: dict) -> str:
    """The collection path of a command's context, as the user gave it."""
    # The command's context (typer hands it over as its own Click's Context, so found by its `obj`).
    obj = next((v.obj for v in (*args, *kwargs.values()) if isinstance(getattr(v, "obj", None), dict)), {})
    path = obj.get("path")
    return shown_path(str(path)) if path else "the collection"
