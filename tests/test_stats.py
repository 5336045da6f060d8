"""revise.stats: figures from hand-built review logs in a real collection, checked exactly."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, Scheduler, State
from rich.console import Console

from revise.config import Config, Settings
from revise.errors import ReviseError
from revise.stats import collect_stats, render_stats, streaks
from revise.store import open_collection

UTC = timezone.utc
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # a Wednesday; study days start at 04:00


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@pytest.fixture
def db(tmp_path):
    return open_collection(tmp_path / "collection.db")


def add_card(db, deck="course", state="review", stability=None, due=None, last_review=None, lapses=0,
             suspended=0, buried_until=None, tags=(), source="/notes/course/week1.md", line=1, front="Q?") -> int:
    note_id = db["notes"].insert({
        "key": f"k{db['notes'].count}", "kind": "basic", "text": front, "source": source, "line": line,
        "deck": deck, "tags": json.dumps(list(tags)), "created_at": iso(NOW), "updated_at": iso(NOW),
    }).last_pk
    return db["cards"].insert({
        "note_id": note_id, "ord": 0, "front": front, "back": "A", "state": state, "stability": stability,
        "due": due and iso(due), "last_review": last_review and iso(last_review), "lapses": lapses,
        "suspended": suspended, "buried_until": buried_until and iso(buried_until),
    }).last_pk


def add_review(db, card_id, at, rating=3, state="review", stability=None, last_review=None, due=None,
               duration_ms=1000, kind="review") -> int:
    previous = {"state": state, "step": None, "stability": stability, "difficulty": 5.0,
                "due": due and iso(due), "last_review": last_review and iso(last_review), "reps": 1,
                "lapses": 0, "suspended": 0, "buried_until": None}
    return db["revlog"].insert({
        "card_id": card_id, "reviewed_at": iso(at), "rating": rating, "state": state, "stability": 5.0,
        "difficulty": 5.0, "interval_days": 1.0, "duration_ms": duration_ms, "kind": kind,
        "previous": json.dumps(previous),
    }).last_pk


def stats_of(db, tz=UTC, config=Config(), **kwargs):
    return collect_stats(db, NOW, tz, config, **kwargs)


def fsrs_recall(stability: float, last_review: datetime, at: datetime) -> float:
    """The oracle: py-fsrs's own retrievability."""
    card = Card(state=State.Review, stability=stability, difficulty=5.0, last_review=last_review, due=at)
    return Scheduler().get_card_retrievability(card, at)


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


def test_streak_follows_the_4am_day_start(db):
    card = add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    for moment in ["2026-03-01T10:00", "2026-03-02T10:00", "2026-03-03T23:00", "2026-03-04T03:59:59",
                   "2026-03-16T10:00", "2026-03-17T03:30", "2026-03-17T20:00"]:
        add_review(db, card, datetime.fromisoformat(moment).replace(tzinfo=UTC))
    stats = stats_of(db)
    per_day = dict(stats.heatmap)
    assert per_day[date(2026, 3, 3)] == 2  # 03:59:59 on the 4th still belongs to the 3rd
    assert date(2026, 3, 4) not in {d for d, n in stats.heatmap if n}
    assert per_day[date(2026, 3, 16)] == 2 and per_day[date(2026, 3, 17)] == 1
    assert (stats.streak_current, stats.streak_longest) == (2, 3)  # today not studied yet: ends yesterday

    add_review(db, card, datetime(2026, 3, 18, 4, 0, tzinfo=UTC))  # the first second of today
    assert (stats_of(db).streak_current, stats_of(db).streak_longest) == (3, 3)


