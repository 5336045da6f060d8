"""Markdown text → parsed cards. Pure: no I/O, no database.

The parser is a line scanner, chosen by measurement (bench/bench_parse.py): on 100k cards in 26 MB
of notes, the whole parse takes a third of the time markdown-it-py needs only to tokenise, and the
line scan costs what merely pulling pyromark's (Rust) event stream into Python costs, while it knows
what CommonMark does not: `$math$`, `==highlights==`, `{{clozes}}`, tags, block ids and hashcards'
`Q:`/`A:` blocks that span paragraphs. It works in two passes:

1. `_scan` classifies every line once: blank, heading, thematic break, opaque (fenced or indented
   code, display math: kept as text but never searched for card syntax) or text. Text lines are
   cleaned on the way: HTML comments (Obsidian's `<!--SR:…-->` too) removed, `^block-id` and
   `<!-- id: … -->` taken out as explicit ids, `#tag` words collected (and dropped when they stand
   at the start or end of a line, where they are labels, not prose).
2. `_Parser` walks the records: hashcards `Q:`/`A:`/`C:` blocks, then paragraph runs (lines between
   blank lines), where it finds `?`/`??` multi-line cards, `::`/`:::` lines, definition lists,
   cloze deletions and bold-term bullets, in that order of precedence.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class ParsedCard:
    """One card found in a note, with where it came from."""

    kind: str  # "basic", "reversed" or "cloze"
    front: str  # Markdown; for a cloze, the text with deletion `ord` hidden as […] or [hint]
    back: str  # Markdown; for a cloze, the full text
    note_text: str  # normalised text of the whole note (cloze in canonical {{cN::…}} form); siblings share it
    ord: int  # 0 forward, 1 reverse, N for cloze number N
    file: str
    line: int  # 1-based first line of the note
    deck: str
    tags: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()  # heading path, outermost first
    explicit_id: str | None = None


@dataclass(frozen=True)
class ParseWarning:
    """A malformed card: reported with file:line, never fatal."""

    file: str
    line: int
    message: str


@dataclass
class ParseResult:
    """Cards and warnings from one file."""

    cards: list[ParsedCard] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Inline masking: spans where card markers must not be seen are replaced by NULs of equal length,
# so positions found in the masked text are positions in the real text.

_CODE_AND_MATH = (
    r"(`+)(?:.*?[^`])?\1(?!`)"  # inline code
    r"|\$\$.+?\$\$"  # inline display math
    r"|\$(?=[^\s$])(?:[^$\\\n]|\\.)*?(?<=[^\s\\])\$(?!\d)"  # $math$ (not $5 and $6)
    r"|\\\((?:(?!\\[()]).)*\\\)|\\\[(?:(?!\\[\[\]]).)*\\\]"  # \(math\) and \[math\]
)
_MASK_RE = re.compile(
    _CODE_AND_MATH
    + r"|\\\{\{(?:(?!\{\{|\}\}).)*\}\}"  # an escaped cloze: text, and its `::` is no separator
    + r"|\\[{}=:\[\]!#`$\\]",  # escapes: \{{ \== \:: \[ …
    re.DOTALL,
)
# The backslashes _escape_in_cloze adds (outside code and math), taken out again for display.
_UNESCAPE_RE = re.compile(_CODE_AND_MATH + r"|\\([:{}])|\\.", re.DOTALL)
_URL_RE = re.compile(r"\b[a-zA-Z][\w+.-]*://[^\s<>)\]]*")
_LINK_RE_MASK = re.compile(r"!?\[[^\[\]\n]*\]\([^()\[\]\n]*\)")  # images and links: never markers


def _nul(m: re.Match[str]) -> str:
    return "\0" * (m.end() - m.start())


def _mask(text: str) -> str:
    """`text` with code, math, URLs, images, link targets and escapes blanked out (same length)."""
    if "`" in text or "$" in text or "\\" in text:
        text = _MASK_RE.sub(_nul, text)
    if "://" in text:
        text = _URL_RE.sub(_nul, text)
    if "](" in text:
        text = _LINK_RE_MASK.sub(_nul, text)
    return text


# ---------------------------------------------------------------------------------------------
# Cloze deletions

_DELETION_RE = re.compile(
    r"\{\{(?:c(\d+)::)?((?:(?!\{\{|\}\}).)*)\}\}"  # {{c1::text}}, {{c1::text::hint}}, {{text}}
    r"|==(?=[^\s=])((?:(?!==)[^\n])*?[^\s=]|[^\s=])==(?!=)",  # ==text== (not `a == b`); may hold math
    re.DOTALL,
)
_CANONICAL_RE = re.compile(r"\{\{c(\d+)::((?:(?!\{\{|\}\}).)*)\}\}", re.DOTALL)
# No pattern here may run past the next opening marker: unclosed markers must not cost O(n²).
_HASHCARDS_DELETION_RE = re.compile(r"(?<![!\\\[\]])\[([^\[\]\n]+)\](?![(\[])")
_BRACE_DELETION_RE = re.compile(r"\{\{(?:c(\d+)::)?((?:(?!\{\{|\}\}).)*)\}\}", re.DOTALL)  # in a `C:` card


class _Deletion(NamedTuple):
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


def _find_deletions(text: str, hashcards: bool = False) -> list[_Deletion]:
    """Every deletion in `text`, in order; brackets too for a hashcards `C:` note."""
    masked = _mask(text)
    found: list[_Deletion] = []
    if hashcards:
        # A `C:` card's `[…]` deletions, and any `{{c1::…}}` or `{{…}}` among them: those are
        # deletions too (blanked first, so a `[…]` inside one is its text). `==…==` stays a highlight.
        if "{{" in masked:
            for m in _BRACE_DELETION_RE.finditer(masked):
                found.append(_brace_deletion(text, m))
            masked = _BRACE_DELETION_RE.sub(_nul, masked)
        for m in _HASHCARDS_DELETION_RE.finditer(masked):
            found.append(_Deletion(m.start(), m.end(), None, text[m.start(1) : m.end(1)], None))
        return sorted(found, key=lambda d: d.start)
    for m in _DELETION_RE.finditer(masked):
        if m.group(3) is not None:
            body = text[m.start(3) : m.end(3)]
            found.append(_Deletion(m.start(), m.end(), None, body, None))
            continue
        found.append(_brace_deletion(text, m))
    return found


def _brace_deletion(text: str, m: re.Match[str]) -> _Deletion:
    """A `{{c1::text::hint}}` or `{{text}}` match (groups 1 and 2) as a deletion."""
    body, hint = _split_hint(text[m.start(2) : m.end(2)], m.group(2))
    number = int(m.group(1)) or None if m.group(1) else None  # c0 counts as unnumbered
    return _Deletion(m.start(), m.end(), number, body, hint)


def _canonical_cloze(text: str, deletions: list[_Deletion]) -> tuple[str, list[int]]:
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


_BRACE_RUN_RE = re.compile(r"\{\{+")


def _escape_in_cloze(text: str) -> str:
    """Backslash-escape `::`, `}` and `{{` inside a deletion so the canonical form reads back the same."""
    if "::" not in text and "}" not in text and "{{" not in text:
        return text
    masked = _mask(text)
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


_Segments = list[tuple[str, int, str, str | None]]  # (text before, number, body, hint)


def _cloze_segments(note_text: str) -> tuple[_Segments, str]:
    """A canonical cloze note cut into deletions, and the text after the last one."""
    masked = _mask(note_text)
    segments: _Segments = []
    pos = 0
    for m in _CANONICAL_RE.finditer(masked):
        body, hint = _split_hint(note_text[m.start(2) : m.end(2)], m.group(2))
        hint = _unescape_in_cloze(hint) if hint is not None else None
        segments.append((note_text[pos : m.start()], int(m.group(1)), _unescape_in_cloze(body), hint))
        pos = m.end()
    return segments, note_text[pos:]


def _front_of(segments: _Segments, tail: str, n: int) -> str:
    parts = []
    for before, number, body, hint in segments:
        shown = body if number != n else f"[{hint}]" if hint else "[…]"
        parts.append(before + shown)
    return "".join(parts) + tail


def _back_of(segments: _Segments, tail: str, n: int, mark: tuple[str, str]) -> str:
    parts = []
    for before, number, body, _hint in segments:
        parts.append(before + (f"{mark[0]}{body}{mark[1]}" if number == n else body))
    return "".join(parts) + tail


def cloze_front(note_text: str, n: int) -> str:
    """The question side of cloze `n`: its deletions hidden as `[…]` (or `[hint]`), others shown."""
    return _front_of(*_cloze_segments(note_text), n)


def cloze_back(note_text: str, n: int, mark: tuple[str, str] = ("", "")) -> str:
    """The answer side of cloze `n`: the full text, its deletions wrapped in `mark`."""
    return _back_of(*_cloze_segments(note_text), n, mark)


# ---------------------------------------------------------------------------------------------
# Front matter

_TOML_KEY_RE = re.compile(r"^\s*(\[[^\]]+\]|[\w.\"'-]+\s*=)", re.MULTILINE)


@dataclass
class _FrontMatter:
    deck: str | None = None
    tags: tuple[str, ...] = ()
    implicit: bool = True
    heading_level: int = 0
    end: int = 0  # number of lines it takes at the top of the file
    problem: str | None = None
    known: bool = False  # it sets a key front matter is known for (deck, tags, title, …)


def _load_yaml(source: str) -> Any:
    import yaml  # imported here: only files with front matter pay for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(source, Loader=loader)


def _load_toml(source: str) -> Any:
    import tomllib

    return tomllib.loads(source)


def _read_front_matter(lines: list[str]) -> _FrontMatter:
    """Front matter at the top: YAML or TOML between `---`, TOML between `+++`."""
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return _FrontMatter()
    fence = lines[0].rstrip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, min(len(lines), 500)):
        if lines[i].rstrip() in closers:
            source = "\n".join(lines[1:i])
            fm = _interpret_front_matter(source, fence, i + 1)
            if fence == "---" and fm.end and not fm.known and _holds_cards(source):
                return _FrontMatter()  # `---` rules around cards: `Q: What?` is no YAML key
            return fm
    return _FrontMatter()  # never closed: a `---` rule, not front matter


# Keys that make a `---` block front matter even when it also holds what looks like card syntax.
_KNOWN_KEYS = frozenset((
    "deck", "tags", "tag", "revise", "name", "title", "aliases", "alias", "cssclass", "cssclasses",
    "date", "created", "updated", "modified", "author", "authors", "description", "summary",
    "categories", "category", "keywords", "layout", "draft", "lang", "language", "publish",
    "permalink", "slug", "id", "uid", "type", "status", "source", "url", "sr-due", "sr-interval",
    "sr-ease",
))


def _holds_cards(source: str) -> bool:
    """Whether text between two `---` lines makes cards when read as part of the note."""
    return bool(_parse(source, "", "", front_matter=False).cards)


def _interpret_front_matter(source: str, fence: str, end: int) -> _FrontMatter:
    data: Any = None
    problem = None
    toml = fence == "+++"
    if not source.strip():
        return _FrontMatter(end=end)
    if not toml:
        try:
            data = _load_yaml(source)
        except Exception as error:  # noqa: BLE001 - any YAML failure: try TOML next
            problem = "front matter is not valid YAML (" + _first_line(error) + ")"
    if not isinstance(data, dict) and (toml or _TOML_KEY_RE.search(source)):
        try:
            data, problem, toml = _load_toml(source), None, True
        except Exception as error:  # noqa: BLE001
            problem = problem or "front matter is not valid TOML (" + _first_line(error) + ")"
    if not isinstance(data, dict):
        if problem:  # it was meant as front matter: skip it, say so
            return _FrontMatter(end=end, problem=problem + "; deck and tags from it are ignored")
        return _FrontMatter()  # prose between two `---` rules
    return _front_matter_from(data, end, toml)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


_SCALARS = (str, int, float)  # never str() a list or mapping: YAML aliases can nest them a billion deep


def _front_matter_from(data: dict[str, Any], end: int, toml: bool) -> _FrontMatter:
    deck = data.get("deck", data.get("name") if toml else None)  # `name =`: hashcards' TOML
    settings = data.get("revise")
    settings = settings if isinstance(settings, dict) else {}
    level = settings.get("headings", 0)
    return _FrontMatter(
        known=any(str(key).lower() in _KNOWN_KEYS for key in data),
        deck=str(deck).strip() or None if isinstance(deck, _SCALARS) else None,
        tags=_tag_list(data.get("tags", data.get("tag"))),
        implicit=settings.get("implicit", True) is not False,
        heading_level=level if type(level) is int and 1 <= level <= 6 else 0,
        end=end,
    )


def tag_name(word: str) -> str:
    """A tag as stored: `#relu` (as written in the notes) and `relu` are the same tag."""
    return word.lstrip("#")


def _tag_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, _SCALARS) else value if isinstance(value, list) else []
    # A tag has no spaces (`#c d` is two tags): `tags: [c d]` is two tags, as `tags: c d` is.
    words = (w for item in items if isinstance(item, _SCALARS) for w in re.split(r"[,\s]+", str(item)))
    tags = (tag_name(word) for word in words)
    return tuple(tag for tag in tags if tag)


# ---------------------------------------------------------------------------------------------
# Line scanning

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
_SPACE_FIXES = str.maketrans({"\u00a0": " ", "\u200b": None, "\u2060": None, "\ufeff": None})

BLANK, TEXT, OPAQUE, HEADING, RULE = range(5)
_SPECIAL_FIRST = frozenset("`~-+*0123456789#_$\\|")


class _Rec(NamedTuple):
    """One classified line. For a heading, `indent` is its level and `text` its title."""

    kind: int
    no: int  # 1-based line number in the original file
    text: str
    indent: int = 0
    content: int = 0  # column where a list item's text starts; 0 when not a list item
    tags: tuple[str, ...] = ()
    block_id: str | None = None


_new = tuple.__new__
_BLANK_LINE = _Rec(BLANK, 0, "")  # shared: nothing needs a blank line's number


def _untab(line: str) -> tuple[int, str]:
    """A line's indentation in columns (tabs stop every 4), and the line indented with spaces."""
    stripped = line.lstrip(" \t")
    head = line[: len(line) - len(stripped)]
    if "\t" not in head:
        return len(head), line
    width = len(head.expandtabs(4))
    return width, " " * width + stripped


