"""revise.stats.compute: figures from hand-built cards and review logs in a real collection, checked exactly."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from revise.config import Config, Settings
from revise.errors import ReviseError
from revise.stats.compute import streaks
from tests.stats.builders import UTC, NOW, iso, add_card, add_review, stats_of, fsrs_recall, build_cards, review_history, render


def test_empty_collection_has_zero_figures(db):
    stats = stats_of(db)
    data = stats.to_json()
    assert data["cards"] == {"new": 0, "learning": 0, "young": 0, "mature": 0, "suspended": 0,
                             "buried": 0, "leeches": 0, "total": 0}
    assert data["today"] == {"reviews": 0, "again": 0, "new": 0, "seconds": 0.0}
    assert data["streak"] == {"current": 0, "longest": 0}
    assert data["retention"]["7d"] == {"true": None, "predicted": None, "reviews": 0,
                                       "young": {"true": None, "predicted": None, "reviews": 0},
                                       "mature": {"true": None, "predicted": None, "reviews": 0}}
    assert len(data["forecast"]) == 30 and all(day["due"] == 0 for day in data["forecast"])
    assert data["knowledge"] == 0


def test_streaks_function():
    days = {date(2026, 1, d) for d in (1, 2, 3, 5, 6)}
    assert streaks(days, date(2026, 1, 6)) == (2, 3)
    assert streaks(days, date(2026, 1, 7)) == (2, 3)
    assert streaks(days, date(2026, 1, 8)) == (0, 3)
    assert streaks(set(), date(2026, 1, 8)) == (0, 0)


def test_today_counts_reviews_again_new_and_time(db):
    fresh = add_card(db, state="learning", stability=2, due=NOW + timedelta(minutes=10), last_review=NOW)
    old = add_card(db, stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    add_review(db, fresh, NOW - timedelta(hours=2), rating=3, state="new", duration_ms=5000)
    add_review(db, fresh, NOW - timedelta(hours=1), rating=3, state="learning", duration_ms=4000)
    add_review(db, old, NOW - timedelta(minutes=5), rating=1, state="review", stability=10,
               last_review=NOW - timedelta(days=10), due=NOW, duration_ms=6000)
    add_review(db, old, datetime(2026, 3, 18, 3, 59, tzinfo=UTC), rating=1, duration_ms=9000)  # yesterday
    add_review(db, old, NOW - timedelta(minutes=1), rating=1, kind="cram", duration_ms=9000)  # not counted
    today = stats_of(db).to_json()["today"]
    assert today == {"reviews": 3, "again": 1, "new": 1, "seconds": 15.0}


def test_card_counts_due_counts_and_leeches(db):
    build_cards(db)
    stats = stats_of(db)
    assert stats.to_json()["cards"] == {"new": 1, "learning": 2, "young": 2, "mature": 2, "suspended": 1,
                                        "buried": 1, "leeches": 3, "total": 9}
    # learning (5 min ago) and the overdue mature card are due now; relearning in 2 h is later today;
    # tomorrow's study day runs from 03-19 04:00 to 03-20 04:00 and holds both young cards
    assert (stats.due_now, stats.due_later_today, stats.due_tomorrow) == (2, 1, 2)


def test_forecast_puts_overdue_cards_today(db):
    build_cards(db)
    forecast = stats_of(db).forecast
    assert len(forecast) == 30 and forecast[0][0] == date(2026, 3, 18) and forecast[-1][0] == date(2026, 4, 16)
    assert [n for _, n in forecast[:3]] == [3, 2, 0]  # overdue + learning + relearning; both young cards
    assert sum(n for _, n in forecast) == 5  # the card due in 50 days and the suspended one are left out
    longer = stats_of(db, days=60).forecast
    assert len(longer) == 60 and dict(longer)[date(2026, 5, 7)] == 1


def test_knowledge_is_the_sum_of_fsrs_retrievability(db):
    cards = build_cards(db)
    expected = sum(
        fsrs_recall(row["stability"], datetime.fromisoformat(row["last_review"]), NOW)
        for row in db["cards"].rows_where("state != 'new' AND suspended = 0")
    )
    stats = stats_of(db)
    assert stats.knowledge == pytest.approx(expected, rel=1e-12)
    assert stats.studied == 6
    assert len(cards) == 9


def test_hardest_cards_by_lapses_then_recall(db):
    """Only hard cards: a lapse, or recall now below the desired retention of the card's deck."""
    cards = build_cards(db)
    day = timedelta(days=1)
    cards["forgotten"] = add_card(db, stability=10, due=NOW - 10 * day, last_review=NOW - 20 * day, line=7, front="Far?")
    cards["strict"] = add_card(db, deck="strict", stability=10, due=NOW + 4 * day, last_review=NOW - 6 * day)
    cards["lenient"] = add_card(db, stability=10, due=NOW + 4 * day, last_review=NOW - 6 * day)  # 93.1% ≥ 90%
    config = Config(decks=(("strict", Settings(desired_retention=0.95)),))
    hardest = stats_of(db, config=config).hardest
    # most lapses first; then, among cards that never lapsed, the lowest recall first
    assert [card.card_id for card in hardest] == [cards["suspended"], cards["mature overdue"], cards["relearning"],
                                                  cards["forgotten"], cards["strict"]]
    assert [card.lapses for card in hardest] == [9, 8, 1, 0, 0]
    assert [card.retrievability for card in hardest] == pytest.approx([
        fsrs_recall(5, NOW - 6 * day, NOW), fsrs_recall(30, datetime(2026, 2, 8, tzinfo=UTC), NOW), 1.0,
        fsrs_recall(10, NOW - 20 * day, NOW), fsrs_recall(10, NOW - 6 * day, NOW)], rel=1e-12)
    forgotten = hardest[3]
    assert (forgotten.source, forgotten.line, forgotten.front, forgotten.suspended) == ("/notes/course/week1.md", 7, "Far?", False)
    assert [card["card_id"] for card in stats_of(db, config=config).to_json()["hardest"]] == [c.card_id for c in hardest]


