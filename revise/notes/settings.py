"""Which summary-note kinds are on for a file: front matter's `revise:` keys over a folder's
`revise.toml`, over the defaults (new kinds off in Obsidian vaults, which read only explicit cards)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Each summary kind's key and whether it is on by default. `bold_terms` is the kind revise always had;
# the others came with issue 12. Question bullets and plain `Term: definition` bullets were measured
# too noisy on real notes to be on by default (see docs/cards.md).
KIND_DEFAULTS = {
    "bold_terms": True, "question_headings": True, "bold_questions": True, "colon_lists": True,
    "question_bullets": False, "term_bullets": False,
}
SETTING_KEYS = ("implicit", "headings", *KIND_DEFAULTS)
_NEW_KINDS = frozenset(KIND_DEFAULTS) - {"bold_terms"}


def summary_kinds(folder: Mapping[str, Any], front: Mapping[str, Any], vault: bool = False) -> frozenset[str]:
    """The summary kinds on for a file: each key from its front matter, else its folder's, else the default."""
    merged = {**folder, **front}
    implicit = merged.get("implicit", True) is not False
    on = set()
    for kind, default in KIND_DEFAULTS.items():
        value = merged.get(kind)
        if value is True or (value is None and implicit and default and not (vault and kind in _NEW_KINDS)):
            on.add(kind)
    return frozenset(on)


def heading_level(folder: Mapping[str, Any], front: Mapping[str, Any]) -> int:
    """`headings: N` (front matter over folder): level-N sections are cards; 0 when unset or invalid."""
    level = front.get("headings", folder.get("headings", 0))
    return level if type(level) is int and 1 <= level <= 6 else 0


def setting_problem(key: str, value: Any) -> str | None:
    """What is wrong with one setting of a settings file (None when it is fine)."""
    if key not in SETTING_KEYS:
        return f"unknown setting '{key}' — the settings are: {', '.join(SETTING_KEYS)}"
    if key == "headings":
        if type(value) is not int or not 0 <= value <= 6:
            return f"'headings' must be a heading level from 1 to 6 (0: none), not {value!r}"
    elif type(value) is not bool:
        return f"'{key}' must be true or false, not {value!r}"
    return None
