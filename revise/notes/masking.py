"""Inline masking: spans where card markers must not be seen (code, math, URLs, links, escapes).

They are replaced by NULs of equal length, so positions found in the masked text are positions in
the real text.
"""

from __future__ import annotations

import functools
import re

CODE_AND_MATH = (
    r"(`+)(?:.*?[^`])?\1(?!`)"  # inline code
    r"|\$\$.+?\$\$"  # inline display math
    r"|\$(?=[^\s$])(?:[^$\\\n]|\\.)*?(?<=[^\s\\])\$(?!\d)"  # $math$ (not $5 and $6)
    r"|\\\((?:(?!\\[()]).)*\\\)|\\\[(?:(?!\\[\[\]]).)*\\\]"  # \(math\) and \[math\]
)
_MASK_RE = re.compile(
    CODE_AND_MATH
    + r"|\\\{\{(?:(?!\{\{|\}\}).)*\}\}"  # an escaped cloze: text, and its `::` is no separator
    + r"|\\[{}=:\[\]!#`$\\]",  # escapes: \{{ \== \:: \[ …
    re.DOTALL,
)
_URL_RE = re.compile(r"\b[a-zA-Z][\w+.-]*://[^\s<>)\]]*")
_LINK_RE_MASK = re.compile(r"!?\[[^\[\]\n]*\]\([^()\[\]\n]*\)")  # images and links: never markers


def nul(m: re.Match[str]) -> str:
    """A match's replacement in masked text: as many NULs as it has characters."""
    return "\0" * (m.end() - m.start())


@functools.lru_cache(maxsize=64)  # a cloze note's text is masked up to four times on its way to cards
def mask(text: str) -> str:
    """`text` with code, math, URLs, images, link targets and escapes blanked out (same length)."""
    if "`" in text or "$" in text or "\\" in text:
        text = _MASK_RE.sub(nul, text)
    if "://" in text:
        text = _URL_RE.sub(nul, text)
    if "](" in text:
        text = _LINK_RE_MASK.sub(nul, text)
    return text
