"""Cards whose sides a separator splits: `front :: back` and `:::` lines, `?` and `??` lines
between a question and its answer, and definition lists (`Term` then `: definition`)."""

from __future__ import annotations

import re

from revise.notes.collector import Collector
from revise.notes.masking import mask, nul
from revise.notes.records import TEXT, Rec, dedent, item_text

MULTI_SEPS = frozenset(("?", "??"))  # a line of only this splits question from answer
DEF_LINE_RE = re.compile(r" {0,3}:[ \t]+(?=\S)")
_SINGLE_SEP_RE = re.compile(r":{2,3}")
_CLOZE_SPAN_RE = re.compile(r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{\{c\d+::")  # a cloze's `::` is not a separator


def multiline(out: Collector, run: list[Rec], k: int) -> None:
    """The paragraph `run` split at its `?` or `??` line `k`: question above, answer below."""
    sep = run[k].text.strip()
    question = dedent([r.text for r in run[:k]])
    answer = dedent([r.text for r in run[k + 1 :]])
    if not answer:
        out.warn(run[k].no, f"'{sep}' with no answer after it")
    elif not question:
        out.warn(run[k].no, f"'{sep}' with no question before it")
    else:
        out.add_basic(question, answer, run, reversed_=sep == "??")


def single_line(out: Collector, rec: Rec) -> bool:
    """A `front :: back` or `front ::: back` line; False when `::` is not a separator here."""
    text = item_text(rec)
    found = _find_single_separator(text)
    if found is None:
        return False
    at, width = found
    front, back = text[:at].strip(), text[at + width :].strip()
    if not front or not back:
        side = "before" if not front else "after"
        out.warn(rec.no, f"'{':' * width}' with nothing {side} it")
        return True
    out.add_basic(front, back, [rec], reversed_=width == 3)
    return True


def _find_single_separator(text: str) -> tuple[int, int] | None:
    """Position and length of the first `::`/`:::` not in code, math, a URL or a cloze."""
    masked = mask(text)
    if "{{" in masked:
        masked = _CLOZE_SPAN_RE.sub(nul, masked)
    m = _SINGLE_SEP_RE.search(masked)
    if not m:
        return None
    return m.start(), min(m.end() - m.start(), 3)


def definitions(out: Collector, recs: list[Rec]) -> bool:
    """`Term` then `: definition` lines (definition lists); True when any card came out."""
    made = False
    k = 0
    while k < len(recs):
        j = k + 1
        while j < len(recs) and recs[j].kind == TEXT and DEF_LINE_RE.match(recs[j].text):
            j += 1
        if j > k + 1 and recs[k].kind == TEXT and not DEF_LINE_RE.match(recs[k].text):
            term = recs[k].text.strip()
            defs = [DEF_LINE_RE.sub("", recs[x].text, count=1).strip() for x in range(k + 1, j)]
            out.add_basic(term, "\n".join(defs), recs[k:j])
            made = True
            k = j
        else:
            k += 1
    return made
