"""What the commands print: JSON, the import report, the cards and decks tables, paths made safe to show."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import typer

from revise.cli.tables import fit, natural_widths, table_lines


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout (no colour, no markup)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def shown_path(path: str) -> str:
    """A path to print: relative to the working directory when it lies inside it, control characters made visible."""
    from revise.render import make_inert  # a file name may hold ESC: it must not reach the terminal raw

    try:
        return make_inert(str(Path(path).relative_to(Path.cwd())))
    except ValueError:
        return make_inert(path)


def with_progress(run: Callable, show: bool) -> Any:
    """Run an import with a transient progress bar on stderr, shown only once it has taken a second."""
    import time

    if not show or not sys.stderr.isatty():  # no bar, and so no rich to import, for a pipe or a file
        return run(None)
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)

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


# --- import and sync ------------------------------------------------------------------------


def print_import_report(report: Any, as_json: bool) -> None:
    """The import/sync report: a table (or JSON) on stdout, `Error: …` lines on stderr, exit 1 if a file failed."""
    if as_json:
        print_json(report.as_json())
    else:
        _print_import_table(report)
    print_errors(report)
    print_empty_sources(report)
    if report.errors:
        raise typer.Exit(1)


def print_errors(report: Any) -> None:
    """`Error: file: message` on stderr for each file an import or sync could not read."""
    from revise.render import make_inert

    for error in report.errors:
        typer.echo(f"Error: {shown_path(error.file)}: {make_inert(error.message)}", err=True)


def print_empty_sources(report: Any) -> None:
    """`Warning: path: no card …` on stderr for each imported path that gave no card, and where to look."""
    for path in report.empty:
        typer.echo(f"Warning: {shown_path(path)}: no card in it — the card syntax is in revise's docs/cards.md "
                   f"(`Q:`/`A:`, `front :: back`, clozes); `revise preview {shown_path(path)}` shows what its notes give",
                   err=True)


def print_warnings(report: Any) -> None:
    """`Warning: file:line: message` on stderr for each parse warning of an import or sync."""
    for warning in report.warnings:
        typer.echo(f"Warning: {shown_path(warning.file)}:{warning.line}: {warning.message}", err=True)


def _print_import_table(report: Any) -> None:
    """A line per file that was parsed, changed or is gone, a total line, then the warnings (plain
    text: fast for a thousand files)."""
    from rich.console import Console

    from revise.sources import COUNTS
    from revise.render import make_inert

    header = ("file", *COUNTS, "warnings")
    shown = [f for f in report.files
             if f.parsed or f.gone or f.warnings or f.unchanged != sum(getattr(f, n) for n in COUNTS)]
    rows = [(shown_path(f.file) + " (gone)" * f.gone, *(str(getattr(f, n)) for n in COUNTS), str(len(f.warnings)))
            for f in shown]
    rows.append(("Total", *(str(report.total(n)) for n in COUNTS), str(len(report.warnings))))
    widths = fit(natural_widths(header, rows), Console().width, [(0, 20)])  # a long path gives way, keeping its end
    lines = table_lines(header, rows, widths, numbers=True)
    skipped = len(report.files) - len(shown)
    if skipped:
        lines.append(f"{skipped} file{'s' if skipped != 1 else ''} unchanged, not parsed.")
    lines += [make_inert(f"{shown_path(w.file)}:{w.line}: {w.message}") for w in report.warnings]
    sys.stdout.write("\n".join(lines) + "\n")


# --- cards and decks ------------------------------------------------------------------------


def print_cards_json(cards: list[dict]) -> None:
    """The cards as a JSON array, one card a line."""
    # json's C encoder, 10x faster than indent= on 100k cards, still readable; one encoder for all
    # (json.dumps with an option builds a new one per call)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    sys.stdout.write("[\n" + ",\n".join(map(encode, cards)) + ("\n]\n" if cards else "]\n"))


def print_no_match(deck: str | None, tag: str | None, due: bool, search: str | None = None, state: str | None = None) -> None:
    """Why `revise cards` lists nothing when the collection has cards: the filters it was given."""
    from revise.render import make_inert

    given = (("--deck", deck), ("--tag", tag), ("--search", search and json.dumps(search, ensure_ascii=False)), ("--state", state))
    asked = " ".join(f"{flag} {value}" for flag, value in given if value)
    if not asked:
        sys.stdout.write("No card is due now.\n")
        return
    hint = "; `revise decks` lists the decks" if deck else ""
    sys.stdout.write(make_inert(f"No card{' due now' * due} matches {asked}{hint}.") + "\n")


def print_cards_table(cards: list[dict]) -> None:
    """One card a line, in columns cut to the terminal's width (plain text: rich tables take
    minutes for 100k rows)."""
    from rich.console import Console

    if not cards:
        sys.stdout.write("No cards. Add some with: revise import PATH\n")
        return
    rows = [_card_row(card) for card in cards]
    header = ("id", "deck", "kind", "front", "state", "due", "source")
    widths = natural_widths(header, rows)
    widths[1], widths[6] = min(widths[1], 30), min(widths[6], 40)
    widths = fit(widths, Console().width, [(3, 40), (6, 16), (1, 10), (4, 10), (3, 20)])  # front, source, deck, state
    sys.stdout.write("\n".join(table_lines(header, rows, widths)) + "\n")


def _card_row(card: dict) -> tuple[str, ...]:
    from datetime import datetime

    from revise.render import make_inert

    front = make_inert(" ".join(card["front"].split()))
    due = datetime.fromisoformat(card["due"]).astimezone().strftime("%Y-%m-%d %H:%M") if card["due"] else ""
    state = card["state"] + (" (suspended)" if card["suspended"] else "") + (" (retired)" if card["retired"] else "")
    where = make_inert(f"{shown_path(card['source'] or '')}:{card['line']}")
    return (str(card["id"]), make_inert(card["deck"]), card["kind"], front, state, due, where)


_OWN = ("cards", "new", "learning", "due")  # the deck's own cards: new, learning (due or not), due now (learning too)
_TOTALS = ("total_cards", "new_count", "learn_count", "review_count")  # a deck's and its subdecks' together


class _Totals(tuple):
    """A deck's figures in _TOTALS, added up with its subdecks' by `deck_tree`."""

    def __add__(self, other: tuple) -> _Totals:
        return _Totals(a + b for a, b in zip(self, other))


def deck_tree_rows(rows: list[dict]) -> list[dict]:
    """The `decks --json` objects: every deck and parent deck in tree order, its own counts (as
    `collection.deck_counts` gives them, 0 for a parent without cards) and its totals with its subdecks."""
    from revise import collection

    own = {row["deck"]: {key: row[key] for key in _OWN} for row in rows}
    totals = {row["deck"]: _Totals((row["cards"], row["new"], row["learn_count"], row["review_count"])) for row in rows}
    tree = collection.deck_tree(totals, lambda name: _Totals((0,) * len(_TOTALS)))
    return [{"deck": name, "name": name.split("::")[-1], "depth": name.count("::"),
             "parent": name.rpartition("::")[0] or None, **own.get(name, dict.fromkeys(_OWN, 0)),
             **dict(zip(_TOTALS, figures))} for name, figures in tree]


def print_decks_table(decks: list[dict]) -> None:
    """The deck tree, a line per deck with today's New, Learn and Due (a parent sums its subdecks), cut to the terminal's width."""
    if not decks:
        sys.stdout.write("No decks. Add some with: revise import PATH\n")
        return
    from rich.console import Console

    from revise.render import make_inert, shorten

    header = ("Deck", "Cards", "New", "Learn", "Due")
    figures = [tuple(f"{row[k]:,}" for k in _TOTALS) for row in decks]
    widths = natural_widths(header[1:], figures)
    room = max(12, Console().width - sum(widths) - 2 * len(widths))  # the names take what the figures leave
    names = [make_inert("  " * row["depth"] + shorten(row["name"], max(4, room - 2 * row["depth"]))) for row in decks]
    rows = [(name, *values) for name, values in zip(names, figures)]
    widths = [max(len(header[0]), *map(len, names)), *widths]
    sys.stdout.write("\n".join(table_lines(header, rows, widths, numbers=True)) + "\n")
