"""Markdown text → parsed cards: `parse`, the walk over a file's lines, and the checks over a whole file.

The parser is a line scanner, chosen by measurement (bench/bench_parse.py): on 100k cards in 26 MB
of notes, the whole parse takes a third of the time markdown-it-py needs only to tokenise, and the
line scan costs what merely pulling pyromark's (Rust) event stream into Python costs, while it knows
what CommonMark does not: `$math$`, `==highlights==`, `{{clozes}}`, tags, block ids and hashcards'
`Q:`/`A:` blocks that span paragraphs. It works in two passes:

1. `Scanner` (scanner.py) classifies every line once: blank, heading, thematic break, opaque or
   text, cleaning text lines of comments, ids and tags on the way.
2. `_Walker` walks the records: hashcards `Q:`/`A:`/`C:` blocks (hashcards.py), then paragraph runs
   (paragraphs.py), where the card builders by family find `?`/`??` multi-line cards, `::`/`:::`
   lines, definition lists (separators.py), cloze deletions (cloze_cards.py), bold-term bullets
   (summary.py) and colon lists (lists.py), in that order of precedence; question headings and bold
   questions (questions.py) with the answers after them; heading sections too, when front matter asks.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from revise.notes.cards import ParsedCard, ParseResult
from revise.notes.collector import Collector, unique
from revise.notes.frontmatter import FrontMatter, read_front_matter
from revise.notes.hashcards import read_block
from revise.notes.paragraphs import paragraph
from revise.notes.questions import add_question, answer_end, bold_question, question_of
from revise.notes.records import BLANK, HEADING, RULE, TEXT, Rec
from revise.notes.scanner import Scanner
from revise.notes.settings import heading_level, summary_kinds
from revise.notes.summary import section_card

_BOLD = ("**", "__")  # how a bold question's line starts
_SPACE_FIXES = str.maketrans({"\u00a0": " ", "\u200b": None, "\u2060": None, "\ufeff": None})


Settings = Iterable[tuple[str, object]]  # a folder's `revise.toml`: (key, value) pairs


def parse(
    text: str, file: str, default_deck: str, only_tagged: tuple[str, ...] = (), settings: Settings = ()
) -> ParseResult:
    """Parse one Markdown file's text into cards and warnings (none unless it carries one of
    `only_tagged`); `settings` are its folder's, which its front matter overrides."""
    # The scan makes one small tuple per line, none of them in a reference cycle; pausing the
    # cyclic garbage collector meanwhile saves a third of the time on a large folder.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, file, default_deck, only_tagged=only_tagged, settings=dict(settings))
    finally:
        if paused:
            gc.enable()


def _parse(
    text: str, file: str, default_deck: str, front_matter: bool = True, only_tagged: tuple[str, ...] = (),
    settings: dict | None = None,
) -> ParseResult:
    lines = _normalise_newlines(text).split("\n")
    fm = read_front_matter(lines, _holds_cards) if front_matter else FrontMatter()
    scanner = Scanner(lines[fm.end :], fm.end + 1)
    records = scanner.scan()
    if only_tagged and not _carries_tag(fm, scanner, records, only_tagged):
        return ParseResult()  # an Obsidian note not tagged for flashcards: the plugin skips it too
    base_tags = tuple(fm.tags) + unique(tuple(scanner.file_tags))
    if settings is None:  # a `---` block tried as note text: only the kinds revise had before issue 12
        kinds = frozenset(("bold_terms",))
    else:
        kinds = summary_kinds(settings, fm.settings, vault=bool(only_tagged))
    out = Collector(file, fm.deck or default_deck, base_tags, kinds)
    if fm.problem:
        out.warn(1, fm.problem)
    _Walker(out, heading_level(settings or {}, fm.settings)).walk(records)
    # Section cards are made when their section ends, and a list's bold-term bullets after its
    # other cards: put them all in file order, the order new cards are learned in (a stable sort
    # keeps siblings in ord order, and costs next to nothing on cards already in order).
    out.cards.sort(key=lambda card: card.line)
    cards = _dedupe(out.cards, out.warn)
    _warn_repeated_ids(cards, out.warn)
    return ParseResult(cards, sorted(out.warnings, key=lambda w: w.line))


def _holds_cards(source: str) -> bool:
    """Whether text between two `---` lines makes cards when read as part of the note."""
    return bool(_parse(source, "", "", front_matter=False).cards)


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00a0" in text or "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        text = text.translate(_SPACE_FIXES)
    return text


def _carries_tag(fm: FrontMatter, scanner: Scanner, records: list[Rec], wanted: tuple[str, ...]) -> bool:
    """Whether the note has one of the `wanted` tags (or a subtag: `flashcards/bio`), anywhere in it."""
    wanted = tuple(w.lstrip("#").casefold() for w in wanted)
    tags = [*fm.tags, *scanner.file_tags, *(t for rec in records if rec.tags for t in rec.tags)]
    return any(t == w or t.startswith(w + "/") for t in map(str.casefold, tags) for w in wanted)


