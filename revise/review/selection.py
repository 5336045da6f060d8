"""Which cards a session draws from: the Selection of `revise review`'s options, and checking that
each of its decks, tags and paths names cards (with a hint at the name that was meant)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from revise import collection
from revise.errors import ReviseError
from revise.notes import tag_name


@dataclass(frozen=True)
class Selection:
    """Which cards a session draws from, and its limits."""

    decks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    cram: bool = False
    limit: int | None = None
    new_limit: int | None = None

    @classmethod
    def from_options(cls, decks: list[str], tags: list[str], paths: list[str], **limits: Any) -> Selection:
        """The selection of `revise review`'s options: `--tag '#relu'` is written as in the notes."""
        return cls(decks=tuple(decks), tags=tuple(tag_name(t) for t in tags), paths=tuple(paths), **limits)

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The selection's decks, tags and paths, as the collection's queries take them."""
        return {"decks": self.decks, "tags": self.tags, "paths": self.paths}


def check_selection(db: Database, selection: Selection) -> None:
    """Raise ReviseError if a --deck, --tag or PATH of `selection` names no card, or they have none in common."""
    for deck in selection.decks:
        if not collection.has_cards(db, decks=(deck,)):
            raise ReviseError(f"no cards in deck '{deck}'{_hint(deck, _deck_names(db), 'Decks')}")
    for tag in selection.tags:
        if not collection.has_cards(db, tags=(tag,)):
            raise ReviseError(f"no cards tagged '{tag}'{_hint(tag, collection.tag_names(db), 'Tags')}")
    for path in selection.paths:
        if not collection.has_cards(db, paths=(path,)):
            raise ReviseError(f"no cards in {path}. Cards are written as in the README (Q:/A:, ::, {{{{c1::…}}}}, …).")
    if not collection.has_cards(db, **selection.filters()):
        raise ReviseError(f"no card is {_described(selection)}. Each alone has cards: choose fewer.")


def _deck_names(db: Database) -> list[str]:
    """Every deck and parent deck (`a::b` makes `a` a deck too): what --deck accepts."""
    names = set()
    for deck in collection.deck_names(db):
        parts = deck.split("::")
        names.update("::".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(names)


def _hint(wanted: str, names: list[str], kind: str) -> str:
    """`. Did you mean 'X'?` for a near name (names are case-sensitive), else `. Decks: A, B.`."""
    import difflib

    lower = {name.lower(): name for name in names}
    near = [name for name in names if wanted.lower() == name.lower()]
    near += sorted((name for name in names if wanted.lower() in name.lower() and name not in near), key=len)
    near += [lower[n] for n in difflib.get_close_matches(wanted.lower(), list(lower), n=3) if lower[n] not in near]
    if near:
        case = " (names are case-sensitive)" if near[0].lower() == wanted.lower() else ""
        return f"{case}. Did you mean {' or '.join(repr(name) for name in near[:3])}?"
    top = sorted({name.split("::")[0] for name in names})
    shown = ", ".join(top[:8]) + (", …" if len(top) > 8 else "")
    return f". {kind}: {shown}." if top else "."


def _described(selection: Selection) -> str:
    """`in deck 'a' and tagged 'x' or 'y'`: what a selection asks for."""
    def either(values: tuple[str, ...]) -> str:
        return " or ".join(f"'{value}'" for value in values)

    parts = [f"in deck {either(selection.decks)}" if selection.decks else "",
             f"tagged {either(selection.tags)}" if selection.tags else "",
             f"from {either(selection.paths)}" if selection.paths else ""]
    return " and ".join(part for part in parts if part)
