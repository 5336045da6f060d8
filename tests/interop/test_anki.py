"""Reading packages made by Anki itself, in every format it writes: every note, card, tag, media
file and review arrives in the import model."""

from __future__ import annotations

import pytest

from revise.interop.anki import read_anki_package
from revise.interop.anki_ids import note_id
from revise.interop.markdown import tag_word
from tests.interop.anki_decks import PNG

FORMATS = ["current", "legacy", "colpkg", "fsrs"]


def _cards(deck):
    return {(n.id, c.ord): (n, c) for n in deck.notes for c in n.cards}


@pytest.mark.parametrize("name", FORMATS)
def test_every_card_review_and_suspension_arrives(anki_packages, name):
    path, expected = anki_packages[name]
    cards = _cards(read_anki_package(path))
    assert set(cards) == set(expected)
    for key, want in expected.items():
        note, card = cards[key]
        assert len(card.reviews) == want["reviews"], key
        assert card.suspended == want["suspended"]
        assert sorted(note.tags) == want["tags"]
        if want["due"] is not None:
            assert card.due.timestamp() == want["due"]


@pytest.mark.parametrize("name", FORMATS)
def test_note_types_html_math_media_and_decks(anki_packages, name):
    deck = read_anki_package(anki_packages[name][0])
    kinds = {n.front: n for n in deck.notes}
    assert deck.media == {"pic one.png": PNG}
    basic = kinds["What is the capital of **France**?"]
    assert (basic.kind, basic.deck) == ("basic", "Geo::Europe")
    assert "![](../media/pic%20one.png)" in basic.back  # from Geo/Europe.md, the media folder is beside Geo/
    assert kinds["*der Hund*"].kind == "reversed"
    assert kinds["un chat"].kind == "reversed" and kinds["une souris"].kind == "basic"  # optional reverse
    cloze = next(n for n in deck.notes if n.kind == "cloze")
    assert cloze.front == "{{c1::Euler}} wrote \\(e^{i\\pi} + 1 = 0\\) in {{c2::1748::year}}"
    assert cloze.back == "- one\n- two" and [c.ord for c in cloze.cards] == [1, 2]
    sums = kinds["Sum?"]
    assert sums.back.startswith("\\[\\sum_{k=1}^n k = \\frac{n(n+1)}{2}\\]") and "| a | b |" in sums.back
    assert not deck.warnings


def test_fsrs_memory_state_comes_from_anki(anki_packages):
    with_fsrs = _cards(read_anki_package(anki_packages["fsrs"][0]))
    without = _cards(read_anki_package(anki_packages["current"][0]))
    reviewed = [k for k, (_, c) in with_fsrs.items() if c.reviews]
    assert reviewed and all(with_fsrs[k][1].stability > 0 and with_fsrs[k][1].difficulty for k in reviewed)
    assert all(without[k][1].stability is None for k in without)  # replayed at import instead


def test_review_kinds_and_ratings(anki_packages):
    reviews = [r for _, c in _cards(read_anki_package(anki_packages["current"][0])).values() for r in c.reviews]
    assert [r.rating for r in reviews].count(1) * 2 == [r.rating for r in reviews].count(3)
    assert {r.kind for r in reviews} <= {"learn", "review", "relearn"} and all(r.time.tzinfo for r in reviews)


def test_note_ids_and_tags_are_written_safely():
    assert note_id("abc,D:e") == "anki-abc,D:e"
    assert note_id("a-->b").startswith("anki-x") and note_id("a b").startswith("anki-x")
    assert tag_word("geo::europe") == "geo/europe"


def test_manual_and_rescheduling_entries_are_not_answers():
    from revise.interop.anki_notes import _reviews

    revlog = [(1_700_000_000_000, 7, 3, 5000, 0), (1_700_000_100_000, 7, 1, 0, 2), (1_700_000_200_000, 7, 0, 0, 4),
              (1_700_000_300_000, 7, 4, 0, 5), (1_700_000_400_000, 7, 4, 900, 3)]
    got = _reviews(revlog)[7]
    assert [(r.rating, r.kind, r.duration_ms) for r in got] == [(3, "learn", 5000), (1, "relearn", 0), (4, "filtered", 900)]
