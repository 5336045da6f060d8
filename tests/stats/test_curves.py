"""revise.stats.curves: the forgetting curves of the config's weights, deck by deck, and SQLite without pow()."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Card, Scheduler, State

from revise.config import Config, Settings
from revise.errors import ReviseError
from tests.stats.builders import NOW, add_card, add_review, stats_of, fsrs_recall, review_history, steep_parameters


def test_config_parameters_change_the_forgetting_curve(db):
    from fsrs.scheduler import DEFAULT_PARAMETERS

    parameters = (*DEFAULT_PARAMETERS[:20], 0.3)  # a steeper decay than the default 0.1542
    last = NOW - timedelta(days=20)
    add_card(db, stability=7, due=NOW, last_review=last)
    card = Card(state=State.Review, stability=7, difficulty=5.0, last_review=last, due=NOW)
    steep = stats_of(db, config=Config(default=Settings(parameters=parameters))).knowledge
    assert steep == pytest.approx(Scheduler(parameters=parameters).get_card_retrievability(card, NOW), rel=1e-12)
    assert steep != pytest.approx(stats_of(db).knowledge)
    with pytest.raises(ReviseError, match="21 FSRS-6 weights, not 19"):
        stats_of(db, config=Config(default=Settings(parameters=DEFAULT_PARAMETERS[:19])))


def test_predicted_retention_uses_each_decks_own_forgetting_curve(db):
    parameters = steep_parameters()
    config = Config(decks=(("all::steep", Settings(parameters=parameters)),))
    at, last = NOW - timedelta(days=1), NOW - timedelta(days=11)
    for deck in ("all::plain", "all::steep", "all::steep::sub"):
        card = add_card(db, deck=deck, stability=4, due=NOW + timedelta(days=3), last_review=at)
        add_review(db, card, at, 3, "review", 4, last, at)
    plain = fsrs_recall(4, last, at)
    card = Card(state=State.Review, stability=4, difficulty=5.0, last_review=last, due=at)
    steep = Scheduler(parameters=parameters).get_card_retrievability(card, at)
    assert steep < plain - 0.02
    for deck in (None, "all"):
        week = stats_of(db, config=config, deck=deck).retention[0].all
        assert week.predicted == pytest.approx((plain + 2 * steep) / 3, rel=1e-12)
    assert stats_of(db, config=config, deck="all::steep").retention[0].all.predicted == pytest.approx(steep, rel=1e-12)
    assert stats_of(db, config=config, deck="all::plain").retention[0].all.predicted == pytest.approx(plain, rel=1e-12)
    back = Config(decks=(("all::steep", Settings(parameters=parameters)), ("all::steep::sub", Settings())))
    assert stats_of(db, config=back).retention[0].all.predicted == pytest.approx((2 * plain + steep) / 3, rel=1e-12)


def test_the_pow_fallback_gives_the_same_figures(db):
    from revise import collection

    assert (collection.sql_pow(2, 3), collection.sql_pow(None, 1), collection.sql_pow(-8, 1 / 3), collection.sql_pow(10.0, 400)) == (8.0, None, None, None)
    review_history(db)
    expected = stats_of(db).to_json()["retention"]
    db.conn.create_function("pow", 2, collection.sql_pow, deterministic=True)  # shadows SQLite's own pow()
    assert stats_of(db).to_json()["retention"] == expected
    config = Config(decks=(("course", Settings(parameters=steep_parameters())),))
    assert stats_of(db, config=config).retention[2].all.predicted < expected["365d"]["predicted"]
