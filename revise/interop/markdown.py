"""The imported model → our Markdown: one file per deck, each note in the syntax of its kind that
reads back (through `revise.notes`) as exactly its cards, with its explicit id attached.

Basic → `Q:`/`A:` (sides may span paragraphs); reversed → a `??` card (one paragraph run, so a
side's blank lines become hard breaks); cloze → a `C:` block holding `{{cN::…}}` deletions, its
extra text as a last paragraph. Tags and the id go on the card's own first marker line."""

from __future__ import annotations

import json
import re

from revise.errors import ReviseError
from revise.interop.deck import ImportedNote
from revise.interop.escape import compact, escape_side, normalise

EMPTY = "(empty)"  # a side Anki may leave empty: our cards need text on both sides
_TAG_CHAR_RE = re.compile(r"[^\w/-]")
_CLOZE_NUMBER_RE = re.compile(r"\{\{c(\d+)::")


def tag_word(tag: str) -> str:
    """An Anki tag as one of our `#tag` words: `a::b` nests as `a/b`, other signs become `_`."""
    word = _TAG_CHAR_RE.sub("_", tag.replace("::", "/")).strip("/") or "_"
    return word if re.search(r"[^\W\d]", word) else "_" + word  # a tag needs a letter


def _marks(note: ImportedNote) -> str:
    """The tags and the id comment that close a card's marker line."""
    tags = "".join(f" #{tag_word(t)}" for t in note.tags)
    return f"{tags} <!-- id: {note.id} -->"


def sides(note: ImportedNote) -> tuple[str, str]:
    """The two sides as they are written (and read back): escaped, never empty."""
    if note.kind == "cloze":  # escaped as one text: the parser reads the block as one
        return escape_side(cloze_text(note), bracket=True, keep_cloze=True), ""
    if note.kind == "reversed":  # its front opens a paragraph run, after a blank line
        # compacted before escaping (indented code would not survive losing its blank line) and
        # after (a `$$` left open is text once escaped, and its blank lines are then the run's)
        front = compact(escape_side(compact(normalise(note.front)), after_blank=True)) or EMPTY
        return front, compact(escape_side(compact(normalise(note.back)))) or EMPTY
    return escape_side(note.front) or EMPTY, escape_side(note.back) or EMPTY


def cloze_text(note: ImportedNote) -> str:
    """A cloze note's text with its extra as a last paragraph (shown on both sides)."""
    text, extra = normalise(note.front), normalise(note.back)
    return f"{text}\n\n{extra}" if extra else text


def note_markdown(note: ImportedNote) -> str:
    """One note in our syntax, its id and tags on the card's first line."""
    front, back = sides(note)
    if note.kind == "reversed":
        return f"{front}\n??{_marks(note)}\n{back}\n"
    if note.kind == "cloze":
        return f"C:{_marks(note)}\n{front}\n"
    return f"Q:{_marks(note)}\n{front}\nA:\n{back}\n"


def deck_markdown(deck: str, notes: list[ImportedNote]) -> str:
    """A deck's file: front matter naming the deck (summary-note cards off), then its notes."""
    head = f"---\ndeck: {json.dumps(deck, ensure_ascii=False)}\nrevise: {{implicit: false}}\n---\n"
    return head + "".join(f"\n{note_markdown(n)}" for n in notes)


def expected_ords(note: ImportedNote) -> set[int]:
    """The card ords the note's Markdown makes."""
    if note.kind == "cloze":
        return {int(n) for n in _CLOZE_NUMBER_RE.findall(cloze_text(note)) if int(n) > 0}
    return {0, 1} if note.kind == "reversed" else {0}


def check_reads_back(text: str, file: str, deck: str, notes: list[ImportedNote]) -> None:
    """Parse the written file: every note must come back as its cards, id, deck, tags and sides."""
    from revise.notes import parse

    found: dict[str, dict[int, object]] = {}
    for card in parse(text, file, deck).cards:
        found.setdefault(card.explicit_id or "", {})[card.ord] = card
    for note in notes:
        cards = found.get(note.id, {})
        wanted = sides(note)
        if set(cards) != expected_ords(note) or any(
            c.deck != deck or c.kind != note.kind or set(c.tags) != {tag_word(t) for t in note.tags}
            or (note.kind != "cloze" and (c.front, c.back) != (wanted if c.ord == 0 else wanted[::-1]))
            for c in cards.values()
        ):
            raise ReviseError(f"note {note.id} of deck {deck!r} would not read back as its cards "
                              f"from {file} — please report this with the package")
