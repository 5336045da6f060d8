"""`revise import` of files that are not Markdown: Anki packages (and the plain-text decks that
register here). Each is read into the import model, written as Markdown under a folder, imported
as that folder, and its history attached."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

# File extension → "module:function" reading such a file into an `interop.deck.ImportedDeck`
# (loaded only when such a file is imported: start-up stays light).
READERS = {
    ".apkg": "revise.interop.anki:read_anki_package",
    ".colpkg": "revise.interop.anki:read_anki_package",
    ".txt": "revise.interop.text.convert:read_deck",
    ".csv": "revise.interop.text.convert:read_deck",
    ".tsv": "revise.interop.text.convert:read_deck",
}
TEXT_DECKS = (".txt", ".csv", ".tsv")

ToOption = Annotated[Optional[Path], typer.Option(
    "--to", metavar="DIR", help="Where an Anki package or text deck is written as Markdown (default: a folder named after it, beside it).")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite files in --to DIR that hold other content.")]
SeparatorOption = Annotated[Optional[str], typer.Option(
    "--separator", metavar="CHAR", help="A text deck's field separator when it cannot be told (tab, comma, semicolon, space, pipe, colon or the character).")]


def is_foreign(path: str) -> bool:
    """Whether `path` names a file of a format registered here (by its extension)."""
    return Path(path).suffix.lower() in READERS


def import_foreign(
    db: Any, paths: list[str], to: Path | None, force: bool, as_json: bool, separator: str | None = None
) -> list[str]:
    """Import the registered formats among `paths`; the Markdown paths are returned, still to import."""
    foreign = [p for p in paths if is_foreign(p)]
    if to is not None and len(foreign) > 1:
        raise typer.BadParameter("--to names one folder: import one package at a time with it", param_hint="--to")
    if separator is not None and not any(Path(p).suffix.lower() in TEXT_DECKS for p in foreign):
        raise typer.BadParameter("--separator is for text decks (.txt, .csv, .tsv)", param_hint="--separator")
    for path in foreign:
        _import_one(db, Path(path), to, force, as_json, separator)
    return [p for p in paths if not is_foreign(p)]


def _import_one(db: Any, path: Path, to: Path | None, force: bool, as_json: bool, separator: str | None) -> None:
    """Read, write as Markdown, import the folder, attach the history, report."""
    from datetime import datetime, timezone

    from revise.cli import output
    from revise.config import load_config
    from revise.interop.attach import attach_deck_history
    from revise.interop.folder import deck_files, write_files
    from revise import collection
    from revise.sources import absolute_path, import_paths

    config = load_config()
    module, name = READERS[path.suffix.lower()].split(":")
    options = {"separator": separator} if path.suffix.lower() in TEXT_DECKS else {}
    deck = getattr(import_module(module), name)(path, **options)
    folder = to or path.with_name(path.stem)
    written = write_files(folder, deck_files(deck), force=force)
    report = output.with_progress(lambda progress: import_paths(
        db, [str(folder)], progress=progress, max_note_bytes=config.max_note_bytes), not as_json)
    kind = "text" if path.suffix.lower() in TEXT_DECKS else "anki"
    collection.save_origin(db, str(absolute_path(folder)), kind, str(absolute_path(path)))  # for `revise sources`
    added, _, missing = attach_deck_history(db, deck, config.for_deck, datetime.now(timezone.utc))
    if missing:
        deck.warnings.append(f"{missing} card{'s' * (missing != 1)} of the package did not arrive (see the warnings above)")
    summary = {
        "package": str(path), "folder": str(folder), "notes": len(deck.notes),
        "cards": sum(len(n.cards) for n in deck.notes), "media": len(deck.media), "reviews_added": added,
        "files_written": len(written.written), "warnings": deck.warnings, "import": report.as_json(),
    }
    _print_summary(summary, report, as_json)


def _print_summary(summary: dict, report: Any, as_json: bool) -> None:
    """The folder's import report, then a line on the package (or all of it as JSON)."""
    from revise.cli import output

    if as_json:
        output.print_json(summary)
    else:
        output.print_import_report(report, False)
        shown = output.shown_path(summary["folder"])
        typer.echo(f"{output.shown_path(summary['package'])} → {shown}: {summary['notes']} notes, {summary['cards']} cards, "
                   f"{summary['media']} media files, {summary['reviews_added']} reviews added.")
    for warning in summary["warnings"]:
        typer.echo(f"Warning: {output.shown_path(summary['package'])}: {warning}", err=True)
    if as_json and report.errors:
        output.print_errors(report)
        raise typer.Exit(1)
