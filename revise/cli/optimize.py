"""`revise optimize` and `revise simulate`: FSRS fitted to your review log, and the work ahead."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from revise.cli import _not_empty, command, open_db, output

DeckOption = Annotated[Optional[str], typer.Option("--deck", metavar="DECK", callback=_not_empty,
                                                   help="Only this deck and its subdecks.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (stable fields, no colour).")]


@command()
def optimize(
    ctx: typer.Context,
    deck: Annotated[Optional[str], typer.Option(
        "--deck", metavar="DECK", callback=_not_empty,
        help="Fit this deck (and its subdecks) on its own and save its parameters in its [decks] table.")] = None,
    reschedule: Annotated[bool, typer.Option(
        "--reschedule", help="Also move due dates to what the new parameters give (default: keep them).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Fit FSRS parameters to your review log; save them when they predict your answers better."""
    from revise.config import load_config
    from revise.personal import optimize as run
    from revise.personal.report import optimize_report

    config = load_config()
    db = open_db(ctx, must_exist=True)
    _check_deck(db, deck)
    with _progress(show=not as_json) as (stage, advance):
        done = run(db, config, deck=deck, reschedule=reschedule, stage=stage, advance=advance)
    if as_json:
        main, *decks = [group.to_json() for group in done.groups]
        output.print_json({**main, "decks": decks} if decks else main)
        return
    typer.echo(optimize_report(done, output.shown_path(str(done.config)), _terminal_width()))


@command()
def simulate(
    ctx: typer.Context,
    retention: Annotated[Optional[float], typer.Option(
        "--retention", metavar="R", min=0.5, max=0.99,
        help="The desired retention to forecast (default: a table from 0.70 to 0.97).")] = None,
    days: Annotated[int, typer.Option("--days", metavar="N", min=1, max=3650, help="Days to forecast.")] = 365,
    deck: DeckOption = None,
    as_json: JsonOption = False,
) -> None:
    """Forecast reviews and minutes a day, and cards memorised, for a desired retention."""
    from revise.config import load_config
    from revise.personal import simulate_workload, workload_table
    from revise.personal.report import workload_report
    from revise.scheduling.simulator import least_work

    config = load_config()
    db = open_db(ctx, read_only=True)
    _check_deck(db, deck)
    if retention is not None:
        workloads = [simulate_workload(db, config, retention, days, deck)]
    else:
        workloads = workload_table(db, config, days=days, deck=deck)
    if as_json:
        output.print_json(workloads[0].to_json() if retention is not None else {
            "days": days, "least_work": least_work(workloads).retention,
            "simulations": [w.to_json() for w in workloads]})
        return
    typer.echo(workload_report(workloads))


def _check_deck(db, deck: Optional[str]) -> None:
    """--deck must name a deck that holds cards."""
    from revise import collection
    from revise.errors import ReviseError

    if deck is not None and not collection.has_cards(db, decks=(deck,)):
        known = ", ".join(collection.deck_names(db)[:10]) or "none yet (run revise import)"
        raise ReviseError(f"no cards in a deck named '{deck}'. Decks: {known}.")


def _terminal_width() -> Optional[int]:
    """The terminal's width for wrapping prose (at most 100 columns), or None when stdout is not one."""
    import shutil

    return min(100, shutil.get_terminal_size().columns) if sys.stdout.isatty() else None


class _progress:
    """A transient rich display on stderr while optimizing: the step under way and the time it has
    taken, then the cards recomputed out of how many."""

    def __init__(self, show: bool) -> None:
        self.bar = None
        if show and sys.stderr.isatty():  # nothing for a pipe or a file, and no rich to import
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("Reading your review log", total=None, count="")

    def __enter__(self):
        if self.bar is not None:
            self.bar.start()
        return self.stage, self.advance

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def stage(self, name: str) -> None:
        # drawn at once, not at the next tick: a step shorter than a tick is still seen; with no total the
        # bar pulses and no count is shown
        if self.bar is not None:
            self.bar.update(self.task, description=name, total=None, completed=0, count="", refresh=True)

    def advance(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description="Recomputing memory states", total=total, completed=done,
                            count=f"{done:,}/{total:,} cards")
