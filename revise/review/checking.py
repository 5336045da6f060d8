"""Typed answers: what a card expects to be typed, and the typed text compared with it character by
character (case and whitespace folded, math compared as written), with the grade that suggests.
Pure: no terminal, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TYPED = 80  # longer answers are revealed as usual: typing a paragraph word for word is not recall
CLOSE = 0.75  # difflib's ratio from which a typed answer counts as close (Hard): `tahn` for `tanh`

# Math as written, without its delimiters: `$x^2$`, `$$x$$`, `\(x\)`, `\[x\]`
_MATH_RE = re.compile(r"\$\$(.+?)\$\$|\$(?=\S)(.+?)(?<=\S)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
# A block that is no line to type: a list, quote, heading, table, fence or an image
_BLOCK_RE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|#|\||```|~~~)|!\[", re.M)
_FORMATTING = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) → text
    (re.compile(r"<((?:https?|mailto):[^>]*)>"), r"\1"),  # <https://…> → the address
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code, its text as written
    (re.compile(r"(\*\*|__|~~|==)(.+?)\1"), r"\2"),  # bold, strike-through, highlight
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # _emphasis_
]
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash escape (`\*`): the character itself


@dataclass(frozen=True)
class Mark:
    """A run of characters of one side of the comparison, and what it is: `good` (as expected), `bad`
    (typed, not expected), `missed` (expected, not typed) or `space` (never counted)."""

    text: str
    kind: str


@dataclass(frozen=True)
class Comparison:
    """The typed answer against the expected one, each as marked runs, and the grade they suggest."""

    typed: tuple[Mark, ...]
    expected: tuple[Mark, ...]
    ratio: float  # difflib's 2·matches / (typed + expected), over the folded characters
    verdict: str  # exact | close | wrong | empty
    grade: int  # 3 Good, 2 Hard, 1 Again


def expected_answer(row: dict) -> str | None:
    """What a card asks to type: a basic card's back, a cloze's deletions (`, ` between several), as
    plain text; None when that is not one short line (a list, code, an image, over MAX_TYPED)."""
    if row["kind"] == "cloze":
        from revise.notes.cloze import cloze_segments

        segments, _tail = cloze_segments(row["note_text"])
        parts = [plain_answer(body) for _before, number, body, _hint in segments if number == row["ord"]]
        if not parts or None in parts:
            return None
        expected = ", ".join(parts)
        return expected if len(expected) <= MAX_TYPED else None
    return plain_answer(row["back"] or "")


def plain_answer(markdown: str) -> str | None:
    """One line of Markdown as the text to type: formatting dropped, math as written without its
    delimiters, whitespace folded; None if it is empty, several paragraphs, a block or too long."""
    if "\n\n" in markdown.strip() or _BLOCK_RE.search(markdown):
        return None
    maths: list[str] = []

    def keep(m: re.Match[str]) -> str:
        maths.append(next(group for group in m.groups() if group is not None).strip())
        return f"\x00{len(maths) - 1}\x00"  # out of the formatting's reach: `x_1` is no emphasis

    text = _ESCAPE_RE.sub(lambda m: m.group(0) if m.group(1) in "$()[]" else f"\x01{ord(m.group(1))}\x01", markdown)
    text = _MATH_RE.sub(keep, text)
    for pattern, replacement in _FORMATTING:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\x01(\d+)\x01", lambda m: chr(int(m.group(1))), text)  # escaped: out of the formatting's reach
    text = re.sub(r"\x00(\d+)\x00", lambda m: maths[int(m.group(1))], text)
    text = " ".join(text.split())
    return text if 0 < len(text) <= MAX_TYPED else None


def compare(typed: str, expected: str) -> Comparison:
    """Compare character by character; case, whitespace, backslashes and math delimiters do not count."""
    from difflib import SequenceMatcher

    typed = " ".join(_MATH_RE.sub(lambda m: next(g for g in m.groups() if g is not None), typed).split())
    typed_keys, expected_keys = _keys(typed), _keys(expected)
    matcher = SequenceMatcher(None, [k for _, k in typed_keys], [k for _, k in expected_keys], autojunk=False)
    typed_kinds, expected_kinds = ["bad"] * len(typed_keys), ["missed"] * len(expected_keys)
    for a, b, size in matcher.get_matching_blocks():
        typed_kinds[a : a + size] = ["good"] * size
        expected_kinds[b : b + size] = ["good"] * size
    ratio = matcher.ratio() if typed_keys or expected_keys else 1.0
    verdict = _verdict(typed_keys, typed_kinds, expected_kinds, ratio)
    grade = {"exact": 3, "close": 2}.get(verdict, 1)
    return Comparison(_marks(typed, typed_keys, typed_kinds), _marks(expected, expected_keys, expected_kinds),
                      ratio, verdict, grade)


def _verdict(typed_keys: list, typed_kinds: list[str], expected_kinds: list[str], ratio: float) -> str:
    if not typed_keys:
        return "empty"
    if "bad" not in typed_kinds and "missed" not in expected_kinds:
        return "exact"
    return "close" if ratio >= CLOSE else "wrong"


def _keys(text: str) -> list[tuple[int, str]]:
    """(position, folded character) of each character of `text` that counts: not whitespace, nor the
    backslash of a LaTeX command (`\\max` may be typed `max`)."""
    return [(i, char.casefold()) for i, char in enumerate(text) if not char.isspace() and char != "\\"]


def _marks(text: str, keys: list[tuple[int, str]], kinds: list[str]) -> tuple[Mark, ...]:
    """`text` cut into runs of one kind; what does not count (whitespace, backslashes) is `space`."""
    per_char = ["space"] * len(text)
    for (position, _), kind in zip(keys, kinds):
        per_char[position] = kind
    marks: list[Mark] = []
    for char, kind in zip(text, per_char):
        if marks and marks[-1].kind == kind:
            marks[-1] = Mark(marks[-1].text + char, kind)
        else:
            marks.append(Mark(char, kind))
    return tuple(marks)
