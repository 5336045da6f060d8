"""Cloze deletions: finding them in a note, the canonical `{{cN::…}}` form, and each card's sides."""

from __future__ import annotations

import re
from typing import NamedTuple

from revise.notes.masking import CODE_AND_MATH, mask, nul

_DELETION_RE = re.compile(
    r"\{\{(?:c(\d+)::)?((?:(?!\{\{|\}\}).)*)\}\}"  # {{c1::text}}, {{c1::text::hint}}, {{text}}
    r"|==(?=[^\s=])((?:(?!==)[^\n])*?[^\s=]|[^\s=])==(?!=)",  # ==text== (not `a == b`); may hold math
    re.DOTALL,
)
_CANONICAL_RE = re.compile(r"\{\{c(\d+)::((?:(?!\{\{|\}\}).)*)\}\}", re.DOTALL)
# No pattern here may run past the next opening marker: unclosed markers must not cost O(n²).
_HASHCARDS_DELETION_RE = re.compile(r"(?<![!\\\[\]])\[([^\[\]\n]+)\](?![(\[])")
_BRACE_DELETION_RE = re.compile(r"\{\{(?:c(\d+)::)?((?:(?!\{\{|\}\}).)*)\}\}", re.DOTALL)  # in a `C:` card
# The backslashes _escape_in_cloze adds (outside code and math), taken out again for display.
_UNESCAPE_RE = re.compile(CODE_AND_MATH + r"|\\([:{}])|\\.", re.DOTALL)
_BRACE_RUN_RE = re.compile(r"\{\{+")


class Deletion(NamedTuple):
    """One deletion found in a note's text, by position."""

    start: int
    end: int
    number: int | None  # None: unnumbered, numbered after the explicit ones
    text: str
    hint: str | None


def _split_hint(text: str, masked: str) -> tuple[str, str | None]:
    at = masked.find("::")
    if at < 0:
        return text, None
    return text[:at], text[at + 2 :]


def find_deletions(text: str, hashcards: bool = False) -> list[Deletion]:
    """Every deletion in `text`, in order; brackets too for a hashcards `C:` note."""
    masked = mask(text)
    if hashcards:
        return _hashcards_deletions(text, masked)
    found: list[Deletion] = []
    for m in _DELETION_RE.finditer(masked):
        if m.group(3) is not None:
            body = text[m.start(3) : m.end(3)]
            found.append(Deletion(m.start(), m.end(), None, body, None))
            continue
        found.append(_brace_deletion(text, m))
    return found


def _hashcards_deletions(text: str, masked: str) -> list[Deletion]:
    """A `C:` card's `[…]` deletions, and any `{{c1::…}}` or `{{…}}` among them: those are
    deletions too (blanked first, so a `[…]` inside one is its text). `==…==` stays a highlight."""
    found: list[Deletion] = []
    if "{{" in masked:
        for m in _BRACE_DELETION_RE.finditer(masked):
            found.append(_brace_deletion(text, m))
        masked = _BRACE_DELETION_RE.sub(nul, masked)
    for m in _HASHCARDS_DELETION_RE.finditer(masked):
        found.append(Deletion(m.start(), m.end(), None, text[m.start(1) : m.end(1)], None))
    return sorted(found, key=lambda d: d.start)


def _brace_deletion(text: str, m: re.Match[str]) -> Deletion:
    """A `{{c1::text::hint}}` or `{{text}}` match (groups 1 and 2) as a deletion."""
    body, hint = _split_hint(text[m.start(2) : m.end(2)], m.group(2))
    number = int(m.group(1)) or None if m.group(1) else None  # c0 counts as unnumbered
    return Deletion(m.start(), m.end(), number, body, hint)


def canonical_cloze(text: str, deletions: list[Deletion]) -> tuple[str, list[int]]:
    """Rewrite every deletion as `{{cN::…}}`, numbering unnumbered ones after the highest number.

    An empty deletion is no deletion: it stays as written, escaped if it would read back as one."""
    next_number = max((d.number or 0 for d in deletions if d.text.strip()), default=0) + 1
    parts: list[str] = []
    numbers: list[int] = []
    pos = 0
    for d in deletions:
        if not d.text.strip():
            raw = text[d.start : d.end]
            parts.append(text[pos : d.start] + ("\\" + raw if _CANONICAL_RE.match(raw) else raw))
            pos = d.end
            continue
        number = d.number
        if number is None:
            number, next_number = next_number, next_number + 1
        hint = f"::{_escape_in_cloze(d.hint)}" if d.hint is not None else ""
        parts.append(text[pos : d.start] + f"{{{{c{number}::{_escape_in_cloze(d.text)}{hint}}}}}")
        numbers.append(number)
        pos = d.end
    parts.append(text[pos:])
    return "".join(parts), sorted(set(numbers))


def _escape_in_cloze(text: str) -> str:
    """Backslash-escape `::`, `}` and `{{` inside a deletion so the canonical form reads back the same."""
    if "::" not in text and "}" not in text and "{{" not in text:
        return text
    masked = mask(text)
    if "::" not in masked and "}" not in masked and "{{" not in masked:
        return text
    if "{{" in masked:  # `==the {{ marker==`: mark each brace of a `{{` (or `{{{`) for escaping
        masked = _BRACE_RUN_RE.sub(lambda m: "\1" * len(m.group()), masked)
    return "".join("\\" + ch if m == ch in ":}" or m == "\1" else ch for ch, m in zip(text, masked))


def _unescape_in_cloze(text: str) -> str:
    """A deletion's text as shown: without the escapes of its canonical form."""
    if "\\" not in text:
        return text
    return _UNESCAPE_RE.sub(lambda m: m.group(2) or m.group(0), text)


Segments = list[tuple[str, int, str, str | None]]  # (text before, number, body, hint)


def cloze_segments(note_text: str) -> tuple[Segments, str]:
    """A canonical cloze note cut into deletions, and the text after the last one."""
    masked = mask(note_text)
    segments: Segments = []
    pos = 0
    for m in _CANONICAL_RE.finditer(masked):
        body, hint = _split_hint(note_text[m.start(2) : m.end(2)], m.group(2))
        hint = _unescape_in_cloze(hint) if hint is not None else None
        segments.append((note_text[pos : m.start()], int(m.group(1)), _unescape_in_cloze(body), hint))
        pos = m.end()
    return segments, note_text[pos:]


def front_of(segments: Segments, tail: str, n: int) -> str:
    """The question side of cloze `n` from a note's segments."""
    parts = []
    for before, number, body, hint in segments:
        shown = body if number != n else f"[{hint}]" if hint else "[…]"
        parts.append(before + shown)
    return "".join(parts) + tail


def back_of(segments: Segments, tail: str, n: int, mark: tuple[str, str]) -> str:
    """The answer side of cloze `n` from a note's segments, its deletions wrapped in `mark`."""
    parts = []
    for before, number, body, _hint in segments:
        parts.append(before + (f"{mark[0]}{body}{mark[1]}" if number == n else body))
    return "".join(parts) + tail


def cloze_front(note_text: str, n: int) -> str:
    """The question side of cloze `n`: its deletions hidden as `[…]` (or `[hint]`), others shown."""
    return front_of(*cloze_segments(note_text), n)


def cloze_back(note_text: str, n: int, mark: tuple[str, str] = ("", "")) -> str:
    """The answer side of cloze `n`: the full text, its deletions wrapped in `mark`."""
    return back_of(*cloze_segments(note_text), n, mark)
