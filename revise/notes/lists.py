"""Summary-note cards made of lists: colon lists (a line ending in `:` and the list under it), and
the opt-in question bullets (`- Why …? Because …`) and plain `Term: definition` bullets."""

from __future__ import annotations

import re

from revise.notes.collector import Collector
from revise.notes.records import Rec, dedent

MAX_ANSWER_LINES = 40  # a longer answer is still a card, with a warning: the learner should split it
_BOLD_LABEL_RE = re.compile(r"(\*\*|__)(?P<term>(?:(?!\1).)+?)[ \t]*:?[ \t]*\1[ \t]*:?$")
# A first sentence that is a question (no `.`/`!`/`?` before its `?`), then more text.
_QUESTION_RE = re.compile(r"(?P<q>[^.!?\n]{4,}?\?)[ \t]+(?P<rest>\S.*)", re.DOTALL)
# Colon lines that ask nothing on their own, measured on public course summaries (docs/cards.md):
# only generic words ("Example:", "Best:", "Notations:"), or pointing at what follows ("lets see:",
# "like this:", "we get:"). And a list of nothing but images or links cannot be recalled.
_GENERIC_WORDS = frozenset((
    "a", "an", "the", "for", "e.g", "eg", "example", "examples", "best", "extra", "more", "other", "others",
    "algorithm", "notation", "notations", "info", "information", "initial", "note", "notes", "so", "and",
    "code", "result", "results", "output", "input", "here", "it", "is", "are", "be", "may", "can", "then",
    "steps", "step", "details", "detail", "e", "i.e", "ie", "some", "also", "now", "like", "usage", "see",
    "observation", "observations", "motivating", "motivation", "remarks", "remark", "comments", "where",
))
_POINTING_RE = re.compile(
    r"^(?:for )?(?:example|e\.g\.?)\b|\b(?:let'?s|let us|the following|as following)\b"
    r"|\b(?:this|these|that|following|follows|below|here|see|like|example|we \w+)\W*$", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w.']+")
_MEDIA_RE = re.compile(r"!?\[[^\]]*\]\([^)]*\)|<[^>]*>|[-*+]|\d+[.)]|\s")
# `Term: definition`: a short term (no code, links, emphasis or URL), then text.
_TERM_RE = re.compile(r"(?P<term>[^:`*_\[\]()<>|]{1,40}?)[ \t]*:[ \t]+(?P<def>\S.*)$")


def ends_with_colon(text: str) -> bool:
    """Whether a line introduces a list: it ends with one `:` (not a `::` card separator), maybe inside bold."""
    text = text.rstrip()
    if text[-1:] in ("*", "_"):  # `**Learning rate:**`
        text = text.rstrip("*_")
    return text.endswith(":") and not text.endswith("::")


def colon_list(out: Collector, recs: list[Rec], front: str, items: list[Rec]) -> None:
    """A line ending with `:` (list item or paragraph, `recs`) → the list `items` under it."""
    label = _BOLD_LABEL_RE.match(front)
    if label:  # `- **Learning rate**:`: the term is the question, as for a bold-term bullet
        front = label.group("term").strip()
    back = dedent([r.text for r in items])
    if front and back and asks_something(front) and _MEDIA_RE.sub("", back):
        add_answer(out, front, back, recs + items, "colon list")


def asks_something(front: str) -> bool:
    """Whether a colon line is worth a card's front: not only generic words, not pointing at what follows."""
    words = [w.lower().strip(".'") for w in _WORD_RE.findall(front.replace("*", "").replace("`", ""))]
    if all(w in _GENERIC_WORDS or len(w) < 2 for w in words):
        return False
    return not _POINTING_RE.search(front.rstrip(" \t:*_"))


def question_bullet(out: Collector, item: list[Rec], own: str, children: list[Rec]) -> bool:
    """`- Why not regularize the bias? In practice …` → the question and the rest (opt-in)."""
    m = _QUESTION_RE.fullmatch(own)
    if not m:
        return False
    back = "\n".join([m.group("rest").strip()] + ([dedent([r.text for r in children])] if children else []))
    add_answer(out, m.group("q").strip(), back, item + children, "question bullet")
    return True


def term_bullet(out: Collector, item: list[Rec], own: list[str], children: list[Rec]) -> None:
    """`- Term: definition` without bold (opt-in: "Training error: 1%" is no flashcard)."""
    m = _TERM_RE.match(own[0])
    if not m or len(m.group("term").split()) > 5 or m.group("term").rstrip().endswith(("http", "https")):
        return
    back = "\n".join([m.group("def").strip(), *own[1:]] + ([dedent([r.text for r in children])] if children else []))
    add_answer(out, m.group("term").strip(), back.strip(), item + children, "term bullet")


def add_answer(out: Collector, front: str, back: str, recs: list[Rec], syntax: str) -> None:
    """A summary card whose answer may run long: over MAX_ANSWER_LINES lines it is a warning, still a card."""
    lines = back.count("\n") + 1
    if lines > MAX_ANSWER_LINES:
        out.warn(recs[0].no, f"{syntax} with an answer of {lines} lines — split it into smaller parts "
                             f"(the card is kept)")
    out.add_basic(front, back, recs, syntax=syntax)
