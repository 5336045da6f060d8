"""`revise review`: sync, then the session on this terminal (alternate screen, typed answers)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from revise.cli import _none_empty, command, open_db, output


@command("review")
def review_command(
    ctx: typer.Context,
    # Strings, as import takes them: Path('') would be the current folder.
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", help="Markdown files or folders: import them and review only their cards.")] = None,
    deck: Annotated[list[str], typer.Option("--deck", metavar="DECK", help="Only this deck and its subdecks (repeatable).", callback=_none_empty)] = [],
    tag: Annotated[list[str], typer.Option("--tag", metavar="TAG", help="Only cards with this tag (`#tag` too; repeatable).", callback=_none_empty)] = [],
    limit: Annotated[Optional[int], typer.Option("--limit", metavar="N", min=0, help="At most N cards this session.")] = None,
    new: Annotated[Optional[int], typer.Option("--new", metavar="N", min=0, help="Today's new-card limit (instead of new_per_day).")] = None,
    cram: Annotated[bool, typer.Option("--cram", help="Review the selection now without changing any schedule.")] = False,
    type_answers: Annotated[bool, typer.Option("--type", help="Type each basic or cloze answer before it is revealed, and see it compared.")] = False,
) -> None:
    """Review today's cards. The given paths, or else every source, are synced first."""
    from revise import sources
    from revise.config import load_config
    from revise.review import Selection

    config = load_config()
    db = open_db(ctx)
    problems, imported = _sync_before_review(db, paths, config.max_note_bytes)
    absolute = [str(sources.absolute_path(p)) for p in paths or ()]
    selection = Selection.from_options(deck, tag, absolute, cram=cram, limit=limit, new_limit=new)
    _run_session(db, config, selection, problems, imported, type_answers)


def _sync_before_review(db: Any, paths: list[str] | None, limit: int) -> tuple[int, str | None]:
    """Import `paths` (or re-read every source), its problems on stderr; exit 1 if no path could be read.

    Returns how many problems (errors and warnings) it printed, and the line saying what it imported
    (printed on stderr too), if it added cards."""
    from revise import sources

    if paths:
        report = output.with_progress(lambda progress: sources.import_paths(db, paths, progress=progress, max_note_bytes=limit), True)
    else:
        report = output.with_progress(lambda progress: sources.sync_sources(db, progress=progress, max_note_bytes=limit), True)
    output.print_errors(report)
    output.print_warnings(report)
    if paths and report.errors and not report.files:
        raise typer.Exit(1)
    imported = imported_line(report.total("added"), paths)
    if imported:
        typer.echo(imported, err=True)
    return len(report.errors) + len(report.warnings), imported


def imported_line(added: int, paths: list[str] | None) -> str | None:
    """`Imported 497 new cards from decks/.`: what the sync before a review added, if anything."""
    from revise.render import make_inert

    if not added:
        return None
    where = ", ".join(output.shown_path(path) for path in paths) if paths else "your sources"
    return make_inert(f"Imported {added} new card{'s' * (added != 1)} from {where}.")


def _run_session(db: Any, config: Any, selection: Any, problems: int, imported: str | None, type_answers: bool) -> None:
    """The review session on this terminal: keys from stdin, `e` opens the editor, an edited file is
    synced; the alternate screen is left while the editor or the shell (Ctrl-Z) has the terminal."""
    from rich.console import Console

    from revise import sources
    from revise.review import AltScreen, Session, default_editor, key_source

    console = Console()
    screen = AltScreen(console)
    with key_source(sys.stdin, screen) as keys:

        def edit(file: str, line: int) -> None:
            with keys.paused():
                default_editor(file, line)

        session = Session(
            db, console, keys, config=config, selection=selection, edit=edit, type_answers=type_answers,
            screen=screen, sync=lambda files: sources.sync_sources(db, [Path(f) for f in files], max_note_bytes=config.max_note_bytes),
        )
        if imported and console.is_terminal:  # said on stderr too, but the alternate screen hides that
            session.display.notify(imported)
        # In a terminal the first card's screen would hide the problems: the session waits for a key
        session.run(wait_first=f"{problems} problem{'s' * (problems != 1)} above." if problems and sys.stdin.isatty() else None)
