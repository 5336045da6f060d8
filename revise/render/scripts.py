"""Super- and subscripts in Unicode, derived from character names: x^2 → x², a_i → aᵢ."""

from __future__ import annotations

import unicodedata
from functools import cache

# Unicode blocks holding super/subscript letters and digits that terminal fonts commonly draw:
# Latin-1 Supplement (²), Spacing Modifier Letters (ʲ), Phonetic Extensions and their Supplement
# (ᵢ ᵝ ᶻ), Superscripts and Subscripts (⁻ ₙ), Latin Extended-C (ⱼ). Later additions (ꟲ) are
# left out: few fonts have them, and a missing glyph is worse than x^C.
_SCRIPT_BLOCKS = (
    (0x00A0, 0x0100),
    (0x02B0, 0x0300),
    (0x1D00, 0x1DC0),
    (0x2070, 0x20A0),
    (0x2C60, 0x2C80),
)

_SUPERSCRIPT_NAMES = (
    ("SUPERSCRIPT LATIN SMALL LETTER ", ("LATIN SMALL LETTER ",)),
    ("SUPERSCRIPT ", ("", "DIGIT ")),
    ("MODIFIER LETTER SMALL GREEK ", ("GREEK SMALL LETTER ",)),
    ("MODIFIER LETTER SMALL ", ("LATIN SMALL LETTER ", "GREEK SMALL LETTER ")),
    ("MODIFIER LETTER CAPITAL ", ("LATIN CAPITAL LETTER ",)),
)
_SUBSCRIPT_NAMES = (
    ("LATIN SUBSCRIPT SMALL LETTER ", ("LATIN SMALL LETTER ",)),
    ("GREEK SUBSCRIPT SMALL LETTER ", ("GREEK SMALL LETTER ",)),
    ("SUBSCRIPT ", ("", "DIGIT ")),
)


def _script_forms(naming: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Map characters to their superscript (or subscript) forms, matched by Unicode name.

    "SUPERSCRIPT TWO" is the form of "DIGIT TWO", "MODIFIER LETTER SMALL Z" of "LATIN SMALL
    LETTER Z", "SUBSCRIPT PLUS SIGN" of "PLUS SIGN".
    """
    forms: dict[str, str] = {}
    for start, stop in _SCRIPT_BLOCKS:
        for form in map(chr, range(start, stop)):
            base = _base_character(unicodedata.name(form, ""), naming)
            if base is not None:
                forms.setdefault(base, form)
    if "\N{MINUS SIGN}" in forms:
        forms["-"] = forms["\N{MINUS SIGN}"]  # people type a hyphen for minus
    return forms


def _base_character(name: str, naming: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The character a script form named `name` is a form of, if it is one."""
    for prefix, base_prefixes in naming:
        if name.startswith(prefix):
            rest = name.removeprefix(prefix)
            # "SUPERSCRIPT MINUS" is the form of "MINUS SIGN"
            for candidate in (*(base + rest for base in base_prefixes), rest + " SIGN"):
                try:
                    return unicodedata.lookup(candidate)
                except KeyError:
                    continue
    return None


@cache
def superscripts() -> dict[str, str]:
    """Each character that has a superscript form, mapped to it (built once)."""
    return _script_forms(_SUPERSCRIPT_NAMES)


@cache
def subscripts() -> dict[str, str]:
    """Each character that has a subscript form, mapped to it (built once)."""
    return _script_forms(_SUBSCRIPT_NAMES)


@cache
def script_characters() -> frozenset[str]:
    """Every superscript and subscript form."""
    return frozenset(superscripts().values()) | frozenset(subscripts().values())


def wrapped(text: str) -> bool:
    """True if text is one bracketed group, like (a+b) or [l], whose first bracket closes at the end."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    if len(text) < 2 or text[0] not in pairs or text[-1] != pairs[text[0]]:
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += (char == text[0]) - (char == text[-1])
        if depth == 0:
            return index == len(text) - 1
    return False


def script(text: str, forms: dict[str, str], marker: str) -> str:
    """Superscript/subscript `text` with Unicode forms when all exist, else `^x`, `^[l]`, `^(a+b)`."""
    text = text.strip()
    if not text:
        return ""
    if all(char in forms for char in text):
        return "".join(forms[char] for char in text)
    if len(text) == 1 or wrapped(text):
        return marker + text
    return f"{marker}({text})"