def test_streak_in_a_local_time_zone(db):
    new_york = ZoneInfo("America/New_York")  # UTC−4 in mid-March
    card = add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    add_review(db, card, datetime(2026, 3, 16, 20, 0, tzinfo=new_york))
    add_review(db, card, datetime(2026, 3, 17, 3, 30, tzinfo=new_york))  # still the 16th
    add_review(db, card, datetime(2026, 3, 18, 3, 59, tzinfo=new_york))  # the 17th
    stats = stats_of(db, tz=new_york)  # NOW is 08:00 on the 18th in New York
    assert stats.today == date(2026, 3, 18)
    assert {d: n for d, n in stats.heatmap if n} == {date(2026, 3, 16): 2, date(2026, 3, 17): 1}
    assert (stats.streak_current, stats.streak_longest) == (2, 2)
    assert stats.reviews_today == 0


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


def build_cards(db) -> dict[str, int]:
    """One card of each kind, with due dates around the day boundaries."""
    day = timedelta(days=1)
    return {
        "new": add_card(db, state="new"),
        "new buried": add_card(db, state="new", buried_until=datetime(2026, 3, 19, 4, 0, tzinfo=UTC)),
        "learning": add_card(db, state="learning", stability=1, due=NOW - timedelta(minutes=5), last_review=NOW - timedelta(minutes=15)),
        "relearning": add_card(db, state="relearning", stability=2, due=NOW + timedelta(hours=2), last_review=NOW, lapses=1),
        "young": add_card(db, stability=10, due=datetime(2026, 3, 19, 10, 0, tzinfo=UTC), last_review=datetime(2026, 3, 9, 10, 0, tzinfo=UTC)),
        "young late": add_card(db, stability=8, due=datetime(2026, 3, 20, 3, 59, tzinfo=UTC), last_review=datetime(2026, 3, 10, 3, 59, tzinfo=UTC)),
        "mature overdue": add_card(db, stability=30, due=datetime(2026, 3, 10, tzinfo=UTC), last_review=datetime(2026, 2, 8, tzinfo=UTC), lapses=8),
        "mature far": add_card(db, stability=60, due=NOW + 50 * day, last_review=NOW - 20 * day, tags=["leech"], line=7, front="Far?"),
        "suspended": add_card(db, stability=5, due=NOW - day, last_review=NOW - 6 * day, suspended=1, lapses=9),
    }


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
    cards = build_cards(db)
    hardest = stats_of(db).hardest
    assert [card.card_id for card in hardest][:3] == [cards["suspended"], cards["mature overdue"], cards["relearning"]]
    assert len(hardest) == 7  # every studied card, new ones never
    rest = hardest[3:]
    assert [c.retrievability for c in rest] == sorted(c.retrievability for c in rest)
    far = next(c for c in hardest if c.card_id == cards["mature far"])
    assert (far.source, far.line, far.front) == ("/notes/course/week1.md", 7, "Far?")


def review_history(db) -> None:
    """Review-state answers at known ages, plus answers that must not count."""
    card = add_card(db, stability=10, due=NOW + timedelta(days=10), last_review=NOW)
    young = dict(stability=10, interval=10)
    mature = dict(stability=30, interval=30)
    rows = [  # (days ago, rating, kind of card, days since the previous review)
        (1, 3, young, 15), (2, 1, young, 10), (6, 4, mature, 40),  # last 7 days
        (20, 1, mature, 30), (29, 2, young, 3),  # 8 to 30 days ago
        (100, 2, young, 12), (364, 3, mature, 25), (365, 1, mature, 25),  # the last one is too old
    ]
    for days_ago, rating, kind, elapsed in rows:
        at = NOW - timedelta(days=days_ago)
        last = at - timedelta(days=elapsed)
        add_review(db, card, at, rating, "review", kind["stability"], last, last + timedelta(days=kind["interval"]))
    add_review(db, card, NOW - timedelta(days=1), 1, "learning", 1.0, NOW - timedelta(days=2), NOW)
    add_review(db, card, NOW - timedelta(days=1), 1, "review", 10, NOW - timedelta(days=9), NOW, kind="cram")


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