def _heading_title(text: str) -> str:
    """Heading text with links reduced to their text."""
    if "[" in text:
        text = _LINK_RE.sub(r"\1", text)
        text = _WIKILINK_RE.sub(r"\1", text)
    if "^" in text:
        text = _BLOCK_ID_RE.sub("", text)
    if "#" in text:
        text = _strip_edge_tags(text, _mask(text))
    return text.strip()


class _Scanner:
    """Turns lines into `_Rec`s, tracking fences, indented code, comments and math blocks."""

    def __init__(self, lines: list[str], first_no: int) -> None:
        self.lines = lines
        self.first_no = first_no
        self.records: list[_Rec] = []
        self.file_tags: list[str] = []

    def scan(self) -> list[_Rec]:
        """Classify every line. One long loop on purpose: it runs once per line of every note, and
        a method call per line would cost a fifth of the whole parse."""
        fence = ""  # the fence that opened the current code block
        math_end = ""  # "$$" or "\\]" while in a display math block
        in_comment = in_indented = in_list = False
        prev_blank = True
        out = self.records
        for i, line in enumerate(self.lines):
            no = self.first_no + i
            if fence:
                out.append(_new(_Rec, (OPAQUE, no, line, 0, 0, (), None)))
                stripped = line.strip()
                if stripped.startswith(fence) and not stripped.strip(fence[0]):
                    fence = ""
                continue
            if math_end:
                out.append(_Rec(OPAQUE, no, line))
                if math_end in line:
                    math_end = ""
                continue
            if in_comment:
                at = line.find("-->")
                if at < 0:
                    continue
                in_comment = False
                line = " " * (at + 3) + line[at + 3 :]
                if not line.strip():
                    continue
            stripped = line.strip()
            if not stripped:
                out.append(_BLANK_LINE)
                prev_blank = True
                continue
            indent, line = (0, line) if line[0] not in " \t" else _untab(line)
            if indent >= 4 and (in_indented or (prev_blank and not in_list)):
                out.append(_Rec(OPAQUE, no, line))
                in_indented = True
                continue
            in_indented = False
            was_blank, prev_blank = prev_blank, False
            first = stripped[0]
            if first not in _SPECIAL_FIRST and "<" not in line and "^" not in line and "#" not in line:
                # the common case, plain text: built without _Rec's slower keyword-aware __new__
                out.append(_new(_Rec, (TEXT, no, line.rstrip(), indent, 0, (), None)))
                if was_blank and not indent:
                    in_list = False
                continue
            if first in "`~-+*0123456789" and indent < 4 + 4 * in_list and (
                "``" in stripped[:14] or "~~" in stripped[:14]
            ):
                m = _FENCE_RE.match(stripped)
                if m and not (m.group(1)[0] == "`" and "`" in stripped[m.end() :]):
                    fence = m.group(1)
                    item = _LIST_RE.match(stripped)
                    in_list = in_list or item is not None
                    # a fence on a bullet line is still a list item: it ends the bullet before it
                    out.append(_Rec(OPAQUE, no, line, indent, indent + item.end() if item else 0))
                    continue
            if first == "#" and indent < 4:
                m = _HEADING_RE.match(line)
                if m:
                    out.append(_Rec(HEADING, no, _heading_title(m.group(2) or ""), len(m.group(1))))
                    in_list = False
                    continue
            if first in "-*_" and indent < 4 and not stripped.replace(first, "").strip(" \t") and (
                _RULE_RE.match(line)
            ):
                out.append(_Rec(RULE, no, line))
                in_list = False
                continue
            if first in "$\\" and (stripped.startswith("$$") and stripped.count("$$") == 1):
                math_end = "$$"
                out.append(_Rec(OPAQUE, no, line))
                continue
            if first == "\\" and stripped.startswith("\\[") and "\\]" not in stripped:
                math_end = "\\]"
                out.append(_Rec(OPAQUE, no, line))
                continue
            if first == "|":  # a table row: context, never a card
                out.append(_Rec(OPAQUE, no, line))
                continue
            if "<!--" in line:
                line, in_comment, block_id = self._strip_comments(line)
            else:
                block_id = None
            rec = self._text_record(line, no, indent, block_id)
            if rec is None:
                prev_blank = was_blank  # a line of only comments, tags or an id is invisible
                continue
            if rec.content:
                in_list = True
            elif was_blank and indent == 0:
                in_list = False
            out.append(rec)
        return out

    @staticmethod
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

    def _text_record(self, line: str, no: int, indent: int, block_id: str | None) -> _Rec | None:
        tags: tuple[str, ...] = ()
        if "^" in line:
            m = _BLOCK_ID_RE.search(line)
            if m:
                block_id = m.group(1)
                line = line[: m.start()]
        if "#" in line:
            masked = _mask(line)
            found = _TAG_RE.findall(masked)
            if found:
                tags = tuple(tag[1:] for tag in found)
                line = _strip_edge_tags(line, masked)
        line = line.rstrip()
        if not line or line.isspace():
            self.file_tags.extend(tags)  # a line of tags labels the whole note
            if block_id and self.records and self.records[-1].kind == TEXT:
                prev = self.records[-1]  # `^id` on the line after a paragraph names it
                self.records[-1] = prev._replace(block_id=prev.block_id or block_id)
            return None
        m = _LIST_RE.match(line) if line.lstrip()[0] in "-+*0123456789" else None
        content = m.end() if m else 0
        if m and "\t" in line[:content]:  # `\t-\tterm`: indentation in columns, one space after
            prefix = line[: m.end()].rstrip(" \t")
            marker = prefix.lstrip(" \t")
            prefix = " " * len(prefix[: len(prefix) - len(marker)].expandtabs(4)) + marker + " "
            line, content = prefix + line[m.end() :], len(prefix)
        return _Rec(TEXT, no, line, indent, content, tags, block_id)


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