def test_no_hard_cards_yet_says_so(db):
    """A first day: studied cards that never lapsed and are all recalled above the desired retention."""
    for _ in range(3):
        add_card(db, state="learning", stability=2, due=NOW + timedelta(minutes=10), last_review=NOW)
    add_card(db, stability=10, due=NOW + timedelta(days=9), last_review=NOW - timedelta(days=1))
    add_card(db, state="new")
    stats = stats_of(db)
    assert stats.hardest == () and stats.to_json()["hardest"] == []
    lines = render(stats, 80)
    assert lines[-2:] == ["Hardest cards", "No hard cards yet: none has lapsed or fallen below the desired retention."]


def test_true_and_predicted_retention_per_window(db):
    review_history(db)
    retention = stats_of(db).to_json()["retention"]
    r = lambda s, elapsed: fsrs_recall(s, NOW - timedelta(days=elapsed), NOW)  # noqa: E731
    assert retention["7d"]["young"] == {"true": 0.5, "predicted": round((r(10, 15) + r(10, 10)) / 2, 4), "reviews": 2}
    assert retention["7d"]["mature"] == {"true": 1.0, "predicted": round(r(30, 40), 4), "reviews": 1}
    assert retention["7d"]["true"] == round(2 / 3, 4) and retention["7d"]["reviews"] == 3
    assert retention["30d"]["young"]["true"] == round(2 / 3, 4)
    assert retention["30d"]["mature"] == {"true": 0.5, "predicted": round((r(30, 40) + r(30, 30)) / 2, 4), "reviews": 2}
    assert retention["365d"]["reviews"] == 7 and retention["365d"]["true"] == round(5 / 7, 4)
    predicted = (r(10, 15) + r(10, 10) + r(30, 40) + r(30, 30) + r(10, 3) + r(10, 12) + r(30, 25)) / 7
    assert retention["365d"]["predicted"] == round(predicted, 4)
    assert stats_of(db).desired_retention == 0.9


