"""The typer app: each command parses options, calls the core, renders. No logic of its own."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, Optional

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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread as Ctrl-C's KeyboardInterrupt is: the same clean-up runs."""


def command(*args: Any, **kwargs: Any) -> Callable:
    """`app.command`, with ReviseError and SQLite errors printed as `Error: …` (exit 1), Ctrl-C as exit 130
    and SIGTERM as exit 143 (an import or sync in progress is rolled back)."""

    def decorate(fn: Callable) -> Callable:
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

        return app.command(*args, **kwargs)(wrapper)

    return decorate


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
    return _shown_path(str(path)) if path else "the collection"


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


def open_db(ctx: typer.Context, *, must_exist: bool = False):
    """Open the collection chosen by --collection / REVISE_COLLECTION / the default (with `must_exist`,
    one that is not there is an error: a command that only reads must not create it)."""
    from revise import collection

    path = ctx.obj.get("collection") or collection.default_collection_path()
    ctx.obj["path"] = path
    if must_exist and not Path(path).exists():
        fail(f"no collection at {_shown_path(str(path))} — import notes first with `revise import PATH` "
             "(or name another collection with --collection)")
    return collection.open_collection(path)


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout (no colour, no markup)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --- import, sync, cards, decks -------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (stable fields, no colour) instead of a table.")]


@command("import")
def import_command(
    ctx: typer.Context,
    # Strings, not Paths: Path('') would be '.', and typer's Path type makes an unreadable folder a usage error.
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Markdown files or folders (read recursively).")],
    as_json: JsonOption = False,
) -> None:
    """Read Markdown files or folders into the collection and remember them as sources."""
    from revise.sources import import_paths

    db = open_db(ctx)
    report = _with_progress(lambda progress: import_paths(db, paths, progress=progress), not as_json)
    _print_import_report(report, as_json)


