"""Cloze cards: one per deletion number of a paragraph, list item or `C:` block, and the warnings
for deletions that cannot make a card (empty, unclosed, nested, too many)."""

from __future__ import annotations

from revise.notes.cloze import Deletion, back_of, canonical_cloze, cloze_segments, find_deletions, front_of
from revise.notes.collector import Collector
from revise.notes.masking import mask
from revise.notes.records import TEXT, Rec

CLOZE_BUDGET = 1_000_000  # characters of card text one cloze note may produce (cards × note length)
_CLOZE_HINTS = ("{{", "==")


def maybe_cloze(out: Collector, recs: list[Rec], text: str) -> bool:
    """Cloze cards from the text of `recs`, when it may hold deletions; False when it has none."""
    if not any(hint in text for hint in _CLOZE_HINTS):
        return False
    if all(r.kind != TEXT for r in recs):
        return False
    return add_cloze(out, text, recs)


def add_cloze(out: Collector, text: str, recs: list[Rec], hashcards: bool = False) -> bool:
    """Cards for every deletion in `text`; False when it has none."""
    deletions = find_deletions(text, hashcards)
    if hashcards and any(b.start < a.end for a, b in zip(deletions, deletions[1:])):
        return _nested(out, mask(text), deletions[1].start, recs)  # `[a {{c1::b}}]`
    if text.count("{{") > sum(text.startswith("{{", d.start) for d in deletions) and (
        _check_markers(out, text, deletions, recs)
    ):
        return True  # nested deletions: any card made from them would be wrong
    kept = [d for d in deletions if d.text.strip()]
    if len(kept) < len(deletions):
        out.warn(recs[0].no, "empty cloze deletion ignored")
    if not kept:
        return False
    _add_cards(out, text, deletions, len(kept), recs)
    return True


def _add_cards(out: Collector, text: str, deletions: list[Deletion], kept: int, recs: list[Rec]) -> None:
    """One card per deletion number (as many as the size budget allows) of the note `text`."""
    note, numbers = canonical_cloze(text, deletions)
    most = max(1, CLOZE_BUDGET // len(note))
    if len(numbers) > most:  # each card repeats the whole note: bound the total size
        out.warn(recs[0].no, f"{len(numbers)} cloze deletions in one note: only the first "
                 f"{most} become cards; split the paragraph")
        numbers = numbers[:most]
    segments, tail = cloze_segments(note)
    if len(segments) != kept:  # a safety net: a card that hides nothing is no card
        out.warn(recs[0].no, "a '\\{' next to a cloze marker makes these deletions impossible to tell "
                 "apart: no card from this paragraph; put a space after the '\\{'")
        return
    back = back_of(segments, tail, 0, ("", ""))
    for n in numbers:
        out.add("cloze", front_of(segments, tail, n), back, note, n, recs)


def _check_markers(out: Collector, text: str, deletions: list[Deletion], recs: list[Rec]) -> bool:
    """Warn of a `{{` left unclosed; True (with a warning) when deletions are nested."""
    masked, parts, pos = mask(text), [], 0
    for d in deletions:
        body = masked[d.start + 2 : d.end - 2]
        if masked[d.start] == "=" and "{{" in body and "}}" in body[body.find("{{"):]:
            return _nested(out, masked, d.start, recs)  # `==a {{c1::b}} c==`
        parts.append(masked[pos : d.start] + "\0" * (d.end - d.start))
        pos = d.end
    left = "".join(parts) + masked[pos:]
    at = left.find("{{")
    while at >= 0:  # each `{{` left over is unclosed, or closed after a deletion: nested
        close = left.find("}}", at)
        if close < 0:
            out.warn(_line_at(masked, at, recs), "unclosed cloze: '{{' without '}}'")
            return False
        if any(at < d.start and d.end <= close for d in deletions):
            return _nested(out, masked, at, recs)  # Anki's `{{c1::a {{c2::b}} }}`
        at = left.find("{{", close)
    return False


def _nested(out: Collector, masked: str, at: int, recs: list[Rec]) -> bool:
    out.nested = True
    out.warn(_line_at(masked, at, recs),
             "nested cloze deletions are not supported: no card from this paragraph; "
             "put the deletions side by side")
    return True


def _line_at(text: str, at: int, recs: list[Rec]) -> int:
    offset = text.count("\n", 0, at)
    return recs[offset].no if offset < len(recs) else recs[0].no
