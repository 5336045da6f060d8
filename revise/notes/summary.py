"""Summary-note cards (on unless front matter says `revise: {implicit: false}`): bold-term bullets,
and the sections under a chosen heading level (`revise: {headings: N}`). The kinds of issue 12 live
beside them: questions.py (question headings, bold questions) and lists.py (colon lists, question
and term bullets)."""

from __future__ import annotations

import re

from revise.notes.collector import Collector
from revise.notes.records import RULE, TEXT, Rec, dedent

MAX_SUB_LINES = 12  # sub-bullet lines that join a bold term's answer; more become "…"
_BOLD_TERM_RE = re.compile(
    r"(\*\*|__)(?P<term>(?:(?!\1).)+?)\1[ \t]*(?:[:—–]|[ \t]-(?=[ \t]))[ \t]*(?P<def>.*)$"
    r"|(\*\*|__)(?P<term2>(?:(?!\4).)+?)[ \t]*:[ \t]*\4[ \t]*(?P<def2>.*)$"
)


def bold_term(out: Collector, item: list[Rec], own: list[str], children: list[Rec]) -> bool:
    """`- **Term**: definition` (or `—`, `–`, ` - `): term → definition, with its sub-bullets.

    `own` is the item's text (its first line without the marker, then its continuation lines).
    True when it made a card."""
    if not out.implicit or item[0].kind != TEXT:
        return False
    m = _BOLD_TERM_RE.match(own[0])
    if not m:
        return False
    term = (m.group("term") or m.group("term2")).strip()
    definition = "\n".join([(m.group("def") or m.group("def2") or "").strip()] + own[1:]).strip()
    if not term or not definition:
        return False  # `- **Term**:` heading a list of sub-bullets: a colon list (lists.py), if any
    if children:  # sub-bullets explain the term: they join the answer, up to a point
        definition += "\n" + dedent([r.text for r in children[:MAX_SUB_LINES]])
        if len(children) > MAX_SUB_LINES:
            definition += "\n…"
    out.add_basic(term, definition, item, syntax="bold term")
    return True


def section_card(out: Collector, section: list[Rec], headings: list[tuple[int, str]]) -> None:
    """`revise: {headings: N}`: a level-N heading → its section's body."""
    head, body = section[0], section[1:]
    back = dedent([rec.text for rec in body if rec.kind != RULE])
    if back:  # the parents are the card's heading path, shown above it as context
        saved, out.path = out.path, tuple(t for lv, t in headings if lv < head.indent)
        out.add_basic(head.text, back, [head._replace(tags=())], syntax="heading section")
        out.path = saved