def test_deck_tree_rolls_subdecks_up_into_parents():
    from revise.stats import DeckRow, Retention, deck_tree

    rows = (
        DeckRow("course", 1, 1, 0, Retention(2, 1), 4.0, 1),
        DeckRow("course::week1", 2, 0, 2, Retention(), None, 0),
        DeckRow("course::week2::extra", 3, 2, 0, Retention(2, 2), 10.0, 3),
        DeckRow("history", 4, 0, 4, Retention(), None, 0),
    )
    tree = [(label, row.cards, row.due, row.new, row.retention.true, row.stability) for label, row in deck_tree(rows)]
    assert tree == [
        ("course", 6, 3, 2, 0.75, (4.0 + 3 * 10.0) / 4),
        ("  week1", 2, 0, 2, None, None),
        ("  week2", 3, 2, 0, 1.0, 10.0),
        ("    extra", 3, 2, 0, 1.0, 10.0),
        ("history", 4, 0, 4, None, None),
    ]


def test_heatmap_covers_26_calendar_weeks_ending_today(db):
    stats = stats_of(db)
    first, last = stats.heatmap[0][0], stats.heatmap[-1][0]
    assert first.weekday() == 0 and last == date(2026, 3, 18)
    assert len(stats.heatmap) == 25 * 7 + 3
    assert len(stats_of(db, days=10).heatmap) == 7 + 3  # two weeks


def render(stats, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(render_stats(stats))
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize("width", [80, 60])
def test_screen_fits_the_terminal(db, width):
    build_cards(db)
    review_history(db)
    lines = render(stats_of(db), width)
    assert all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    for heading in ("Today", "Cards", "Decks", "Retention (desired 90.0%)", "Reviews, last 26 weeks",
                    "Forecast, next 30 days", "Hardest cards"):
        assert heading in text
    assert "Mon" in text and "Sun" in text and "less · ░ ▒ ▓ █ more" in text
    assert "week1.md:7" in text


def colour_codes(text: str) -> set[str]:
    """Foreground colour parameters among the SGR escape sequences of `text`."""
    import re

    params = [p for seq in re.findall(r"\x1b\[([0-9;]*)m", text) for p in seq.split(";")]
    return {p for p in params if p.isdigit() and (30 <= int(p) <= 38 or 90 <= int(p) <= 97)}


def test_colour_follows_the_terminal_and_no_color(db, monkeypatch):
    build_cards(db)
    review_history(db)
    stats = stats_of(db)

    def screen() -> str:
        console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="256")
        console.print(render_stats(stats))
        return console.file.getvalue()

    assert colour_codes(screen())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = screen()
    assert not colour_codes(plain)
    assert "░" in plain or "▒" in plain or "█" in plain  # the heatmap still reads without colour


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


def test_answers_without_a_previous_schedule_count_in_the_total_only(db):
    card = add_card(db, stability=10, due=NOW, last_review=NOW - timedelta(days=10))
    add_review(db, card, NOW - timedelta(days=1), 3, "review", 10, NOW - timedelta(days=11), NOW - timedelta(days=1))
    db["revlog"].insert({"card_id": card, "reviewed_at": iso(NOW - timedelta(days=2)), "rating": 1,
                         "state": "review", "kind": "review", "previous": None})  # e.g. an imported log
    week = stats_of(db).to_json()["retention"]["7d"]
    assert (week["reviews"], week["true"]) == (2, 0.5)
    assert week["predicted"] == round(fsrs_recall(10, NOW - timedelta(days=11), NOW - timedelta(days=1)), 4)
    assert week["young"]["reviews"] == 1 and week["mature"]["reviews"] == 0


@pytest.mark.parametrize("width", [80, 60])
def test_a_long_span_is_squeezed_to_fit(db, width):
    build_cards(db)
    review_history(db)
    lines = render(stats_of(db, days=400), width)
    assert all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    assert "weeks that fit the terminal" in text and "a bar is" in text
    assert "Forecast, next 400 days" in text


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
