"""Cards in a paragraph run (lines between blank lines), in order of precedence: a `?`/`??`
multi-line card, `::`/`:::` lines, then in each paragraph or list item left, definition lists,
cloze deletions, bold-term bullets, then colon lists, question bullets and term bullets."""

from __future__ import annotations

import re

from revise.notes.cloze_cards import CLOZE_BUDGET, maybe_cloze
from revise.notes.collector import Collector
from revise.notes.lists import colon_list, ends_with_colon, question_bullet, term_bullet
from revise.notes.records import TEXT, Rec, dedent, item_text
from revise.notes.separators import DEF_LINE_RE, MULTI_SEPS, definitions, multiline, single_line
from revise.notes.summary import MAX_SUB_LINES, bold_term

_SEPARATOR_LINE_RE = re.compile(r"^[ \t]*(?:\?\??[ \t]*$|:[ \t])", re.MULTILINE)


def may_hold_card(text: str) -> bool:
    """A quick test that rules out most prose: every card needs one of these markers."""
    if "::" in text or "==" in text or "{{" in text or "**" in text or "__" in text:
        return True
    return ("?" in text or ":" in text) and _SEPARATOR_LINE_RE.search(text) is not None


def _may_hold_list_card(out: Collector, text: str) -> bool:
    """The quick test of the list kinds: a line ending with `:` before another, a `? ` or a `: `."""
    return (":\n" in text and "colon_lists" in out.kinds) or (
        "? " in text and "question_bullets" in out.kinds) or (": " in text and "term_bullets" in out.kinds)


def paragraph(out: Collector, run: list[Rec]) -> None:
    """Cards in one run of non-blank lines."""
    if not run:
        return
    text = "\n".join([r.text for r in run if r.kind == TEXT])
    if not may_hold_card(text) and not (out.list_kinds and _may_hold_list_card(out, text)):
        return  # plain prose, lists or code: nothing can be a card (the common case)
    for k, rec in enumerate(run):
        if rec.kind == TEXT and not rec.content and rec.text.strip() in MULTI_SEPS:
            multiline(out, run, k)
            return
    rest: list[Rec] = []
    for rec in run:
        if rec.kind == TEXT and "::" in rec.text and single_line(out, rec):
            _units(out, rest)
            rest = []
        else:
            rest.append(rec)
    _units(out, rest)


def _units(out: Collector, run: list[Rec]) -> None:
    """Split a run into paragraph text and list items, and find cards in each."""
    if not run:
        return
    items: list[list[Rec]] = []
    for rec in run:
        if rec.content or not items:
            items.append([rec])
        else:
            items[-1].append(rec)
    for k, item in enumerate(items):
        if item[0].content:
            whole = "colon_lists" in out.kinds and ends_with_colon(item[-1].text)  # a colon list takes them all
            _list_item(out, item, _children(items, k, None if whole else MAX_SUB_LINES + 1))
        elif not _prose(out, item) and len(items) > 1 and item[-1].text[-1:] == ":" and _colon_lists_on(out) \
                and ends_with_colon(item[-1].text):
            rest = [rec for later in items[1:] for rec in later]  # the list attached to the paragraph
            if not _explicit_inside(out, rest):
                colon_list(out, item, dedent([r.text for r in item]), rest)


def _children(items: list[list[Rec]], k: int, limit: int | None) -> list[Rec]:
    """The lines of the items nested under item `k` (up to about `limit` lines; None: all)."""
    indent = items[k][0].indent
    children: list[Rec] = []
    for j in range(k + 1, len(items)):  # not a slice: a long list would make this quadratic
        if items[j][0].content and items[j][0].indent <= indent:
            break
        children.extend(items[j])
        if limit is not None and len(children) >= limit:
            break
    return children


def _colon_lists_on(out: Collector) -> bool:
    """Colon lists are on, and not inside a question's answer (which holds them already)."""
    return "colon_lists" in out.kinds and not out.in_answer


def _explicit_inside(out: Collector, recs: list[Rec]) -> bool:
    """Whether lines hold an explicit card (or a broken cloze): a summary card must not take it."""
    if not may_hold_card("\n".join([r.text for r in recs if r.kind == TEXT])):
        return False
    probe = out.probe(explicit_only=True)
    paragraph(probe, recs)
    return bool(probe.cards) or probe.nested


def _prose(out: Collector, recs: list[Rec]) -> bool:
    """A paragraph that is not a list item: a definition list, or cloze deletions; True if it made a card."""
    lines = [r.text for r in recs]
    if len(lines) >= 2 and any(DEF_LINE_RE.match(t) for t in lines[1:]):
        if definitions(out, recs):
            return True
    text = "\n".join(lines)
    if "{{" not in text and "==" not in text:
        return False
    if len(recs) > 1 and len(text) * (text.count("{{") + text.count("==") // 2) > CLOZE_BUDGET:
        made = False
        for rec in recs:  # a huge paragraph full of deletions: one note per line instead
            made = maybe_cloze(out, [rec], rec.text.strip()) or made
        return made
    return maybe_cloze(out, recs, dedent(lines))


def _list_item(out: Collector, item: list[Rec], children: list[Rec]) -> None:
    """A list item: cloze deletions, else a bold-term bullet."""
    own = [item_text(item[0])]
    if len(item) > 1:  # continuation lines (code under the bullet keeps its indentation)
        own.append(dedent([r.text for r in item[1:]]))
    text = "\n".join(own)
    if maybe_cloze(out, item, text) or bold_term(out, item, own, children) or not out.list_kinds:
        return
    if out.in_answer or item[0].kind != TEXT:
        return
    if ends_with_colon(text):  # a colon line is never a question or term bullet
        if children and "colon_lists" in out.kinds and not _explicit_inside(out, children):
            colon_list(out, item, text, children)
    elif not ("question_bullets" in out.kinds and question_bullet(out, item, text, children)):
        if "term_bullets" in out.kinds:
            term_bullet(out, item, own, children)
