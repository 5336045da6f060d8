"""`revise preview PATH…`: the cards and warnings notes would give, shown as review shows them.
Writes nothing and opens no collection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from revise.cli import JsonOption, command, output


@command("preview")
def preview_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Markdown files or folders (read recursively).")],
    as_json: JsonOption = False,
) -> None:
    """Show the cards and warnings these notes would give, without importing them. Writes nothing."""
    from revise.config import load_config
    from revise.sources.preview import preview_paths

    results, errors = preview_paths(paths, load_config().max_note_bytes)
    if as_json:
        output.print_cards_json([card_json(card) for _, result in results for card in result.cards])
        for _, result in results:
            output.print_warnings(result)
    else:
        _print_preview(results)
    output.print_errors(_Errors(errors))
    if errors:
        raise typer.Exit(1)


class _Errors:
    """The errors in the shape `output.print_errors` reads (an import report's)."""

    def __init__(self, errors: list) -> None:
        self.errors = errors


def card_json(card: Any) -> dict:
    """A parsed card as `revise cards --json` shows it once imported, without the collection's fields."""
    return {"deck": card.deck, "kind": card.kind, "front": card.front, "back": card.back, "tags": list(card.tags),
            "source": card.file, "line": card.line, "headings": list(card.headings)}


def _print_preview(results: list) -> None:
    """Each file's cards and warnings in line order, both sides rendered as review shows them, then totals."""
    from rich.console import Console

    console = Console(highlight=False)
    kinds: Counter = Counter()
    warnings = 0
    for file, result in results:
        items = [(c.line, 0, c) for c in result.cards] + [(w.line, 1, w) for w in result.warnings]
        for _, is_warning, item in sorted(items, key=lambda x: (x[0], x[1])):
            if is_warning:
                console.print(f"Warning: {output.shown_path(file)}:{item.line}: {item.message}", style="yellow",
                              markup=False)
            else:
                _print_card(console, file, item)
            console.print()
        kinds.update(card.syntax or card.kind for card in result.cards)
        warnings += len(result.warnings)
    by_kind = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    total = sum(kinds.values())
    console.print(f"{total} card{'s' * (total != 1)}{f' ({by_kind})' if by_kind else ''}, {warnings} "
                  f"warning{'s' * (warnings != 1)}, from {len(results)} file{'s' * (len(results) != 1)}. "
                  "Nothing was written.", markup=False)


def _print_card(console: Any, file: str, card: Any) -> None:
    """One card: where it is and what made it, its heading path, then its front and its answer."""
    from rich.rule import Rule
    from rich.text import Text

    from revise.render import card_markdown, inline_text
    from revise.review.screen import answer_text

    where = Text(f"{output.shown_path(file)}:{card.line}  ", style="bold")
    where.append(card.kind + (f" · {card.syntax}" if card.syntax else ""), style="cyan")
    if card.headings:
        where.append("  ").append_text(inline_text(" › ".join(card.headings)).copy())
    console.print(where)
    row = {"kind": card.kind, "back": card.back, "note_text": card.note_text, "ord": card.ord}
    base = Path(file).parent  # images resolve next to the note, as in review
    console.print(card_markdown(card.front, base))
    console.print(Rule(style="dim"))
    console.print(card_markdown(answer_text(row), base))
