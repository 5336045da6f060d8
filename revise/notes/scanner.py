"""The line scanner: every line of a note classified once, as a `Rec`.

Blank, heading, thematic break, opaque (fenced or indented code, display math, table rows: kept as
text but never searched for card syntax) or text. Text lines are cleaned on the way: HTML comments
(Obsidian's `<!--SR:…-->` too) removed, `^block-id` and `<!-- id: … -->` taken out as explicit ids,
`#tag` words collected (and dropped when they stand at the start or end of a line, where they are
labels, not prose).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from revise.notes.masking import mask
from revise.notes.records import BLANK_LINE, HEADING, OPAQUE, RULE, TEXT, Rec

_HEADING_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE_RE = re.compile(r" {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_LIST_RE = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])?[ \t]*(`{3,}|~{3,})")
_ID_COMMENT_RE = re.compile(r"\s*id:\s*(\S+)\s*$", re.IGNORECASE)
_BLOCK_ID_RE = re.compile(r"(?:^|\s)\^([A-Za-z0-9][A-Za-z0-9-]*)\s*$")
_TAG_RE = re.compile(r"(?<![\w&#/\\\0])#(?=[\w/-]*[^\W\d])[\w/-]+")
_LEADING_TAGS_RE = re.compile(r"(\s*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?)(?:#[\w/-]+[ \t]+)+")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WIKILINK_RE = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")

_SPECIAL_FIRST = frozenset("`~-+*0123456789#_$\\|")  # a line starting otherwise may be plain text
_FENCE_FIRST = frozenset("`~-+*0123456789")
_new = tuple.__new__  # builds a Rec without NamedTuple's slower keyword-aware __new__

# Reads a line inside a block (fence, display math, comment, indented code) before it is
# classified: None when the block took it, else the line (what is left of it) to classify.
_BlockReader = Callable[[str, int], "str | None"]


class Scanner:
    """Turns lines into `Rec`s, tracking fences, indented code, comments and math blocks."""

    def __init__(self, lines: list[str], first_no: int) -> None:
        self.lines = lines
        self.first_no = first_no
        self.records: list[Rec] = []
        self.file_tags: list[str] = []
        self.block: _BlockReader | None = None  # the block the scan is inside, if any
        self.fence = ""  # the fence that opened the current code block
        self.math_end = ""  # "$$" or "\\]" while in a display math block
        self.in_list = False
        self.prev_blank = True

    def scan(self) -> list[Rec]:
        """Classify every line.

        Blank and plain text lines, most of any note, are classified here in the loop: it runs once
        per line of every note, and a method call for each of them would cost a fifth of the parse.
        Every other kind of line has a method of its own."""
        out = self.records
        for no, line in enumerate(self.lines, self.first_no):
            if self.block is not None:
                line = self.block(line, no)
                if line is None:
                    continue
            stripped = line.strip()
            if not stripped:
                out.append(BLANK_LINE)
                self.prev_blank = True
                continue
            indent = 0
            if line[0] in " \t":
                indent, line = _untab(line)
                if indent >= 4 and self.prev_blank and not self.in_list:
                    self._indented_code(line, no)
                    continue
            was_blank, self.prev_blank = self.prev_blank, False
            if stripped[0] not in _SPECIAL_FIRST and "<" not in line and "^" not in line and "#" not in line:
                out.append(_new(Rec, (TEXT, no, line.rstrip(), indent, 0, (), None)))
                if was_blank and not indent:
                    self.in_list = False
                continue
            self._classify(line, stripped, no, indent, was_blank)
        return out

    def _classify(self, line: str, stripped: str, no: int, indent: int, was_blank: bool) -> None:
        """A line that may be more than text: each kind in turn, decided by its cheap test first."""
        first = stripped[0]
        if first in _FENCE_FIRST and indent < 4 + 4 * self.in_list and (
            "``" in stripped[:14] or "~~" in stripped[:14]
        ) and self._fence_opening(line, stripped, no, indent):
            return
        if first == "#" and indent < 4 and self._heading(line, no):
            return
        if first in "-*_" and indent < 4 and self._rule(line, stripped, no):
            return
        if first in "$\\" and self._math_opening(line, stripped, no):
            return
        if first == "|":  # a table row: context, never a card
            self.records.append(Rec(OPAQUE, no, line))
            return
        self._text(line, no, indent, was_blank)

    # -- lines that open a block, and the lines inside it ------------------------------------

    def _fence_opening(self, line: str, stripped: str, no: int, indent: int) -> bool:
        """A ``` or ~~~ fence opening a code block (on a bullet line too)."""
        m = _FENCE_RE.match(stripped)
        if not m or (m.group(1)[0] == "`" and "`" in stripped[m.end() :]):
            return False
        self.fence, self.block = m.group(1), self._in_fence
        item = _LIST_RE.match(stripped)
        self.in_list = self.in_list or item is not None
        # a fence on a bullet line is still a list item: it ends the bullet before it
        self.records.append(Rec(OPAQUE, no, line, indent, indent + item.end() if item else 0))
        return True

    def _in_fence(self, line: str, no: int) -> None:
        self.records.append(_new(Rec, (OPAQUE, no, line, 0, 0, (), None)))
        stripped = line.strip()
        if stripped.startswith(self.fence) and not stripped.strip(self.fence[0]):
            self.block = None

    def _math_opening(self, line: str, stripped: str, no: int) -> bool:
        """A `$$` or `\\[` line opening a display math block that it does not close."""
        if stripped.startswith("$$") and stripped.count("$$") == 1:
            self.math_end = "$$"
        elif stripped.startswith("\\[") and "\\]" not in stripped:
            self.math_end = "\\]"
        else:
            return False
        self.block = self._in_math
        self.records.append(Rec(OPAQUE, no, line))
        return True

    def _in_math(self, line: str, no: int) -> None:
        self.records.append(Rec(OPAQUE, no, line))
        if self.math_end in line:
            self.block = None

    def _in_comment(self, line: str, no: int) -> str | None:
        """Inside an HTML comment: the line is gone up to its `-->`, and what follows is read."""
        at = line.find("-->")
        if at < 0:
            return None
        self.block = None
        line = " " * (at + 3) + line[at + 3 :]
        return line if line.strip() else None

    def _indented_code(self, line: str, no: int) -> None:
        """A line indented four columns after a blank line (outside a list) opens indented code."""
        self.records.append(Rec(OPAQUE, no, line))
        self.block = self._in_indented_code

    def _in_indented_code(self, line: str, no: int) -> str | None:
        """Indented code goes on while lines stay indented four columns, across blank lines."""
        if not line.strip():
            return line
        indent, untabbed = (0, line) if line[0] not in " \t" else _untab(line)
        if indent < 4:
            self.block = None
            return line
        self.records.append(Rec(OPAQUE, no, untabbed))
        return None

    # -- lines of one record --------------------------------------------------------------------

    def _heading(self, line: str, no: int) -> bool:
        m = _HEADING_RE.match(line)
        if not m:
            return False
        self.records.append(Rec(HEADING, no, _heading_title(m.group(2) or ""), len(m.group(1))))
        self.in_list = False
        return True

    def _rule(self, line: str, stripped: str, no: int) -> bool:
        """A thematic break: `---`, `***` or `___`, spaces allowed."""
        if stripped.replace(stripped[0], "").strip(" \t") or not _RULE_RE.match(line):
            return False
        self.records.append(Rec(RULE, no, line))
        self.in_list = False
        return True

    def _text(self, line: str, no: int, indent: int, was_blank: bool) -> None:
        """A text line that needs cleaning: comments, ids, tags, a list marker."""
        block_id = None
        if "<!--" in line:
            line, in_comment, block_id = _strip_comments(line)
            if in_comment:
                self.block = self._in_comment
        rec = self._text_record(line, no, indent, block_id)
        if rec is None:
            self.prev_blank = was_blank  # a line of only comments, tags or an id is invisible
            return
        if rec.content:
            self.in_list = True
        elif was_blank and indent == 0:
            self.in_list = False
        self.records.append(rec)

    def _text_record(self, line: str, no: int, indent: int, block_id: str | None) -> Rec | None:
        """The record of a text line; None when nothing but tags or an id is left of it."""
        tags: tuple[str, ...] = ()
        if "^" in line:
            m = _BLOCK_ID_RE.search(line)
            if m:
                block_id = m.group(1)
                line = line[: m.start()]
        if "#" in line:
            line, tags = _take_tags(line)
        line = line.rstrip()
        if not line or line.isspace():
            self._label_note(tags, block_id)
            return None
        content = 0
        if line.lstrip()[0] in "-+*0123456789":
            line, content = _list_marker(line)
        return Rec(TEXT, no, line, indent, content, tags, block_id)

    def _label_note(self, tags: tuple[str, ...], block_id: str | None) -> None:
        """A line of tags labels the whole note; a line of `^id` names the paragraph above it."""
        self.file_tags.extend(tags)
        if block_id and self.records and self.records[-1].kind == TEXT:
            prev = self.records[-1]
            self.records[-1] = prev._replace(block_id=prev.block_id or block_id)


def _untab(line: str) -> tuple[int, str]:
    """A line's indentation in columns (tabs stop every 4), and the line indented with spaces."""
    stripped = line.lstrip(" \t")
    head = line[: len(line) - len(stripped)]
    if "\t" not in head:
        return len(head), line
    width = len(head.expandtabs(4))
    return width, " " * width + stripped


def _strip_comments(line: str) -> tuple[str, bool, str | None]:
    """The line without `<!-- … -->`, whether a comment stays open, and an `id:` comment's id."""
    kept: list[str] = []
    block_id = None
    pos = 0
    while (start := line.find("<!--", pos)) >= 0:
        kept.append(line[pos:start])
        end = line.find("-->", start + 4)
        if end < 0:
            return "".join(kept), True, block_id
        idm = _ID_COMMENT_RE.match(line, start + 4, end)
        block_id = idm.group(1) if idm else block_id
        pos = end + 3
    return "".join(kept) + line[pos:], False, block_id


def _take_tags(line: str) -> tuple[str, tuple[str, ...]]:
    """The line without the `#tag` words at its edges, and every tag on it."""
    masked = mask(line)
    found = _TAG_RE.findall(masked)
    if not found:
        return line, ()
    return _strip_edge_tags(line, masked), tuple(tag[1:] for tag in found)


def _list_marker(line: str) -> tuple[str, int]:
    """A list item's line and the column its text starts at (0: not a list item)."""
    m = _LIST_RE.match(line)
    if not m:
        return line, 0
    if "\t" not in line[: m.end()]:
        return line, m.end()
    # `\t-\tterm`: indentation in columns, one space after the marker
    prefix = line[: m.end()].rstrip(" \t")
    marker = prefix.lstrip(" \t")
    prefix = " " * len(prefix[: len(prefix) - len(marker)].expandtabs(4)) + marker + " "
    return prefix + line[m.end() :], len(prefix)


def _heading_title(text: str) -> str:
    """Heading text with links reduced to their text."""
    if "[" in text:
        text = _LINK_RE.sub(r"\1", text)
        text = _WIKILINK_RE.sub(r"\1", text)
    if "^" in text:
        text = _BLOCK_ID_RE.sub("", text)
    if "#" in text:
        text = _strip_edge_tags(text, mask(text))
    return text.strip()


def _strip_edge_tags(line: str, masked: str) -> str:
    """Drop `#tag` words standing at the start or end of a line (labels, not prose)."""
    if not _TAG_RE.sub("", masked).strip():
        return ""  # a line of tags only
    m = _LEADING_TAGS_RE.match(masked)
    if m:  # after an optional list marker
        keep = m.end(1)
        line, masked = line[:keep] + line[m.end() :], masked[:keep] + masked[m.end() :]
    cut = len(masked.rstrip())
    while True:  # word by word from the end: a regex search here would be quadratic
        space = max(masked.rfind(" ", 0, cut), masked.rfind("\t", 0, cut))
        if space < 0 or not _TAG_RE.fullmatch(masked, space + 1, cut):
            return line[:cut]
        cut = len(masked[:space].rstrip())
