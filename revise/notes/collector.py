"""Where the card builders put what they find in one file: cards with their place, and warnings."""

from __future__ import annotations

from revise.notes.cards import ParsedCard, ParseWarning
from revise.notes.records import Rec


class Collector:
    """The cards and warnings of one file so far, and what each new card takes from the file."""

    def __init__(self, file: str, deck: str, base_tags: tuple[str, ...], kinds: frozenset[str]) -> None:
        self.file = file
        self.deck = deck
        self.base_tags = base_tags  # the front matter's tags, then the note's tag lines
        self.kinds = kinds  # the summary-note kinds that are on (settings.KIND_DEFAULTS' keys)
        self.implicit = "bold_terms" in kinds  # the one summary kind revise had before issue 12
        self.list_kinds = bool(kinds & {"colon_lists", "question_bullets", "term_bullets"})  # a quick test
        self.in_answer = False  # inside a question's answer: colon lists and question bullets are part of it
        self.cards: list[ParsedCard] = []
        self.warnings: list[ParseWarning] = []
        self.path: tuple[str, ...] = ()  # the heading path of the cards found now
        self.nested = False  # whether a paragraph held nested cloze deletions (a broken cloze card)

    def probe(self, explicit_only: bool = False) -> Collector:
        """An empty collector like this one, to try whether some lines make a card.

        Only explicit cards and bold terms (or only explicit cards): the newer summary kinds never
        end an explicit card's answer, nor a question's, so they cannot split or take one."""
        kinds = frozenset() if explicit_only else self.kinds & {"bold_terms"}
        return Collector(self.file, self.deck, self.base_tags, kinds)

    def warn(self, line: int, message: str) -> None:
        """Report a malformed card at `line`."""
        self.warnings.append(ParseWarning(self.file, line, message))

    def add(self, kind: str, front: str, back: str, note: str, ord: int, recs: list[Rec], syntax: str = "") -> None:
        """One card made from the lines `recs`: they give its line, tags and explicit id."""
        tags = self.base_tags
        block_id = None
        for rec in recs:  # a card's own lines only; its id is the last one, at the card's end
            if rec.tags:
                tags = unique(tags + rec.tags)
            block_id = rec.block_id or block_id
        self.cards.append(
            ParsedCard(kind, front, back, note, ord, self.file, recs[0].no, self.deck,
                       tags, self.path, block_id, syntax)
        )

    def add_basic(self, front: str, back: str, recs: list[Rec], reversed_: bool = False, syntax: str = "") -> None:
        """A basic card, or the two siblings of a reversed one; `syntax` names the summary kind that made it."""
        if reversed_:
            note = f"{front}\n??\n{back}"
            self.add("reversed", front, back, note, 0, recs)
            self.add("reversed", back, front, note, 1, recs)
        else:
            self.add("basic", front, back, f"{front}\n?\n{back}", 0, recs, syntax)


def unique(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Tags without repeats, in their first order."""
    return tuple(dict.fromkeys(tags))
