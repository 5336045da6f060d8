"""Tests for revise.render.text: control characters made inert, text shortened."""

from __future__ import annotations

from revise.render.text import make_inert, shorten


def test_make_inert_keeps_newlines_and_tabs() -> None:
    assert make_inert("a\tb\r\nc\rd") == "a\tb\nc␍d"


def test_shorten_cuts_the_end_or_keeps_it():
    assert shorten("notes/week1.md:12", 20) == "notes/week1.md:12"
    assert shorten("notes/week1.md:12", 10) == "notes/wee…"
    assert shorten("notes/week1.md:12", 10, keep_end=True) == "…ek1.md:12"
    assert shorten("abc", 1, keep_end=True) == "…"
