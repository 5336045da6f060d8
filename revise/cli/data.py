"""Your data: `revise backup`, `backups`, `restore` and `doctor`, and the daily backup before writing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from revise.cli import JsonOption, command, open_db, output
from revise.cli.exits import fail


def backup_before_writing(db: Any, path: Path) -> Any:
    """`db`, backed up first if this is the day's first write; a backup that fails is a warning, not a stop."""
    import sqlite3

    from revise import collection

    try:
        collection.daily_backup(db.conn, path)
    except (OSError, sqlite3.Error) as exc:  # the user's work comes first: their change is still made
        typer.echo(f"Warning: could not back up the collection before today's first change ({exc}) — "
                   "check the disk and `revise backups`", err=True)
    return db


def _collection_path(ctx: typer.Context) -> Path:
    from revise import collection

    path = ctx.obj.get("collection") or collection.default_collection_path()
    ctx.obj["path"] = path
    return Path(path)


@command("backup")
def backup_command(
    ctx: typer.Context,
    to: Annotated[Optional[Path], typer.Option("--to", metavar="FILE", help="Write the backup to FILE instead of the backups folder.")] = None,
) -> None:
    """Back up the collection now (a consistent copy, safe while revise runs) and print the file written."""
    from revise import collection

    open_db(ctx, read_only=True).conn.close()  # refuses a missing, foreign or newer collection
    path = _collection_path(ctx)
    if to is not None and to.exists():
        fail(f"{output.shown_path(str(to))} already exists — choose a new file name for the backup")
    conn = collection.read_only_connection(path)
    try:
        written = collection.make_backup(conn, path, "manual", to=to)
    finally:
        conn.close()
    typer.echo(output.shown_path(str(written)))


@command("backups")
def backups_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the collection's backups: when, why, size, cards and reviews. Newest first."""
    from revise import collection

    path = _collection_path(ctx)
    backups = collection.list_backups(path)
    if as_json:
        output.print_json([{"path": str(b.path), "taken": b.taken.isoformat(), "kind": b.kind, "size": b.size,
                            "cards": b.cards, "reviews": b.reviews} for b in backups])
        return
    folder = output.shown_path(str(collection.backups_dir(path)))
    if not backups:
        typer.echo(f"No backups yet in {folder}: revise makes one before each day's first change, "
                   "or run `revise backup`.")
        return
    typer.echo(f"Backups of {output.shown_path(str(path))} in {folder}:")
    _print_backups(backups)


def _print_backups(backups: list) -> None:
    from revise.cli.tables import natural_widths, table_lines

    header = ("taken", "kind", "size", "cards", "reviews", "file")
    rows = [(b.taken.strftime("%Y-%m-%d %H:%M"), b.kind, _size(b.size), _count(b.cards), _count(b.reviews),
             b.path.name) for b in backups]
    widths = natural_widths(header, rows)
    rows = [(*row[:2], *(value.rjust(widths[i]) for i, value in enumerate(row[2:5], 2)), row[5]) for row in rows]
    for line in table_lines(header, rows, widths):
        typer.echo(line)


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.0f} kB"


def _count(count: int | None) -> str:
    return "?" if count is None else str(count)


@command("restore")
def restore_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup (see `revise backups`) or any revise collection.")],
) -> None:
    """Replace the collection with a backup, after checking it. The current collection is backed up first."""
    from revise import collection

    path = _collection_path(ctx)
    aside = collection.restore_collection(file, path)
    typer.echo(f"Restored {output.shown_path(str(path))} from {output.shown_path(str(file))}.")
    if aside is not None and ".damaged-" in aside.name:
        typer.echo(f"The damaged collection it replaced was moved to {output.shown_path(str(aside))}.")
    elif aside is not None:
        typer.echo(f"The collection it replaced was backed up to {output.shown_path(str(aside))}.")


@command("doctor")
def doctor_command(
    ctx: typer.Context,
    fix: Annotated[bool, typer.Option("--fix", help="Repair what is safe to repair (after a backup) and say what was done.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Check the collection: integrity, links between rows, schema, schedules, sources. Exit 1 on a problem."""
    from revise import collection

    db = open_db(ctx, read_only=True)  # a missing, foreign, newer or unreadable file is an error here
    path = _collection_path(ctx)
    problems = collection.diagnose(db, collection.pending_steps(path))
    fixed: list[str] = []
    if fix and any(p.fixable for p in problems):
        db.conn.close()
        db = open_db(ctx)  # upgrades an older schema, after a backup
        if any(p.fixable and p.kind != "schema" for p in problems):
            collection.make_backup(db.conn, path, "doctor")
        fixed = collection.repair(db, problems)
        problems = collection.diagnose(db)
    _print_doctor(path, problems, fixed, fix, as_json)
    if problems:
        raise typer.Exit(1)


def _print_doctor(path: Path, problems: list, fixed: list[str], fix: bool, as_json: bool) -> None:
    if as_json:
        output.print_json({"ok": not problems, "problems": [p.as_json() for p in problems], "fixed": fixed})
        return
    for done in fixed:
        typer.echo(f"Fixed: {done}.")
    shown = output.shown_path(str(path))
    if not problems:
        typer.echo(f"{shown}: no problems found." if not fixed else f"{shown}: no problems left.")
        return
    typer.echo(f"{shown}: {len(problems)} problem{'s' * (len(problems) != 1)}.")
    for problem in problems:
        typer.echo(f"- {problem.kind}: {problem.detail}\n  what to do: {problem.fix}")
    if not fix and any(p.fixable for p in problems):
        typer.echo("`revise doctor --fix` repairs those it says it can, after a backup.")
