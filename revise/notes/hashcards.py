"""hashcards' explicit cards: `Q:`/`A:` blocks and `C:` cloze blocks with `[…]` deletions.

A part may run over several lines and paragraphs; it ends at the next `Q:` or `C:` line, a heading
or a `---` line, and (once it has text) before a paragraph that makes a card of its own: later
cards must not vanish into an answer."""

from __future__ import annotations

from revise.notes.cloze_cards import add_cloze
from revise.notes.collector import Collector
from revise.notes.paragraphs import may_hold_card, paragraph
from revise.notes.records import BLANK, HEADING, RULE, TEXT, Rec, dedent


def read_block(out: Collector, records: list[Rec], start: int) -> int:
    """Read one `Q:`/`A:` or `C:` block starting at `start`; return the index after it."""
    first = records[start]
    if first.text.startswith("A:"):
        out.warn(first.no, "'A:' without a 'Q:' before it")
        return start + 1
    end, answer_at = _block_end(out, records, start)
    block = records[start:end]
    if first.text.startswith("C:"):
        _cloze(out, block)
    else:
        _basic(out, block, answer_at - start if answer_at >= 0 else -1)
    return end


def _block_end(out: Collector, records: list[Rec], start: int) -> tuple[int, int]:
    """Where the block at `start` ends, and where its `A:` line is (-1: none)."""
    question = records[start].text.startswith("Q:")
    answer_at = -1
    has_text = bool(records[start].text[2:].strip())  # whether the current part holds anything yet
    after_blank = False
    i = start + 1
    while i < len(records):
        rec = records[i]
        head = rec.text[:2] if rec.kind == TEXT and rec.indent == 0 else ""
        if rec.kind in (HEADING, RULE) or head in ("Q:", "C:"):
            break
        if rec.kind == BLANK:
            after_blank = True
        elif head == "A:" and question and answer_at < 0:
            answer_at, has_text, after_blank = i, bool(rec.text[2:].strip()), False
        else:
            if head == "A:" and question:
                out.warn(rec.no, "a second 'A:' for the same 'Q:' (it joins the answer)")
            if after_blank and has_text and _starts_card(out, records, i):
                break
            has_text, after_blank = True, False
        i += 1
    return i, answer_at


def _starts_card(out: Collector, records: list[Rec], start: int) -> bool:
    """Whether the paragraph at `start` makes a card of its own (parsed apart, then dropped)."""
    end = start
    while end < len(records) and records[end].kind not in (BLANK, HEADING, RULE):
        rec = records[end]
        if end > start and rec.kind == TEXT and not rec.indent and rec.text[:2] in ("Q:", "C:", "A:"):
            break
        end += 1
    run = records[start:end]
    if not may_hold_card("\n".join([r.text for r in run if r.kind == TEXT])):
        return False  # prose, lists and code: the common case, decided without a trial parse
    probe = out.probe()
    paragraph(probe, run)
    return bool(probe.cards) or probe.nested  # a broken cloze too: it gets its own warning


def _basic(out: Collector, block: list[Rec], split: int) -> None:
    """A `Q:` block split at its `A:` line (index `split` in the block; -1: none)."""
    if split < 0:
        out.warn(block[0].no, "'Q:' without an 'A:' after it")
        return
    question = dedent([block[0].text[2:].lstrip()] + [r.text for r in block[1:split]])
    answer = dedent([block[split].text[2:].lstrip()] + [r.text for r in block[split + 1 :]])
    if not question:
        out.warn(block[0].no, "'Q:' with no question")
    elif not answer:
        out.warn(block[split].no, "'A:' with no answer")
    else:
        out.add_basic(question, answer, block)


def _cloze(out: Collector, block: list[Rec]) -> None:
    """A `C:` block: a cloze card per deletion."""
    text = dedent([block[0].text[2:].lstrip()] + [r.text for r in block[1:]])
    if not add_cloze(out, text, block, hashcards=True):
        out.warn(block[0].no, "'C:' without any [deletion]")
