"""Questions that summary notes already ask: a heading ending with `?` (question headings) and a
line of only bold text ending with `?` (bold questions, as in interview-question files), each with
the answer written after it.

An answer ends at the next heading, `---` line, bold question, `Q:`/`C:` line or paragraph that
makes an explicit card: a question never takes nor splits a card an explicit syntax made."""

from __future__ import annotations

import re
import unicodedata

from revise.notes.collector import Collector
from revise.notes.lists import add_answer
from revise.notes.paragraphs import may_hold_card, paragraph
from revise.notes.records import BLANK, HEADING, RULE, TEXT, Rec, dedent

_BOLD_LINE_RE = re.compile(r"(\*\*|__)(?P<q>(?:(?!\1).)+)\1(?P<tail>.*)")
_MARKS = frozenset(("So", "Sk", "Cf", "Mn", "Me", "Zs"))  # emoji, difficulty stars, joiners, spaces
_SPACERS = frozenset(("<br>", "<br/>", "<br />"))  # HTML spacing lines around an answer
# Answers still to be written (interview-question files keep "Answer here" under open questions).
_PLACEHOLDERS = frozenset(("answer here", "todo", "tbd", "tba", "...", "…", "?"))


def _without_marks(text: str) -> str:
    """Text without the emoji, symbols and spaces at its end (`What is regression? 👶`)."""
    end = len(text)
    while end and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in _MARKS):
        end -= 1
    return text[:end]


def question_of(text: str) -> str | None:
    """The question a heading asks (marks after its `?` dropped), or None when it asks none."""
    if not text or (text[-1] != "?" and text[-1].isascii()):  # the common case, decided at once
        return None
    question = _without_marks(text)
    return question if question.endswith("?") and len(question) > 1 else None


def bold_question(line: str) -> str | None:
    """The question of a line that is only bold text ending with `?` (`**What is X? 👶**`), else None."""
    m = _BOLD_LINE_RE.fullmatch(line.strip())
    if not m or _without_marks(m.group("tail")):
        return None
    question = question_of(m.group("q").strip())
    return question.strip() if question else None


def answer_end(out: Collector, records: list[Rec], start: int) -> tuple[int, bool]:
    """Where the answer starting at `start` ends, and whether an explicit card is what ended it."""
    new_paragraph = True
    for i in range(start, len(records)):
        rec = records[i]
        if rec.kind in (HEADING, RULE):
            return i, False
        if rec.kind == BLANK:
            new_paragraph = True
            continue
        if rec.kind == TEXT and not rec.indent:
            if rec.text[1:2] == ":" and rec.text[0] in "QCA":
                return i, True
            if rec.text[:2] in ("**", "__") and "bold_questions" in out.kinds and bold_question(rec.text):
                return i, False
        if new_paragraph and _explicit_paragraph(out, records, i):
            return i, True
        new_paragraph = False
    return len(records), False


def _explicit_paragraph(out: Collector, records: list[Rec], start: int) -> bool:
    """Whether the paragraph at `start` makes an explicit card (parsed apart, then dropped)."""
    end = start
    while end < len(records) and records[end].kind not in (BLANK, HEADING, RULE):
        end += 1
    run = records[start:end]
    if not may_hold_card("\n".join([r.text for r in run if r.kind == TEXT])):
        return False
    probe = out.probe(explicit_only=True)
    paragraph(probe, run)
    return bool(probe.cards) or probe.nested


def add_question(out: Collector, question: Rec, front: str, body: list[Rec], ended_by_card: bool, syntax: str) -> None:
    """The card of a question and the answer lines `body` (a warning when there is no answer)."""
    while body and (body[-1].kind == BLANK or body[-1].text.strip() in _SPACERS):
        body = body[:-1]
    while body and (body[0].kind == BLANK or body[0].text.strip() in _SPACERS):
        body = body[1:]
    back = dedent([r.text for r in body])
    if back.strip().lower().rstrip(".!:") in _PLACEHOLDERS or back.strip() in _PLACEHOLDERS:
        back = ""
    if back:
        add_answer(out, front, back, [question, *(r for r in body if r.kind != BLANK)], syntax)
    elif not ended_by_card:  # a question right before an explicit card: the author's cards say it
        where = "under it, before the next heading" if syntax == "question heading" else "after it"
        out.warn(question.no, f"{syntax} with no answer — write the answer {where}")
