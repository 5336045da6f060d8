"""Note keys: normalised text, kind, and siblings grouped into notes."""

from __future__ import annotations

from revise.identity import group_notes, normalise, note_key
from tests.identity.helpers import card


def test_normalise_folds_whitespace_and_drops_review_comments_and_block_ids():
    text = "What is  ReLU?\n  :: max(0, z) <!--SR:!2026-01-01,3,250--> ^relu-1\n"
    assert normalise(text) == "What is ReLU? :: max(0, z)"


def test_key_ignores_whitespace_but_not_kind_or_words():
    assert note_key("basic", "a  ::\nb") == note_key("basic", "a :: b")
    assert note_key("basic", "a :: b") != note_key("reversed", "a :: b")
    assert note_key("basic", "a :: b") != note_key("basic", "a :: c")


def test_siblings_share_a_note_and_a_repeated_card_is_a_second_note():
    text = "The {{c1::sigmoid}} maps z into {{c2::(0, 1)}}."
    cloze = [card(f"q{o}", kind="cloze", ord=o, text=text) for o in (1, 2)]
    again = card("q1", kind="cloze", ord=1, text=text, line=9)
    notes = group_notes([*cloze, card("x"), again])
    assert [(n.kind, [c.ord for c in n.cards]) for n in notes] == [("cloze", [1, 2]), ("basic", [0]), ("cloze", [1])]
    assert [n.position for n in notes] == [0, 1, 2]
    assert notes[0].key == notes[2].key
