"""revise.stats.compute, new cards: the collection hands them over in groups, not a row each; every
figure must count them as one row per card would."""

from __future__ import annotations

from datetime import timedelta

from tests.stats.builders import NOW, add_card, add_review, stats_of


def test_a_deck_of_new_cards_only_has_its_figures(db):
    hour = timedelta(hours=1)
    for _ in range(2):
        add_card(db, deck="fresh", state="new")
    add_card(db, deck="fresh", state="new", suspended=1)
    add_card(db, deck="fresh", state="new", buried_until=NOW + hour)
    add_card(db, deck="fresh", state="new", buried_until=NOW - hour)  # its burial is over: new
    add_card(db, deck="fresh", state="new", tags=["leech"])
    add_card(db, deck="fresh", state="new", lapses=8)  # reset after 8 lapses: still a leech
    add_card(db, deck="other", stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    stats = stats_of(db, deck="fresh")
    assert stats.to_json()["cards"] == {"new": 5, "learning": 0, "young": 0, "mature": 0, "suspended": 1,
                                        "buried": 1, "leeches": 2, "total": 7}
    assert [(row.deck, row.cards, row.due, row.new, row.studied) for row in stats.decks] == [("fresh", 7, 0, 5, 0)]
    assert stats.knowledge == 0 and stats.hardest == () and sum(n for _, n in stats.forecast) == 0
    everything = stats_of(db)
    assert [(row.deck, row.cards, row.new) for row in everything.decks] == [("fresh", 7, 5), ("other", 1, 0)]
    assert everything.cards.total == 8 and everything.cards.young == 1


def test_a_card_reset_to_new_keeps_its_answers_in_its_deck(db):
    day = timedelta(days=1)
    card = add_card(db, deck="a", state="new")
    add_review(db, card, NOW - 2 * day, 3, "review", 5, NOW - 7 * day, NOW)
    add_review(db, card, NOW - day, 1, "review", 5, NOW - 2 * day, NOW)
    for deck in (None, "a"):
        stats = stats_of(db, deck=deck)
        assert [(row.deck, row.retention.reviews, row.retention.true) for row in stats.decks] == [("a", 2, 0.5)]
        assert stats.cards.new == 1 and stats.retention[0].all.reviews == 2
