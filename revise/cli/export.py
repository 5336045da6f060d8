"""`revise export OUT`: the collection's cards (and history) in another format, chosen by OUT's
extension or `--format`, written by the format's writer in `revise/interop/`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from revise.cli import command, open_db, output
from revise.errors import ReviseError

# Each format's writer, imported only when used: `writer(db, out, *, config, now, deck, with_history,
# legacy, force)` writes OUT and returns a report with `to_json()` (and notes/cards/reviews/media counts).
WRITERS: dict[str, str] = {
    "apkg": "revise.interop.anki_export:export_apkg",
    "markdown": "revise.interop.markdown_export:export_markdown",
    "csv": "revise.interop.text.export:export_text",  # Anki's "Notes in Plain Text"
}
EXTENSIONS = {".apkg": "apkg", ".csv": "csv", ".txt": "csv", ".tsv": "csv"}


@command("export")
def export_command(
    ctx: typer.Context,
    out: Annotated[str, typer.Argument(metavar="OUT", help="The file (or, for markdown, the folder) to write.")],
    format: Annotated[Optional[str], typer.Option("--format", metavar="FORMAT", help=f"One of: {', '.join(WRITERS)} (default: from OUT's extension).")] = None,
    deck: Annotated[Optional[str], typer.Option("--deck", metavar="DECK", help="Only this deck and its subdecks.")] = None,
    with_history: Annotated[bool, typer.Option("--with-history", help="Include every card's schedule and review log.")] = False,
    legacy: Annotated[bool, typer.Option("--legacy", help="apkg: the legacy format (collection.anki21), for old Anki and AnkiDroid versions.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Write cards (and history) to another format: .apkg (Anki), .csv/.txt (Anki's plain text), or our Markdown with --format markdown."""
    from datetime import datetime, timezone
    from importlib import import_module

    from revise.config import load_config

    chosen = _format(out, format, legacy)
    target = Path(out)
    if target.exists() and not force and not (chosen == "markdown" and target.is_dir()):  # markdown: per file
        raise ReviseError(f"{output.shown_path(out)} already exists — pass --force to replace it, or choose another name")
    config = load_config()
    module, name = WRITERS[chosen].split(":")
    writer = getattr(import_module(module), name)
    report = writer(open_db(ctx, read_only=True), target, config=config, now=datetime.now(timezone.utc),
                    deck=deck, with_history=with_history, legacy=legacy, force=force)
    if as_json:
        output.print_json(report.to_json())
    else:
        typer.echo(_summary(report, output.shown_path(out)))


def _format(out: str, given: Optional[str], legacy: bool) -> str:
    """The format asked for, else the one OUT's extension names; a usage error if neither is known."""
    chosen = given or EXTENSIONS.get(Path(out).suffix.lower())
    if chosen is None:
        raise typer.BadParameter(f"cannot tell the format from {out!r}: name a .apkg, .csv or .txt file or pass --format "
                                 f"({', '.join(WRITERS)})", param_hint="OUT")
    if chosen not in WRITERS:
        raise typer.BadParameter(f"unknown format {chosen!r}: one of {', '.join(WRITERS)}", param_hint="--format")
    if legacy and chosen != "apkg":
        raise typer.BadParameter("--legacy is for the apkg format only", param_hint="--legacy")
    return chosen


def _summary(report, shown: str) -> str:
    """One line: what went where."""
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'s' * (n != 1)}"

    parts = [count(report.cards, "card"), count(report.reviews, "review"), count(report.media, "media file")]
    return f"Exported {count(report.notes, 'note')} ({', '.join(parts)}) in {count(report.decks, 'deck')} to {shown}."
