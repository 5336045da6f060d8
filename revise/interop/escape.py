"""Imported text made safe for our card syntax: Markdown that renders the same and reads back as one
side of one card, whatever it holds (headings, `---`, `::`, `?` lines, tags, ids, brackets).

Each side is escaped line by line outside fenced code and display math, and only where
`revise.notes.masking` does not already hide the text (inline code, math, links, URLs), so code and
math stay exactly as they were."""

from __future__ import annotations

import re

from revise.notes.masking import mask
from revise.notes.records import OPAQUE, dedent
from revise.notes.scanner import Scanner

_HEADING_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE_RE = re.compile(r" {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_PART_RE = re.compile(r"([ \t]*)([QAC]):")  # a line opening a hashcards part
_DEF_RE = re.compile(r"( {0,3}):([ \t])")  # a definition line `: …`
_RUN_RE = re.compile(r"::+|==+|\{\{+")  # separators, highlights, cloze openings
_TAG_RE = re.compile(r"(?<![\w&#/\\\0])#(?=[\w/-]*[^\W\d])[\w/-]+")  # the scanner's tag pattern
_BLOCK_ID_RE = re.compile(r"(?:^|\s)(\^)[A-Za-z0-9][A-Za-z0-9-]*\s*$")
_CLOZE_RE = re.compile(r"\{\{c\d+::(?:(?!\{\{|\}\}).)*\}\}", re.DOTALL)
_TAB_AFTER_MARKER_RE = re.compile(r"^( *(?:[-+*]|\d{1,9}[.)]))[ \t]*\t[ \t]*")  # the scanner reads it as one space
_SPACES = str.maketrans({"\u00a0": " ", "\u200b": None, "\u2060": None, "\ufeff": None, "\r": None})


def normalise(text: str) -> str:
    """The text as the parser reads a side: no CR or odd spaces, trailing blanks, blank edges or common indent."""
    lines = [_TAB_AFTER_MARKER_RE.sub(r"\1 ", _untab(line)) for line in text.translate(_SPACES).split("\n")]
    return dedent(lines)


def escape_side(text: str, bracket: bool = False, keep_cloze: bool = False, after_blank: bool = False) -> str:
    """`text` as Markdown that renders the same and makes no card syntax of its own.

    `bracket`: in a `C:` block, where `[…]` is a deletion; `keep_cloze`: `{{cN::…}}` stay deletions;
    `after_blank`: the side starts after a blank line (else after a marker line such as `Q:`)."""
    return "\n".join(_escape_lines(normalise(text).split("\n"), bracket, keep_cloze, after_blank))


def _escape_lines(lines: list[str], bracket: bool, keep_cloze: bool, after_blank: bool = False) -> list[str]:
    """The lines escaped outside code and math blocks (found by the parser's own scanner). A block
    left open must not swallow the card's next part: a fence is closed at the side's end, and an
    unclosed `$$` or `\\[` is text (as it is in Markdown)."""
    # A comment outside code is taken out of the text (so it cannot hide what follows) before the
    # scan: its `<!--` would otherwise swallow a fence opening that then opens once escaped.
    pre = [line.replace("<!--", "&lt;!--") for line in lines]
    scanner = Scanner(pre, 0)
    scanner.prev_blank = after_blank  # indented code needs a blank line before it
    opaque = {r.no for r in scanner.scan() if r.kind == OPAQUE}
    kept = opaque
    staged = [lines[i] if i in kept else _escape_block(pre[i]) for i in range(len(lines))]
    seen, whole = _visible(staged, keep_cloze)
    # A `C:` block looks for deletions in the whole text masked at once: in a table row, or where its
    # backtick runs pair otherwise than the fences do, a deletion there must be made text too.
    out = [(_escape_inline(line, whole[i], bracket) if bracket else line) if i in kept
           else _escape_inline(line, seen[i], bracket) for i, line in enumerate(staged)]
    if scanner.block is None or len(lines) - 1 not in opaque:
        return out
    opened = len(lines) - 1  # the open block is the run of opaque lines at the end
    while opened - 1 in opaque:
        opened -= 1
    if scanner.block.__name__ == "_in_math":
        opener = "\\" + lines[opened].lstrip()
        return out[:opened] + _escape_lines([opener, *lines[opened + 1 :]], bracket, keep_cloze)
    return out + [scanner.fence] if scanner.block.__name__ == "_in_fence" else out


def _escape_block(line: str) -> str:
    """A line outside code blocks with the block markers at its start made text."""
    if m := _HEADING_RE.match(line):
        bold = f"**{(m.group(2) or '').strip()}**"
        # a heading of only `*` would become a rule (`*****`): keep it a heading made text instead
        return bold if m.group(2) and not _RULE_RE.match(bold) else "\\" + line.lstrip()
    if _RULE_RE.match(line):
        return "\\" + line.lstrip()
    if line.strip() in ("?", "??"):
        return line.replace("?", "\\?", 1)
    line = _PART_RE.sub(r"\1\2\\:", line, count=1) if _PART_RE.match(line) else line
    return _DEF_RE.sub(r"\1\\:\2", line, count=1) if _DEF_RE.match(line) else line


def _visible(lines: list[str], keep_cloze: bool) -> tuple[list[str], list[str]]:
    """Each line with NULs where both its own mask and the whole text's hide it: the parser
    masks a line alone (tags, ids, `::`) and a paragraph as a whole (deletions), so both count."""
    whole = mask("\n".join(lines))
    if keep_cloze and "{{" in whole:  # the deletions stay, markers and all
        whole = _CLOZE_RE.sub(lambda m: "\0" * (m.end() - m.start()), whole)
    seen: list[str] = []
    parts: list[str] = []
    at = 0
    for line in lines:
        own, part = mask(line), whole[at : at + len(line)]
        parts.append(part)
        if keep_cloze and "{{" in own:
            own = _CLOZE_RE.sub(lambda m: "\0" * (m.end() - m.start()), own)
        seen.append("".join(c if a != "\0" or b != "\0" else "\0" for c, a, b in zip(line, own, part)))
        at += len(line) + 1
    return seen, parts


def _escape_inline(line: str, seen: str, bracket: bool) -> str:
    """Backslashes before the inline markers that either mask still shows (`seen`)."""
    marks: set[int] = set()
    for m in _RUN_RE.finditer(seen):
        marks.update(range(m.start(), m.end()))
    marks.update(m.start() for m in _TAG_RE.finditer(seen))
    marks.update(m.start(1) for m in _BLOCK_ID_RE.finditer(seen))
    if bracket:
        marks.update(i for i, ch in enumerate(seen) if ch == "[")  # links and images are masked
    if not marks:
        return line
    return "".join("\\" + ch if i in marks else ch for i, ch in enumerate(line))


def _untab(line: str) -> str:
    """Leading tabs as the scanner reads them: columns every four."""
    stripped = line.lstrip(" \t")
    head = line[: len(line) - len(stripped)]
    return line if "\t" not in head else " " * len(head.expandtabs(4)) + stripped


def compact(text: str) -> str:
    """A side with no blank line outside code, for a `??` card (one paragraph run): each blank line
    becomes a hard line break, or nothing before a list, quote or fence (they start a block anyway)."""
    lines = text.split("\n")
    kept = {r.no for r in Scanner(lines, 0).scan() if r.kind == OPAQUE}
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.strip() or i in kept:
            out.append(line)
        elif out and out[-1].strip() and not out[-1].endswith("\\") and not _starts_block(lines[i + 1]):
            out[-1] += "\\"
    return "\n".join(out)


def _starts_block(line: str) -> bool:
    """Whether a line opens a block that may interrupt a paragraph."""
    return bool(re.match(r"[ \t]*(?:[-+*>]|\d{1,9}[.)]|`{3}|~{3}|\|)", line))
