"""Hostile input parses in linear time and shallow recursion: a line of megabytes, thousands of nested list
or quote markers, thousands of unclosed clozes (issue 14, point 4). Bounds are relative to a normal file
of the same size, parsed on the same machine just before, so a slow machine does not fail them."""

from __future__ import annotations

import inspect
import sys
import time
from pathlib import Path

import pytest

from revise.notes import parse

SIZE = 400_000  # characters; a quadratic scan of this takes minutes, a linear one milliseconds
NORMAL = (Path(__file__).resolve().parents[2] / "decks" / "getting-started.md").read_text()

HOSTILE = {
    "a line of 400 kB": "x" * SIZE,
    "a line of words": "word " * (SIZE // 5),
    "nested list items": "".join("  " * i + "- item\n" for i in range(600)),
    "list markers on one line": "- " * (SIZE // 2),
    "quote markers on one line": ">" * SIZE,
    "nested quotes": "".join("> " * i + "q\n" for i in range(600)),
    "unclosed clozes on one line": "{{c1::" * (SIZE // 6),
    "an unclosed cloze per line": "{{c1::a\n" * (SIZE // 8),  # a warning each: that is most of its cost
    "brackets in a C: card": "C: " + "[" * SIZE,
    "highlight markers": "==" * (SIZE // 2),
    "math markers": "$" * SIZE,
    "code markers": "`" * SIZE,
    "separators": ":" * SIZE,
}


def best_time(text: str) -> float:
    """The fastest of three parses of `text` (the others absorb the noise of a shared machine)."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        parse(text, "hostile.md", "hostile")
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.fixture(scope="module")
def normal_time() -> float:
    return best_time((NORMAL * (SIZE // len(NORMAL) + 1))[:SIZE])


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_parses_in_linear_time(name, normal_time):
    # One warning per line makes the worst case about 8 times a normal file's cost; 25 leaves room for noise.
    assert best_time(HOSTILE[name]) < 25 * normal_time + 0.05


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_never_recurses_deeply(name):
    depth = len(inspect.stack(0))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 60)  # the parser's own calls stay well under 60 frames deep
    try:
        parse(HOSTILE[name][:20_000], "hostile.md", "hostile")
    finally:
        sys.setrecursionlimit(limit)
