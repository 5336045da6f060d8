"""Anki guids ↔ our explicit ids: every guid comes back from the id written for it."""

from hypothesis import given, strategies as st

from revise.interop.anki_ids import guid_of, note_id


@given(st.text(min_size=1, max_size=20))
def test_every_guid_comes_back_from_its_id(guid):
    assert guid_of(note_id(guid)) == guid


def test_ids_not_written_from_a_guid_give_none():
    assert guid_of(None) is None and guid_of("text-59b2") is None and guid_of("anki-") is None
    assert guid_of("anki-xyz") == "xyz"  # a guid starting with x, not hex
