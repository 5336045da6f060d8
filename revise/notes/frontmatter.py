"""Front matter at the top of a note (YAML or TOML): its deck, tags and `revise:` settings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_TOML_KEY_RE = re.compile(r"^\s*(\[[^\]]+\]|[\w.\"'-]+\s*=)", re.MULTILINE)
_SCALARS = (str, int, float)  # never str() a list or mapping: YAML aliases can nest them a billion deep

# Keys that make a `---` block front matter even when it also holds what looks like card syntax.
_KNOWN_KEYS = frozenset((
    "deck", "tags", "tag", "revise", "name", "title", "aliases", "alias", "cssclass", "cssclasses",
    "date", "created", "updated", "modified", "author", "authors", "description", "summary",
    "categories", "category", "keywords", "layout", "draft", "lang", "language", "publish",
    "permalink", "slug", "id", "uid", "type", "status", "source", "url", "sr-due", "sr-interval",
    "sr-ease",
))


@dataclass
class FrontMatter:
    """What a note's front matter says (the defaults when it has none)."""

    deck: str | None = None
    tags: tuple[str, ...] = ()
    implicit: bool = True
    heading_level: int = 0
    end: int = 0  # number of lines it takes at the top of the file
    problem: str | None = None
    known: bool = False  # it sets a key front matter is known for (deck, tags, title, …)
    settings: dict[str, Any] = field(default_factory=dict)  # the `revise:` mapping as written


def _load_yaml(source: str) -> Any:
    import yaml  # imported here: only files with front matter pay for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(source, Loader=loader)


def _load_toml(source: str) -> Any:
    import tomllib

    return tomllib.loads(source)


def read_front_matter(lines: list[str], holds_cards: Callable[[str], bool]) -> FrontMatter:
    """Front matter at the top: YAML or TOML between `---`, TOML between `+++`.

    `holds_cards` tells whether text between two `---` lines makes cards when read as part of the
    note (the parser's own answer: passed in, so this module needs no parser)."""
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return FrontMatter()
    fence = lines[0].rstrip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, min(len(lines), 500)):
        if lines[i].rstrip() in closers:
            source = "\n".join(lines[1:i])
            fm = _interpret_front_matter(source, fence, i + 1)
            if fence == "---" and fm.end and not fm.known and holds_cards(source):
                return FrontMatter()  # `---` rules around cards: `Q: What?` is no YAML key
            return fm
    return FrontMatter()  # never closed: a `---` rule, not front matter


def _interpret_front_matter(source: str, fence: str, end: int) -> FrontMatter:
    data: Any = None
    problem = None
    toml = fence == "+++"
    if not source.strip():
        return FrontMatter(end=end)
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
            return FrontMatter(end=end, problem=problem + "; deck and tags from it are ignored")
        return FrontMatter()  # prose between two `---` rules
    return _front_matter_from(data, end, toml)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _front_matter_from(data: dict[str, Any], end: int, toml: bool) -> FrontMatter:
    deck = data.get("deck", data.get("name") if toml else None)  # `name =`: hashcards' TOML
    settings = data.get("revise")
    settings = settings if isinstance(settings, dict) else {}
    level = settings.get("headings", 0)
    return FrontMatter(
        known=any(str(key).lower() in _KNOWN_KEYS for key in data),
        deck=str(deck).strip() or None if isinstance(deck, _SCALARS) else None,
        tags=_tag_list(data.get("tags", data.get("tag"))),
        implicit=settings.get("implicit", True) is not False,
        heading_level=level if type(level) is int and 1 <= level <= 6 else 0,
        end=end,
        settings=settings,
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
