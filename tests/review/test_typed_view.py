"""The typed answer on screen: exact text at 80 and 20 columns, with and without colour."""

import io

from rich.console import Console

from revise.review.checking import compare
from revise.review.typed_view import TypedComparison, verdict_text


def shown(renderable, width=80, color=False):
    console = Console(file=io.StringIO(), width=width, color_system="standard" if color else None, force_terminal=color)
    console.print(renderable)
    return console.file.getvalue()


def test_wrong_and_missed_characters_are_marked_with_carets():
    result = compare("max(0,x)", "\\max(0, z)")
    assert shown(TypedComparison(result)) == (
        "typed     max(0,x)\n"
        "                ^\n"
        "expected  \\max(0, z)\n"
        "                  ^\n"
    )
    assert shown(verdict_text(result)) == "≈ Close (88% alike). Enter: 2 Hard, or 1–4.\n"


def test_an_exact_answer_shows_only_what_was_typed():
    result = compare("Tanh", "tanh")
    assert shown(TypedComparison(result)) == "typed     Tanh\n"
    assert shown(verdict_text(result)) == "✓ Exact. Enter: 3 Good, or 1–4.\n"
    assert shown(verdict_text(compare("", "tanh"))) == "Nothing typed. Enter: 1 Again, or 1–4.\n"


def test_long_lines_wrap_with_their_carets_under_them():
    result = compare("abcdefghijklmnoX", "abcdefghijklmnop")
    assert shown(TypedComparison(result), width=20).splitlines()[:4] == [
        "typed     abcdefghij", "          klmnoX", "               ^", "expected  abcdefghij",
    ]


def test_colour_marks_wrong_red_and_missed_yellow():
    out = shown(TypedComparison(compare("tahn", "tanh")), color=True)
    assert "\x1b[1;31mn" in out and "\x1b[1;33mn" in out and "\x1b[32mh\x1b[0m" in out  # typed n, missed n, good h
