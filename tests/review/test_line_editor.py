"""Typing an answer: the line editor over a key source."""

from revise.review.line_editor import edited, read_typed_answer
from revise.review.terminal import REDRAW, LineKeys
import io


def keys_of(sequence):
    keys = list(sequence)
    return lambda timeout=None: keys.pop(0)


def test_keys_edit_the_line_and_enter_submits():
    shown, redraws = [], []
    typed = read_typed_answer(keys_of(["t", "a", "x", "\x7f", "n", None, REDRAW, "h", "\n"]), shown.append,
                              lambda: redraws.append(1))
    assert typed == "tanh" and shown[0] == "" and shown[-1] == "tanh" and redraws == [1]


def test_esc_reveals_without_typing_and_empty_enter_is_an_empty_answer():
    assert read_typed_answer(keys_of(["a", "escape"]), print, print) is None
    assert read_typed_answer(keys_of(["\n"]), print, print) == ""


def test_ctrl_u_ctrl_w_and_other_keys():
    assert edited("max of two", "\x17") == "max of "
    assert edited("max of ", "\x17") == "max "
    assert edited("anything", "\x15") == ""
    assert edited("a", "\x1b[A") == "a" and edited("a", "\x01") == "a"  # an arrow, Ctrl-A
    assert edited("", "\x7f") == "" and edited("na", "ï") == "naï"


def test_from_a_pipe_a_line_is_the_whole_answer():
    keys = LineKeys(io.StringIO("max(0, z)\n\x1b\n"))
    assert read_typed_answer(keys, print, print) == "max(0, z)"
    assert read_typed_answer(keys, print, print) is None  # a line holding only Esc