@command("sync")
def sync_command(
    ctx: typer.Context,
    forget_missing: Annotated[
        bool, typer.Option("--forget-missing", help="Imported folders that are gone were deleted: retire their cards.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Re-read every remembered source; unchanged files are skipped without being parsed."""
    from revise.sources import sync_sources

    db = open_db(ctx)

    def run(progress: Any) -> Any:
        return sync_sources(db, progress=progress, forget_missing=forget_missing)

    report = _with_progress(run, not as_json)
    if not report.files and not report.errors and not as_json:
        typer.echo("Nothing to sync yet: import your notes with `revise import PATH`.")
        return
    _print_import_report(report, as_json)


def _with_progress(run: Callable, show: bool) -> Any:
    """Run an import with a transient progress bar on stderr, shown only once it has taken a second."""
    import time

    from rich.console import Console

    console = Console(stderr=True)
    if not show or not console.is_terminal:
        return run(None)
    from rich.progress import Progress

    started, bar = time.monotonic(), Progress(console=console, transient=True)
    task = bar.add_task("Importing", total=None)

    def progress(done: int, total: int) -> None:
        if not bar.live.is_started and time.monotonic() - started > 1:
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        return run(progress)
    finally:
        bar.stop()


def _shown_path(path: str) -> str:
    """A path to print: relative to the working directory when it lies inside it, control characters made visible."""
    from revise.render import make_inert  # a file name may hold ESC: it must not reach the terminal raw

    try:
        return make_inert(str(Path(path).relative_to(Path.cwd())))
    except ValueError:
        return make_inert(path)


def _print_import_report(report: Any, as_json: bool) -> None:
    """The import/sync report: a table (or JSON) on stdout, `Error: …` lines on stderr, exit 1 if a file failed."""
    if as_json:
        print_json(report.as_json())
    else:
        _print_import_table(report)
    _print_errors(report)
    if report.errors:
        raise typer.Exit(1)


def _print_errors(report: Any) -> None:
    """`Error: file: message` on stderr for each file an import or sync could not read."""
    from revise.render import make_inert

    for error in report.errors:
        typer.echo(f"Error: {_shown_path(error.file)}: {make_inert(error.message)}", err=True)


def _print_import_table(report: Any) -> None:
    """A line per file that was parsed, changed or is gone, a total line, then the warnings (plain
    text: fast for a thousand files)."""
    from rich.console import Console

    from revise.sources import COUNTS
    from revise.render import make_inert

    header = ("file", *COUNTS, "warnings")
    shown = [f for f in report.files
             if f.parsed or f.gone or f.warnings or f.unchanged != sum(getattr(f, n) for n in COUNTS)]
    rows = [(_shown_path(f.file) + " (gone)" * f.gone, *(str(getattr(f, n)) for n in COUNTS), str(len(f.warnings)))
            for f in shown]
    rows.append(("Total", *(str(report.total(n)) for n in COUNTS), str(len(report.warnings))))
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    widths = _fit(widths, Console().width, [(0, 20)])  # a long path gives way, keeping its end
    lines = [_columns(row, widths, numbers=True) for row in [header, *rows]]
    skipped = len(report.files) - len(shown)
    if skipped:
        lines.append(f"{skipped} file{'s' if skipped != 1 else ''} unchanged, not parsed.")
    lines += [make_inert(f"{_shown_path(w.file)}:{w.line}: {w.message}") for w in report.warnings]
    sys.stdout.write("\n".join(lines) + "\n")


def _none_empty(values: list[str]) -> list[str]:
    """A repeatable option that names things: none of them may be empty."""
    for value in values:
        _not_empty(value)
    return values


def _not_empty(value: Optional[str]) -> Optional[str]:
    """An option that names something: an empty name is a usage error, not 'everything'."""
    if value is not None and not value.strip("# "):
        raise typer.BadParameter("must not be empty")
    return value


@command("cards")
def cards_command(
    ctx: typer.Context,
    deck: Annotated[Optional[str], typer.Option("--deck", help="Only this deck and its subdecks.", callback=_not_empty)] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", help="Only cards with this tag (`#tag` too).", callback=_not_empty)] = None,
    due: Annotated[bool, typer.Option("--due", help="Only cards due now.")] = False,
    include_retired: Annotated[bool, typer.Option("--all", help="Include retired cards.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List cards with their deck, source and schedule."""
    from datetime import datetime, timezone

    from revise import collection
    from revise.notes import tag_name

    db = open_db(ctx, must_exist=True)
    now = datetime.now(timezone.utc).isoformat() if due else None
    tag = tag_name(tag) if tag else tag
    rows = collection.list_cards(db, deck=deck, tag=tag, due_at=now, include_retired=include_retired)
    cards = [collection.card_json(row) for row in rows]
    if as_json:
        # One card a line: json's C encoder, 10x faster than indent= on 100k cards, still readable.
        sys.stdout.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cards) + ("\n]\n" if cards else "]\n"))
    elif not cards and collection.has_cards(db):  # the filters, not the collection, are why nothing is listed
        _print_no_match(deck, tag, due)
    else:
        _print_cards_table(cards)


def _print_no_match(deck: str | None, tag: str | None, due: bool) -> None:
    from revise.render import make_inert

    asked = " ".join(f"{flag} {value}" for flag, value in (("--deck", deck), ("--tag", tag)) if value)
    if not asked:
        sys.stdout.write("No card is due now.\n")
        return
    sys.stdout.write(make_inert(f"No card{' due now' * due} matches {asked}; `revise decks` lists the decks.") + "\n")


def _print_cards_table(cards: list[dict]) -> None:
    """One card a line, in columns cut to the terminal's width (plain text: rich tables take
    minutes for 100k rows)."""
    from rich.console import Console

    if not cards:
        sys.stdout.write("No cards. Add some with: revise import PATH\n")
        return
    rows = [_card_row(card) for card in cards]
    header = ("id", "deck", "kind", "front", "state", "due", "source")
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    widths[1], widths[6] = min(widths[1], 30), min(widths[6], 40)
    widths = _fit(widths, Console().width, [(3, 40), (6, 16), (1, 10), (4, 10), (3, 20)])  # front, source, deck, state
    lines = [_columns(header, widths)] + [_columns(row, widths) for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


def _fit(widths: list[int], width: int, give_way: list[tuple[int, int]]) -> list[int]:
    """Column widths narrowed to fit `width` with two spaces between columns: the `give_way`
    columns (index, narrowest it may get) are narrowed in turn, figures never."""
    widths = list(widths)
    for i, least in give_way:
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        widths[i] -= max(0, min(excess, widths[i] - least))
    return widths


def _card_row(card: dict) -> tuple[str, ...]:
    from datetime import datetime

    from revise.render import make_inert

    front = make_inert(" ".join(card["front"].split()))
    due = datetime.fromisoformat(card["due"]).astimezone().strftime("%Y-%m-%d %H:%M") if card["due"] else ""
    state = card["state"] + (" (suspended)" if card["suspended"] else "") + (" (retired)" if card["retired"] else "")
    where = make_inert(f"{_shown_path(card['source'] or '')}:{card['line']}")
    return (str(card["id"]), make_inert(card["deck"]), card["kind"], front, state, due, where)


def _columns(values: tuple[str, ...], widths: list[int], *, numbers: bool = False, cut_path: bool = True) -> str:
    """Values padded to their column widths; too long ones cut with … (a path keeps its end).

    With `numbers`, every column but the first is a count, aligned right."""
    from revise.render import shorten

    cells = []
    for i, (value, width) in enumerate(zip(values, widths)):
        value = shorten(value, width, keep_end=cut_path and i == (0 if numbers else len(values) - 1))
        cells.append(value.rjust(width) if numbers and i else value.ljust(width))
    return "  ".join(cells).rstrip()


@command("decks")
def decks_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Decks with their card counts and how many cards are new, learning and due now."""
    from datetime import datetime, timezone

    from revise import collection

    decks = collection.deck_counts(open_db(ctx, must_exist=True), datetime.now(timezone.utc).isoformat())
    if as_json:
        print_json(decks)
        return
    if not decks:
        sys.stdout.write("No decks. Add some with: revise import PATH\n")
        return
    from rich.console import Console

    from revise.render import make_inert

    header = ("deck", "cards", "new", "learning", "due")
    rows = [(make_inert(row["deck"]), *(str(row[k]) for k in header[1:])) for row in decks]
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    widths = _fit(widths, Console().width, [(0, 12)])
    # A long deck name keeps its end: the subdeck is what tells siblings apart.
    sys.stdout.write("\n".join(_columns(row, widths, numbers=True) for row in [header, *rows]) + "\n")


# --- review, config, suspend, unsuspend, forget -----------------------------------------------


@command()
def review(
    ctx: typer.Context,
    # Strings, as import takes them: Path('') would be the current folder.
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", help="Markdown files or folders: import them and review only their cards.")] = None,
    deck: Annotated[list[str], typer.Option("--deck", help="Only this deck and its subdecks (repeatable).", callback=_none_empty)] = [],
    tag: Annotated[list[str], typer.Option("--tag", help="Only cards with this tag (`#tag` too; repeatable).", callback=_none_empty)] = [],
    limit: Annotated[Optional[int], typer.Option("--limit", min=0, help="At most N cards this session.")] = None,
    new: Annotated[Optional[int], typer.Option("--new", min=0, help="Today's new-card limit (instead of new_per_day).")] = None,
    cram: Annotated[bool, typer.Option("--cram", help="Review the selection now without changing any schedule.")] = False,
) -> None:
    """Sync (the given paths, or all sources), then review today's cards."""
    from rich.console import Console

    from revise import sources
    from revise.config import load_config
    from revise.review import Selection, Session, default_editor, key_source

    config = load_config()
    db = open_db(ctx)
    problems = _sync_before_review(db, paths)
    absolute = [str(sources.absolute_path(p)) for p in paths or ()]
    selection = Selection.from_options(deck, tag, absolute, cram=cram, limit=limit, new_limit=new)
    with key_source(sys.stdin) as keys:

        def edit(file: str, line: int) -> None:
            with keys.paused():
                default_editor(file, line)

        session = Session(
            db, Console(), keys, config=config, selection=selection, edit=edit,
            sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]),
        )
        # In a terminal the first card's screen would wipe the problems: the session waits for a key
        session.run(wait_first=f"{problems} problem{'s' * (problems != 1)} above." if problems and sys.stdin.isatty() else None)


def _sync_before_review(db: Any, paths: list[str] | None) -> int:
    """Import `paths` (or re-read every source), its problems on stderr; exit 1 if no path could be read.

    Returns how many problems (errors and warnings) it printed."""
    from revise import sources

    if paths:
        report = _with_progress(lambda progress: sources.import_paths(db, paths, progress=progress), True)
    else:
        report = _with_progress(lambda progress: sources.sync_sources(db, progress=progress), True)
    _print_errors(report)
    for warning in report.warnings:
        typer.echo(f"Warning: {_shown_path(warning.file)}:{warning.line}: {warning.message}", err=True)
    if paths and report.errors and not report.files:
        raise typer.Exit(1)
    return len(report.errors) + len(report.warnings)


@command(name="config")
def show_config() -> None:
    """Print the config file's path and the settings in effect (with per-deck overrides)."""
    from revise.config import config_toml, load_config

    typer.echo(config_toml(load_config()))


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


# --- stats --------------------------------------------------------------------------------


@command("stats")
def stats_command(
    ctx: typer.Context,
    deck: Annotated[Optional[str], typer.Option("--deck", help="Only this deck and its subdecks.", callback=_not_empty)] = None,
    days: Annotated[
        Optional[int],
        typer.Option(
            "--days", min=1,
            help="Days of forecast and of heatmap (rounded up to whole weeks); by default 30 days of forecast, 26 weeks of heatmap.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Progress: today, cards, retention, streak, heatmap, forecast, hardest cards."""
    from datetime import datetime, timezone

    from revise.config import load_config
    from revise.stats import collect_stats, render_stats

    now = datetime.now(timezone.utc)
    config = load_config()  # a bad config.toml is reported before a missing collection
    stats = collect_stats(open_db(ctx, must_exist=True), now, None, config, deck=deck, days=days)
    if as_json:
        print_json(stats.to_json())
        return
    from rich.console import Console

    Console().print(render_stats(stats))