# ---------------------------------------------------------------------------------------------
# Card finding

_SINGLE_SEP_RE = re.compile(r":{2,3}")
_CLOZE_SPAN_RE = re.compile(r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{\{c\d+::")  # a cloze's `::` is not a separator
_MULTI_SEPS = frozenset(("?", "??"))  # a line of only this splits question from answer
_BOLD_TERM_RE = re.compile(
    r"(\*\*|__)(?P<term>(?:(?!\1).)+?)\1[ \t]*(?:[:—–]|[ \t]-(?=[ \t]))[ \t]*(?P<def>.*)$"
    r"|(\*\*|__)(?P<term2>(?:(?!\4).)+?)[ \t]*:[ \t]*\4[ \t]*(?P<def2>.*)$"
)
_DEF_LINE_RE = re.compile(r" {0,3}:[ \t]+(?=\S)")
_CLOZE_HINTS = ("{{", "==")
_MAX_SUB_LINES = 12  # sub-bullet lines that join a bold term's answer; more become "…"
_CLOZE_BUDGET = 1_000_000  # characters of card text one cloze note may produce (cards × note length)
_SEPARATOR_LINE_RE = re.compile(r"^[ \t]*(?:\?\??[ \t]*$|:[ \t])", re.MULTILINE)


def _may_hold_card(text: str) -> bool:
    """A quick test that rules out most prose: every card needs one of these markers."""
    if "::" in text or "==" in text or "{{" in text or "**" in text or "__" in text:
        return True
    return ("?" in text or ":" in text) and _SEPARATOR_LINE_RE.search(text) is not None


def _dedent(lines: list[str]) -> str:
    """Lines joined with their common indentation removed and blank edges trimmed."""
    if len(lines) == 1:
        return lines[0].strip()
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(widths)
    return "\n".join(line[cut:] for line in lines)


_QUOTE_RE = re.compile(r"^(?:>[ \t]?)+(?:\[![^\]]*\][+-]?[ \t]*)?")  # `> ` and callout `> [!note]`


def _item_text(rec: _Rec) -> str:
    """A record's text without its list marker and indentation."""
    if rec.content:
        return rec.text[rec.content :].strip()
    text = rec.text.strip()
    return _QUOTE_RE.sub("", text) if text[:1] == ">" else text


def _find_single_separator(text: str) -> tuple[int, int] | None:
    """Position and length of the first `::`/`:::` not in code, math, a URL or a cloze."""
    masked = _mask(text)
    if "{{" in masked:
        masked = _CLOZE_SPAN_RE.sub(_nul, masked)
    m = _SINGLE_SEP_RE.search(masked)
    if not m:
        return None
    return m.start(), min(m.end() - m.start(), 3)


class _Parser:
    """Finds cards in scanned records."""

    def __init__(self, file: str, deck: str, fm: _FrontMatter, file_tags: tuple[str, ...]) -> None:
        self.file = file
        self.deck = deck
        self.fm = fm
        self.base_tags = tuple(fm.tags) + tuple(file_tags)
        self.cards: list[ParsedCard] = []
        self.warnings: list[ParseWarning] = []
        self.headings: list[tuple[int, str]] = []  # (level, title)
        self.path: tuple[str, ...] = ()
        self.nested = False  # whether a paragraph held nested cloze deletions (a broken cloze card)

    # -- output ---------------------------------------------------------------------------------

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(self.file, line, message))

    def add(self, kind: str, front: str, back: str, note: str, ord: int, recs: list[_Rec]) -> None:
        tags = self.base_tags
        block_id = None
        for rec in recs:  # a card's own lines only; its id is the last one, at the card's end
            if rec.tags:
                tags = _unique(tags + rec.tags)
            block_id = rec.block_id or block_id
        self.cards.append(
            ParsedCard(kind, front, back, note, ord, self.file, recs[0].no, self.deck,
                       tags, self.path, block_id)
        )

    def add_basic(self, front: str, back: str, recs: list[_Rec], reversed_: bool = False) -> None:
        if reversed_:
            note = f"{front}\n??\n{back}"
            self.add("reversed", front, back, note, 0, recs)
            self.add("reversed", back, front, note, 1, recs)
        else:
            self.add("basic", front, back, f"{front}\n?\n{back}", 0, recs)

    def add_cloze(self, text: str, recs: list[_Rec], hashcards: bool = False) -> bool:
        """Cards for every deletion in `text`; False when it has none."""
        deletions = _find_deletions(text, hashcards)
        if hashcards and any(b.start < a.end for a, b in zip(deletions, deletions[1:])):
            return self._nested(_mask(text), deletions[1].start, recs)  # `[a {{c1::b}}]`
        if text.count("{{") > sum(text.startswith("{{", d.start) for d in deletions) and (
            self._check_markers(text, deletions, recs)
        ):
            return True  # nested deletions: any card made from them would be wrong
        kept = [d for d in deletions if d.text.strip()]
        if len(kept) < len(deletions):
            self.warn(recs[0].no, "empty cloze deletion ignored")
        if not kept:
            return False
        note, numbers = _canonical_cloze(text, deletions)
        most = max(1, _CLOZE_BUDGET // len(note))
        if len(numbers) > most:  # each card repeats the whole note: bound the total size
            self.warn(recs[0].no, f"{len(numbers)} cloze deletions in one note: only the first "
                      f"{most} become cards; split the paragraph")
            numbers = numbers[:most]
        segments, tail = _cloze_segments(note)
        if len(segments) != len(kept):  # a safety net: a card that hides nothing is no card
            self.warn(recs[0].no, "a '\\{' next to a cloze marker makes these deletions impossible to tell "
                      "apart: no card from this paragraph; put a space after the '\\{'")
            return True
        back = _back_of(segments, tail, 0, ("", ""))
        for n in numbers:
            self.add("cloze", _front_of(segments, tail, n), back, note, n, recs)
        return True

    def _check_markers(self, text: str, deletions: list[_Deletion], recs: list[_Rec]) -> bool:
        """Warn of a `{{` left unclosed; True (with a warning) when deletions are nested."""
        masked, parts, pos = _mask(text), [], 0
        for d in deletions:
            body = masked[d.start + 2 : d.end - 2]
            if masked[d.start] == "=" and "{{" in body and "}}" in body[body.find("{{"):]:
                return self._nested(masked, d.start, recs)  # `==a {{c1::b}} c==`
            parts.append(masked[pos : d.start] + "\0" * (d.end - d.start))
            pos = d.end
        left = "".join(parts) + masked[pos:]
        at = left.find("{{")
        while at >= 0:  # each `{{` left over is unclosed, or closed after a deletion: nested
            close = left.find("}}", at)
            if close < 0:
                self.warn(self._line_at(masked, at, recs), "unclosed cloze: '{{' without '}}'")
                return False
            if any(at < d.start and d.end <= close for d in deletions):
                return self._nested(masked, at, recs)  # Anki's `{{c1::a {{c2::b}} }}`
            at = left.find("{{", close)
        return False

    def _nested(self, masked: str, at: int, recs: list[_Rec]) -> bool:
        self.nested = True
        self.warn(self._line_at(masked, at, recs),
                  "nested cloze deletions are not supported: no card from this paragraph; "
                  "put the deletions side by side")
        return True

    @staticmethod
    def _line_at(text: str, at: int, recs: list[_Rec]) -> int:
        offset = text.count("\n", 0, at)
        return recs[offset].no if offset < len(recs) else recs[0].no

    # -- walking --------------------------------------------------------------------------------

    def run(self, records: list[_Rec]) -> None:
        i, n = 0, len(records)
        run: list[_Rec] = []
        section: list[_Rec] | None = None
        while i < n:
            rec = records[i]
            if rec.text[1:2] == ":" and rec.kind == TEXT and rec.text[0] in "QCA" and not rec.indent:
                if run:
                    self.paragraph(run)
                    run = []
                end = self.hashcards_block(records, i)
                if section is not None:
                    section.extend(records[i:end])
                i = end
                continue
            if rec.kind in (BLANK, HEADING, RULE):
                if run:
                    self.paragraph(run)
                    run = []
                if rec.kind == HEADING:
                    section = self.heading(rec, section)
                    i += 1
                    continue
            else:
                run.append(rec)
            if section is not None:
                section.append(rec)
            i += 1
        self.paragraph(run)
        if section is not None:
            self.section_card(section)

    def heading(self, rec: _Rec, section: list[_Rec] | None) -> list[_Rec] | None:
        level = self.fm.heading_level
        if section is not None and rec.indent <= level:
            self.section_card(section)
            section = None
        self.headings = [(lv, t) for lv, t in self.headings if lv < rec.indent]
        if level and rec.indent == level and rec.text:
            section = [rec]
        elif section is not None:
            section.append(rec._replace(kind=TEXT, text="#" * rec.indent + " " + rec.text))
        if rec.text:
            self.headings.append((rec.indent, rec.text))
        self.path = tuple(t for _, t in self.headings)
        return section

    def section_card(self, section: list[_Rec]) -> None:
        """`revise: {headings: N}`: a level-N heading → its section's body."""
        head, body = section[0], section[1:]
        back = _dedent([rec.text for rec in body if rec.kind != RULE])
        if back:  # the parents are the card's heading path, shown above it as context
            saved, self.path = self.path, tuple(t for lv, t in self.headings if lv < head.indent)
            self.add_basic(head.text, back, [head._replace(tags=())])
            self.path = saved

    # -- hashcards Q:/A:/C: ------------------------------------------------------------------------

    def hashcards_block(self, records: list[_Rec], start: int) -> int:
        """Read one `Q:`/`A:` or `C:` block starting at `start`; return the index after it.

        A part may run over several paragraphs, but once it has text it ends before a paragraph
        that makes a card of its own: later cards must not vanish into an answer."""
        first = records[start]
        if first.text.startswith("A:"):
            self.warn(first.no, "'A:' without a 'Q:' before it")
            return start + 1
        i = start + 1
        answer_at = -1
        has_text = bool(first.text[2:].strip())  # whether the current part holds anything yet
        after_blank = False
        while i < len(records):
            rec = records[i]
            if rec.kind in (HEADING, RULE):
                break
            if rec.kind == BLANK:
                after_blank = True
                i += 1
                continue
            if rec.kind == TEXT and rec.indent == 0:
                head = rec.text[:2]
                if head in ("Q:", "C:"):
                    break
                if head == "A:" and first.text.startswith("Q:"):
                    if answer_at >= 0:
                        self.warn(rec.no, "a second 'A:' for the same 'Q:' (it joins the answer)")
                    else:
                        answer_at, has_text, after_blank = i, bool(rec.text[2:].strip()), False
                        i += 1
                        continue
            if after_blank and has_text and self._starts_card(records, i):
                break
            has_text, after_blank = True, False
            i += 1
        block = records[start:i]
        if first.text.startswith("C:"):
            self.hashcards_cloze(block)
        else:
            self.hashcards_basic(block, answer_at - start if answer_at >= 0 else -1)
        return i

    def _starts_card(self, records: list[_Rec], start: int) -> bool:
        """Whether the paragraph at `start` makes a card of its own (parsed apart, then dropped)."""
        end = start
        while end < len(records) and records[end].kind not in (BLANK, HEADING, RULE):
            rec = records[end]
            if end > start and rec.kind == TEXT and not rec.indent and rec.text[:2] in ("Q:", "C:", "A:"):
                break
            end += 1
        run = records[start:end]
        if not _may_hold_card("\n".join([r.text for r in run if r.kind == TEXT])):
            return False  # prose, lists and code: the common case, decided without a trial parse
        probe = _Parser(self.file, self.deck, self.fm, ())
        probe.paragraph(run)
        return bool(probe.cards) or probe.nested  # a broken cloze too: it gets its own warning

    def hashcards_basic(self, block: list[_Rec], split: int) -> None:
        if split < 0:
            self.warn(block[0].no, "'Q:' without an 'A:' after it")
            return
        question = _dedent([block[0].text[2:].lstrip()] + [r.text for r in block[1:split]])
        answer = _dedent([block[split].text[2:].lstrip()] + [r.text for r in block[split + 1 :]])
        if not question:
            self.warn(block[0].no, "'Q:' with no question")
        elif not answer:
            self.warn(block[split].no, "'A:' with no answer")
        else:
            self.add_basic(question, answer, block)

    def hashcards_cloze(self, block: list[_Rec]) -> None:
        text = _dedent([block[0].text[2:].lstrip()] + [r.text for r in block[1:]])
        if not self.add_cloze(text, block, hashcards=True):
            self.warn(block[0].no, "'C:' without any [deletion]")

    # -- paragraph runs -------------------------------------------------------------------------

    def paragraph(self, run: list[_Rec]) -> None:
        """Cards in one run of non-blank lines."""
        if not run or not _may_hold_card("\n".join([r.text for r in run if r.kind == TEXT])):
            return  # plain prose, lists or code: nothing can be a card (the common case)
        for k, rec in enumerate(run):
            if rec.kind == TEXT and not rec.content and rec.text.strip() in _MULTI_SEPS:
                self.multiline(run, k)
                return
        rest: list[_Rec] = []
        for rec in run:
            if rec.kind == TEXT and "::" in rec.text and self.single_line(rec):
                self.units(rest)
                rest = []
            else:
                rest.append(rec)
        self.units(rest)

    def multiline(self, run: list[_Rec], k: int) -> None:
        sep = run[k].text.strip()
        question = _dedent([r.text for r in run[:k]])
        answer = _dedent([r.text for r in run[k + 1 :]])
        if not answer:
            self.warn(run[k].no, f"'{sep}' with no answer after it")
        elif not question:
            self.warn(run[k].no, f"'{sep}' with no question before it")
        else:
            self.add_basic(question, answer, run, reversed_=sep == "??")

    def single_line(self, rec: _Rec) -> bool:
        """A `front :: back` or `front ::: back` line; False when `::` is not a separator here."""
        text = _item_text(rec)
        found = _find_single_separator(text)
        if found is None:
            return False
        at, width = found
        front, back = text[:at].strip(), text[at + width :].strip()
        if not front or not back:
            side = "before" if not front else "after"
            self.warn(rec.no, f"'{':' * width}' with nothing {side} it")
            return True
        self.add_basic(front, back, [rec], reversed_=width == 3)
        return True

    def units(self, run: list[_Rec]) -> None:
        """Split a run into paragraph text and list items, and find cards in each."""
        if not run:
            return
        items: list[list[_Rec]] = []
        for rec in run:
            if rec.content or not items:
                items.append([rec])
            else:
                items[-1].append(rec)
        for k, item in enumerate(items):
            if item[0].content:
                self.list_item(item, self._children(items, k))
            else:
                self.prose(item)

    @staticmethod
    def _children(items: list[list[_Rec]], k: int) -> list[_Rec]:
        indent = items[k][0].indent
        children: list[_Rec] = []
        for j in range(k + 1, len(items)):  # not a slice: a long list would make this quadratic
            if items[j][0].content and items[j][0].indent <= indent:
                break
            children.extend(items[j])
            if len(children) > _MAX_SUB_LINES:
                break
        return children

    def prose(self, recs: list[_Rec]) -> None:
        lines = [r.text for r in recs]
        if len(lines) >= 2 and any(_DEF_LINE_RE.match(t) for t in lines[1:]):
            if self.definitions(recs):
                return
        text = "\n".join(lines)
        if "{{" not in text and "==" not in text:
            return
        if len(recs) > 1 and len(text) * (text.count("{{") + text.count("==") // 2) > _CLOZE_BUDGET:
            for rec in recs:  # a huge paragraph full of deletions: one note per line instead
                self.maybe_cloze([rec], rec.text.strip())
            return
        self.maybe_cloze(recs, _dedent(lines))

    def definitions(self, recs: list[_Rec]) -> bool:
        """`Term` then `: definition` lines (definition lists); True when any card came out."""
        made = False
        k = 0
        while k < len(recs):
            j = k + 1
            while j < len(recs) and recs[j].kind == TEXT and _DEF_LINE_RE.match(recs[j].text):
                j += 1
            if j > k + 1 and recs[k].kind == TEXT and not _DEF_LINE_RE.match(recs[k].text):
                term = recs[k].text.strip()
                defs = [_DEF_LINE_RE.sub("", recs[x].text, count=1).strip() for x in range(k + 1, j)]
                self.add_basic(term, "\n".join(defs), recs[k:j])
                made = True
                k = j
            else:
                k += 1
        return made

    def list_item(self, item: list[_Rec], children: list[_Rec]) -> None:
        own = [_item_text(item[0])]
        if len(item) > 1:  # continuation lines (code under the bullet keeps its indentation)
            own.append(_dedent([r.text for r in item[1:]]))
        text = "\n".join(own)
        if self.maybe_cloze(item, text):
            return
        if not self.fm.implicit or item[0].kind != TEXT:
            return
        m = _BOLD_TERM_RE.match(own[0])
        if not m:
            return
        term = (m.group("term") or m.group("term2")).strip()
        definition = "\n".join([(m.group("def") or m.group("def2") or "").strip()] + own[1:]).strip()
        if not term or not definition:
            return  # `- **Term**:` heading a list of sub-bullets: not a card
        if children:  # sub-bullets explain the term: they join the answer, up to a point
            definition += "\n" + _dedent([r.text for r in children[:_MAX_SUB_LINES]])
            if len(children) > _MAX_SUB_LINES:
                definition += "\n…"
        self.add_basic(term, definition, item)

    def maybe_cloze(self, recs: list[_Rec], text: str) -> bool:
        if not any(hint in text for hint in _CLOZE_HINTS):
            return False
        if all(r.kind != TEXT for r in recs):
            return False
        return self.add_cloze(text, recs)


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00a0" in text or "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        text = text.translate(_SPACE_FIXES)
    return text


def _dedupe(cards: list[ParsedCard], warn: Any) -> list[ParsedCard]:
    """Drop a card repeated in the same file (hashcards does the same), with a warning."""
    seen: dict[tuple[str, str, int], int] = {}
    warned: set[tuple[str, str, int]] = set()
    kept: list[ParsedCard] = []
    for card in cards:
        key = (card.kind, card.note_text, card.ord)
        if key not in seen:
            seen[key] = card.line
            kept.append(card)
        elif (card.kind, card.note_text, card.line) not in warned:  # one warning per repeated note
            warned.add((card.kind, card.note_text, card.line))
            warn(card.line, f"duplicate card ignored (same as line {seen[key]})")
    return kept


def parse(text: str, file: str, default_deck: str, only_tagged: tuple[str, ...] = ()) -> ParseResult:
    """Parse one Markdown file's text into cards and warnings (none unless it carries one of `only_tagged`)."""
    # The scan makes one small tuple per line, none of them in a reference cycle; pausing the
    # cyclic garbage collector meanwhile saves a third of the time on a large folder.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, file, default_deck, only_tagged=only_tagged)
    finally:
        if paused:
            gc.enable()


def _parse(
    text: str, file: str, default_deck: str, front_matter: bool = True, only_tagged: tuple[str, ...] = ()
) -> ParseResult:
    lines = _normalise_newlines(text).split("\n")
    fm = _read_front_matter(lines) if front_matter else _FrontMatter()
    scanner = _Scanner(lines[fm.end :], fm.end + 1)
    records = scanner.scan()
    if only_tagged and not _carries_tag(fm, scanner, records, only_tagged):
        return ParseResult()  # an Obsidian note not tagged for flashcards: the plugin skips it too
    parser = _Parser(file, fm.deck or default_deck, fm, _unique(tuple(scanner.file_tags)))
    if fm.problem:
        parser.warn(1, fm.problem)
    parser.run(records)
    # Section cards are made when their section ends, and a list's bold-term bullets after its
    # other cards: put them all in file order, the order new cards are learned in (a stable sort
    # keeps siblings in ord order, and costs next to nothing on cards already in order).
    parser.cards.sort(key=lambda card: card.line)
    cards = _dedupe(parser.cards, parser.warn)
    _warn_repeated_ids(cards, parser.warn)
    return ParseResult(cards, sorted(parser.warnings, key=lambda w: w.line))


def _carries_tag(fm: _FrontMatter, scanner: _Scanner, records: list[_Rec], wanted: tuple[str, ...]) -> bool:
    """Whether the note has one of the `wanted` tags (or a subtag: `flashcards/bio`), anywhere in it."""
    wanted = tuple(w.lstrip("#").casefold() for w in wanted)
    tags = [*fm.tags, *scanner.file_tags, *(t for rec in records if rec.tags for t in rec.tags)]
    return any(t == w or t.startswith(w + "/") for t in map(str.casefold, tags) for w in wanted)


def _warn_repeated_ids(cards: list[ParsedCard], warn: Any) -> None:
    """An explicit id names one note: a second note with it gets a warning (the id matches only one)."""
    first: dict[str, tuple[str, int]] = {}
    warned: set[tuple[str, str]] = set()
    for card in cards:
        if card.explicit_id is None:
            continue
        seen = first.setdefault(card.explicit_id, (card.note_text, card.line))
        if seen[0] != card.note_text and (card.explicit_id, card.note_text) not in warned:  # siblings share it
            warned.add((card.explicit_id, card.note_text))
            warn(card.line, f"id '{card.explicit_id}' is also used at line {seen[1]}: give each card its own id")


def _unique(tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tags))