class _Walker:
    """Walks a file's records in order, handing each block to its builder, and keeps the heading path."""

    def __init__(self, out: Collector, heading_level: int) -> None:
        self.out = out
        self.level = heading_level  # `revise: {headings: N}`: level-N sections are cards (0: none)
        self.headings: list[tuple[int, str]] = []  # (level, title) of the headings above
        self.section: list[Rec] | None = None  # the records of the open level-N section

    def walk(self, records: list[Rec]) -> None:
        """Find the cards of every block: hashcards blocks, paragraph runs, heading sections."""
        out, i, n = self.out, 0, len(records)
        bold = "bold_questions" in out.kinds
        run: list[Rec] = []
        while i < n:
            rec = records[i]
            if rec.text[1:2] == ":" and rec.kind == TEXT and rec.text[0] in "QCA" and not rec.indent:
                if run:
                    paragraph(out, run)
                    run = []
                i = self._hashcards(records, i)
                continue
            if rec.kind in (BLANK, HEADING, RULE):
                if run:
                    paragraph(out, run)
                    run = []
                if rec.kind == HEADING:
                    i = self._heading(records, i)
                    continue
            elif bold and rec.text[:2] in _BOLD and self._bold_question(run, records, i):
                if run:
                    paragraph(out, run)
                    run = []
                i = self._question(records, i, i + 1, bold_question(rec.text), "bold question")
                continue
            else:
                run.append(rec)
            if self.section is not None:
                self.section.append(rec)
            i += 1
        paragraph(out, run)
        if self.section is not None:
            section_card(out, self.section, self.headings)

    def _hashcards(self, records: list[Rec], start: int) -> int:
        """A hashcards block, which may span paragraphs; the index after it."""
        end = read_block(self.out, records, start)
        if self.section is not None:
            self.section.extend(records[start:end])
        return end

    def _bold_question(self, run: list[Rec], records: list[Rec], i: int) -> bool:
        """Whether line `i` is a bold question, not a line of an explicit card's paragraph (`**Q?**` + `?`)."""
        rec = records[i]
        if rec.kind != TEXT or rec.indent or rec.content or not bold_question(rec.text):
            return False
        end = i + 1
        while end < len(records) and records[end].kind not in (BLANK, HEADING, RULE):
            end += 1
        probe = self.out.probe(explicit_only=True)
        paragraph(probe, run + records[i:end])
        return not probe.cards and not probe.nested

    def _question(self, records: list[Rec], at: int, start: int, front: str, syntax: str) -> int:
        """The question at record `at`, its answer from `start`, and the cards inside it; the index after it."""
        out = self.out
        end, ended_by_card = answer_end(out, records, start)
        body = records[start:end]
        saved = out.path
        if syntax == "question heading":  # its parents are its heading path, as for a heading section
            out.path = out.path[:-1]
        add_question(out, records[at], front, body, ended_by_card, syntax)
        out.path, out.in_answer = saved, True
        self._cards_inside(body)
        out.in_answer = False
        if self.section is not None:
            self.section.extend(body if syntax == "question heading" else records[at:end])
        return end

    def _cards_inside(self, body: list[Rec]) -> None:
        """The cards in a question's answer: only bold terms can be there (it ends before explicit cards)."""
        run: list[Rec] = []
        for rec in body:
            if rec.kind == BLANK:
                paragraph(self.out, run)
                run = []
            else:
                run.append(rec)
        paragraph(self.out, run)

    def _heading(self, records: list[Rec], i: int) -> int:
        """The heading at `i` (and the answer under it, if it asks a question); the index after it."""
        rec = records[i]
        self._heading_path(rec)
        front = question_of(rec.text) if "question_headings" in self.out.kinds and rec.indent != self.level else None
        return self._question(records, i, i + 1, front, "question heading") if front else i + 1

    def _heading_path(self, rec: Rec) -> None:
        """A heading: it ends the sections of its level or above, and sets the heading path."""
        if self.section is not None and rec.indent <= self.level:
            section_card(self.out, self.section, self.headings)
            self.section = None
        self.headings = [(lv, t) for lv, t in self.headings if lv < rec.indent]
        if self.level and rec.indent == self.level and rec.text:
            self.section = [rec]
        elif self.section is not None:
            self.section.append(rec._replace(kind=TEXT, text="#" * rec.indent + " " + rec.text))
        if rec.text:
            self.headings.append((rec.indent, rec.text))
        self.out.path = tuple(t for _, t in self.headings)


def _dedupe(cards: list[ParsedCard], warn: Callable[[int, str], None]) -> list[ParsedCard]:
    """Drop a card repeated in the same file (hashcards does the same), with a warning."""
    seen: dict[tuple[str, str, int], int] = {}
    warned: set[tuple[str, str, int]] = set()
    kept: list[ParsedCard] = []
    for card in cards:
        key = (card.kind, card.note_text, card.ord)
        if key not in seen:
            seen[key] = card.line
            kept.append(card)
        elif (card.kind, card.note_text, card.line) not in warned:  # one warning per repeated note
            warned.add((card.kind, card.note_text, card.line))
            warn(card.line, f"duplicate card ignored (same as line {seen[key]})")
    return kept


def _warn_repeated_ids(cards: list[ParsedCard], warn: Callable[[int, str], None]) -> None:
    """An explicit id names one note: a second note with it gets a warning (the id matches only one)."""
    first: dict[str, tuple[str, int]] = {}
    warned: set[tuple[str, str]] = set()
    for card in cards:
        if card.explicit_id is None:
            continue
        seen = first.setdefault(card.explicit_id, (card.note_text, card.line))
        if seen[0] != card.note_text and (card.explicit_id, card.note_text) not in warned:  # siblings share it
            warned.add((card.explicit_id, card.note_text))
            warn(card.line, f"id '{card.explicit_id}' is also used at line {seen[1]}: give each card its own id")
