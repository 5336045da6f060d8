"""The tables of the stats screen: decks as a tree, retention per window, the hardest cards. Each
fits the terminal by leaving out or splitting columns, never by cutting a figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from revise.stats.figures import DECK_RETENTION_DAYS, DeckRow, HardCard, Retention, WindowRetention
from revise.stats.text import one_line, packed, percent

if TYPE_CHECKING:
    from rich.text import Text

DECK_NAME_MIN = 12  # the deck column keeps this much room while a figure column can make way


def _figure_table(headers: tuple[str, ...], rows: list[tuple]):
    """A table of figures: the first column left-aligned, the others right-aligned, none ever wrapped."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
    table.add_column(headers[0], no_wrap=True)
    for name in headers[1:]:
        table.add_column(name, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def _width(headers: tuple[str, ...], rows: list[tuple]) -> int:
    """How wide `_figure_table(headers, rows)` is with nothing cut."""
    from rich.cells import cell_len

    columns = zip(headers, *rows)  # between two columns: padding, the box's blank divider, padding
    return sum(max(cell_len(str(cell)) for cell in column) for column in columns) + 3 * (len(headers) - 1)


class DeckTable:
    """Decks as an indented tree; where the figures leave the names too little room, Stab, then New,
    then Ret make way (a figure is never cut), and names are shortened with … on their line."""

    optional = ("Stab", "New", f"Ret {DECK_RETENTION_DAYS}d")  # the order they make way in

    def __init__(self, decks: tuple[DeckRow, ...]) -> None:
        self.tree = [row for _, row in deck_tree(decks)]

    def __rich_console__(self, console, options):
        from rich.cells import cell_len

        figures = self._figures()
        names = [(row.deck.count("::"), one_line(row.deck.split("::")[-1])) for row in self.tree]
        wanted = min(DECK_NAME_MIN, max(cell_len("  " * depth + name) for depth, name in names))
        for leave_out in (None, *self.optional):
            figures.pop(leave_out, None)
            room = options.max_width - _width(tuple(figures), list(zip(*figures.values()))) - 3
            if room >= wanted:
                break
        room = max(room, 1)
        labels = [_deck_label(depth, name, room) for depth, name in names]
        yield _figure_table(("Deck", *figures), list(zip(labels, *figures.values())))

    def _figures(self) -> dict[str, list[str]]:
        rows = self.tree
        return {
            "Cards": [f"{row.cards:,}" for row in rows],
            "Due": [f"{row.due:,}" for row in rows],
            "New": [f"{row.new:,}" for row in rows],
            f"Ret {DECK_RETENTION_DAYS}d": [percent(row.retention.true) for row in rows],
            "Stab": ["–" if row.stability is None else f"{row.stability:,.1f}d" for row in rows],
        }


def _deck_label(depth: int, name: str, width: int) -> Text:
    """A deck's name indented by its depth, shortened with … to `width` cells (a Text: no markup)."""
    from rich.cells import cell_len, set_cell_size
    from rich.text import Text

    label = "  " * min(depth, max(0, width - 4) // 2) + name  # deep trees keep a few letters of the name
    if cell_len(label) > width:
        label = set_cell_size(label, width - 1).rstrip() + "…"
    return Text(label)


def deck_tree(decks: tuple[DeckRow, ...]) -> list[tuple[str, DeckRow]]:
    """Decks as an indented tree, Anki style: a parent (`a` of `a::b`) shows the totals of its subdecks."""
    from revise.collection import deck_tree as tree

    nodes = tree({row.deck: row for row in decks}, lambda name: DeckRow(name, 0, 0, 0, Retention(), None))
    return [("  " * name.count("::") + name.split("::")[-1], row) for name, row in nodes]


class RetentionTable:
    """Retention per window; where the whole table does not fit, Young and Mature get a table of their own."""

    caption = ("Reviews: answers to review-state cards;", "learning steps are not counted.",
               "True: answers other than Again.", "FSRS: predicted.", "Young, Mature: true / FSRS.")

    def __init__(self, windows: tuple[WindowRetention, ...]) -> None:
        self.windows = windows

    def __rich_console__(self, console, options):
        from rich.text import Text

        headers = ("Last", "Reviews", "True", "FSRS", "Young <21d", "Mature ≥21d")
        rows = [(f"{w.days} d", f"{w.all.reviews:,}", percent(w.all.true), percent(w.all.predicted),
                 _pair(w.young), _pair(w.mature)) for w in self.windows]
        if _width(headers, rows) <= options.max_width:
            yield _figure_table(headers, rows)
        else:
            yield _figure_table(headers[:4], [row[:4] for row in rows])
            yield Text()
            yield _figure_table(headers[:1] + headers[4:], [row[:1] + row[4:] for row in rows])
        for line in packed(list(self.caption), options.max_width, " "):
            yield Text(line, style="dim")


def _pair(retention: Retention) -> str:
    if not retention.reviews:
        return "–"
    return f"{percent(retention.true).rstrip('%')} / {percent(retention.predicted).rstrip('%')}"


class HardestTable:
    """The hardest cards: lapses, recall now, the card's front (cut to fit) and its file:line."""

    def __init__(self, cards: tuple[HardCard, ...]) -> None:
        self.cards = cards

    def __rich_console__(self, console, options):
        from rich import box
        from rich.table import Table
        from rich.text import Text

        from revise.render import inline_text, shorten

        width = max(10, options.max_width - 18)  # what the two number columns leave
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
        table.add_column("Lapses", justify="right", no_wrap=True)
        table.add_column("Recall", justify="right", no_wrap=True)
        table.add_column("Card · file:line", no_wrap=True)
        for card, where in zip(self.cards, _places(self.cards)):
            where = one_line(where) + (" (suspended)" if card.suspended else "")
            # the front on one line as review shows it: math as Unicode, controls inert
            line = Text(shorten(inline_text(card.front).plain, width)) + Text("\n" + shorten(where, width, keep_end=True), style="dim")
            table.add_row(f"{card.lapses}", percent(card.retrievability), line)
        yield table


def _places(cards: tuple[HardCard, ...]) -> list[str]:
    """file:line for each card, relative to the folder the listed files share."""
    import os

    folders = {os.path.dirname(card.source) for card in cards if card.source}
    root = os.path.commonpath(folders) if folders else None
    places = []
    for card in cards:
        path = os.path.relpath(card.source, root) if card.source and root else (card.source or "?")
        places.append(f"{path}:{card.line}" if card.line else path)
    return places