def test_undo_removes_a_review_from_the_figures(db):
    card = add_card(db, stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    revlog_id = add_review(db, card, NOW - timedelta(hours=1), rating=1, stability=10,
                           last_review=NOW - timedelta(days=10), due=NOW)
    assert stats_of(db).reviews_today == 1
    db["revlog"].delete(revlog_id)
    assert stats_of(db).reviews_today == 0 and stats_of(db).retention[0].all.reviews == 0


def test_deck_filter_takes_subdecks_and_their_settings(db):
    add_card(db, deck="course::week1", state="new")
    inside = add_card(db, deck="course::week2", stability=5, due=NOW, last_review=NOW - timedelta(days=3))
    outside = add_card(db, deck="courseware", stability=5, due=NOW, last_review=NOW - timedelta(days=3))
    for card, rating in ((inside, 3), (outside, 1), (outside, 1)):
        add_review(db, card, NOW - timedelta(hours=1), rating, "review", 5, NOW - timedelta(days=3), NOW)
    add_review(db, outside, NOW - timedelta(days=1), 3)
    config = Config(decks=(("course", Settings(desired_retention=0.85)),))
    stats = stats_of(db, config=config, deck="course")
    assert stats.cards.total == 2 and [row.deck for row in stats.decks] == ["course::week1", "course::week2"]
    assert stats.desired_retention == 0.85
    assert (stats.reviews_today, stats.again_today, stats.streak_current) == (1, 0, 1)
    assert stats.retention[0].all.true == 1.0 and stats.decks[1].retention.reviews == 1
    everything = stats_of(db, config=config)
    assert (everything.reviews_today, everything.again_today, everything.streak_current) == (3, 2, 2)
    assert everything.cards.total == 3 and everything.desired_retention == 0.9
    with pytest.raises(ReviseError, match="no cards in a deck named 'nope'"):
        stats_of(db, deck="nope")


def test_deck_table_rows(db):
    add_card(db, deck="a", state="new")
    add_card(db, deck="[/]odd [bold]deck", state="new", front="[/] not markup")
    card = add_card(db, deck="b", stability=4, due=NOW, last_review=NOW - timedelta(days=4))
    add_card(db, deck="b", stability=8, due=NOW + timedelta(days=3), last_review=NOW - timedelta(days=4))
    add_review(db, card, NOW - timedelta(days=2), 3, "review", 4, NOW - timedelta(days=6), NOW)
    add_review(db, card, NOW - timedelta(days=40), 1, "review", 4, NOW - timedelta(days=46), NOW)  # too old
    assert "[/]odd [bold]deck" in "\n".join(render(stats_of(db), 80))
    data = [row for row in stats_of(db).to_json()["decks"] if row["deck"] != "[/]odd [bold]deck"]
    assert data == [
        {"deck": "a", "cards": 1, "due": 0, "new": 1, "retention": None, "reviews": 0, "stability": None, "studied": 0},
        {"deck": "b", "cards": 2, "due": 1, "new": 0, "retention": 1.0, "reviews": 1, "stability": 6.0, "studied": 2},
    ]


def test_answers_without_a_previous_schedule_count_in_the_total_only(db):
    card = add_card(db, stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    add_review(db, card, NOW - timedelta(days=1), 3, "review", 10, NOW - timedelta(days=11), NOW - timedelta(days=1))
    db["revlog"].insert({"card_id": card, "reviewed_at": iso(NOW - timedelta(days=2)), "rating": 1,
                         "state": "review", "kind": "review", "previous": None})  # e.g. an imported log
    week = stats_of(db).to_json()["retention"]["7d"]
    assert (week["reviews"], week["true"]) == (2, 0.5)
    assert week["predicted"] == round(fsrs_recall(10, NOW - timedelta(days=11), NOW - timedelta(days=1)), 4)
    assert week["young"]["reviews"] == 1 and week["mature"]["reviews"] == 0


def test_odd_revlog_rows_are_never_refused(db):
    card = add_card(db, stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    bad = [{"reviewed_at": iso(NOW - timedelta(hours=1)), "previous": "not json"},
           {"reviewed_at": "yesterday-ish", "previous": None}]
    for row in bad:
        db["revlog"].insert({"card_id": card, "rating": 1, "state": "review", "kind": "review", **row})
    assert db["revlog"].count == 2
    stats = stats_of(db)
    assert stats.reviews_today == 1 and stats.retention[0].all.reviews == 1
    assert stats.retention[0].all.predicted is None  # nothing known to predict from


def test_a_bogus_ancient_review_breaks_nothing(db):
    card = add_card(db, stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    add_review(db, card, datetime(1900, 1, 1, 12, tzinfo=UTC))  # a bogus clock, say
    add_review(db, card, datetime(2010, 1, 1, 12, tzinfo=UTC))
    add_review(db, card, datetime(2010, 1, 2, 12, tzinfo=UTC))
    stats = stats_of(db)
    assert (stats.streak_current, stats.streak_longest) == (0, 2)


def test_only_the_exact_leech_tag_marks_a_leech(db):
    """Review tags leeches 'leech'; 'Leech' or 'leeches' are the user's own tags."""
    for tags in (["leech"], ["Leech"], ["leeches"], ["LEECH", "x"]):
        add_card(db, stability=5, due=NOW + timedelta(days=3), last_review=NOW - timedelta(days=2), tags=tags)
    assert stats_of(db).cards.leeches == 1

# --- figures the mutation tests showed unpinned ---------------------------------------------

def test_a_buried_review_card_is_due_when_its_burial_ends(db):
    add_card(db, stability=5, due=NOW - timedelta(days=3), last_review=NOW - timedelta(days=8),
             buried_until=datetime(2026, 3, 19, 4, 0, tzinfo=UTC))
    stats = stats_of(db)
    assert (stats.due_now, stats.due_later_today, stats.due_tomorrow) == (0, 0, 1)
    assert [n for _, n in stats.forecast[:3]] == [0, 1, 0] and stats.cards.buried == 1
    assert stats.decks[0].due == 0


def test_a_card_due_this_very_second_is_due_now(db):
    add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    add_card(db, stability=5, due=NOW + timedelta(seconds=1), last_review=NOW - timedelta(days=5))
    stats = stats_of(db)
    assert (stats.due_now, stats.due_later_today) == (1, 1)


def test_mature_from_an_interval_of_exactly_21_days(db):
    last = NOW - timedelta(days=3)
    add_card(db, stability=20, due=last + timedelta(days=21), last_review=last)
    add_card(db, stability=20, due=last + timedelta(days=21, seconds=-1), last_review=last)
    add_card(db, stability=20, due=last + timedelta(days=20), last_review=last)
    assert (stats_of(db).cards.young, stats_of(db).cards.mature) == (2, 1)


def test_deck_retention_counts_reviews_of_retired_cards_as_the_retention_rows_do(db):
    live = add_card(db, deck="b", stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    retired = add_card(db, deck="b", stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    gone = add_card(db, deck="b", stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    for card, rating in ((live, 3), (retired, 1), (gone, 3), (gone, 3)):
        add_review(db, card, NOW - timedelta(days=2), rating, "review", 5, NOW - timedelta(days=7), NOW)
    db.execute("UPDATE cards SET retired = 1 WHERE id = ?", [retired])
    db.execute("UPDATE notes SET retired = 1 WHERE id = (SELECT note_id FROM cards WHERE id = ?)", [gone])
    for deck in (None, "b"):
        stats = stats_of(db, deck=deck)
        assert stats.retention[1].all.reviews == 4 and stats.retention[1].all.true == 0.75
        assert [(row.deck, row.cards, row.retention.reviews, row.retention.true) for row in stats.decks] == [("b", 1, 4, 0.75)]


def test_a_second_connection_reads_the_review_log_only_where_it_sees_the_same(db, tmp_path):
    """read_stats runs the review-log queries on a second connection in a thread, unless that
    connection could not see what `db` sees: the figures are the same either way."""
    from revise import collection

    build_cards(db)
    review_history(db)
    reader = collection.stats_reader(db)
    assert reader is not None and reader.execute("SELECT count(*) FROM revlog").fetchone()[0] == 10
    reader.conn.close()
    threaded = stats_of(db, deck="course").to_json()
    db.conn.execute("UPDATE cards SET lapses = lapses WHERE 0")  # opens a transaction: uncommitted changes
    assert db.conn.in_transaction and collection.stats_reader(db) is None
    assert stats_of(db, deck="course").to_json() == threaded
    db.conn.commit()
    memory = collection.open_collection(":memory:")
    assert collection.stats_reader(memory) is None and stats_of(memory).cards.total == 0

# --- the benchmark's collection --------------------------------------------------------------

def test_the_benchmark_skips_days():
    """bench/bench_stats.py promises skipped days: no review may fall on one."""
    import importlib.util
    import random
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_stats.py"
    spec = importlib.util.spec_from_file_location("bench_stats", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    sim = bench.Simulator(NOW, random.Random(3))
    days = set()
    for card_id in range(300):
        _, rows = sim.card(card_id, card_id % 300)
        for row in rows:  # a study day runs from 06:00 to 02:00 the next night
            days.add((datetime.fromisoformat(row[1]) - sim.first_day - timedelta(hours=4)).days)
    assert len(sim.skipped) > 20 and not days & sim.skipped
    assert len(days) > 300
