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
from revise.collection import open_collection

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


@pytest.mark.parametrize("width", [80, 60, 40])
def test_screen_fits_the_terminal_without_cutting_anything(db, width):
    build_cards(db)
    review_history(db)
    lines = render(stats_of(db), width)
    text = "\n".join(lines)
    for heading in ("Today", "Cards", "Decks", "Retention (desired 90.0%)", "Reviews, last 26 weeks",
                    "Forecast, next 30 days", "Hardest cards"):
        assert heading in text
    assert "Mon" in text and "Sun" in text and "less · ░ ▒ ▓ █ more" in text
    assert "week1.md:1 (suspended)" in text
    assert "…" not in text  # short deck names and fronts: an ellipsis would be a figure or a caption cut by rich
    assert "due today (with overdue) 3" in text and "up to 2 a day" in text


@pytest.mark.parametrize("width, title, headings", [
    (80, "revise stats · all decks · Wed 18 Mar 2026", ["Today  Cards  Progress"]),
    (60, "revise stats · all decks · Wed 18 Mar 2026", ["Today  Cards  Progress"]),
    (40, "revise stats · all decks · 18 Mar 2026", ["Today  Cards", "", "Progress"]),
])
def test_title_fits_and_stacked_blocks_are_apart(db, width, title, headings):
    build_cards(db)
    lines = [line.rstrip() for line in render(stats_of(db), width)]
    assert lines[:2] == [title, ""]
    overview = lines[2:lines.index("Decks") - 1]
    # the heading lines of the blocks, and the blank lines between blocks stacked in rows
    shown = [" ".join(line.split()) for line in overview if not line or line.split()[0] in ("Today", "Cards", "Progress")]
    assert shown == [" ".join(h.split()) for h in headings]


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


@pytest.mark.parametrize("width, weeks, per_bar", [(80, 38, 6), (60, 28, 7), (40, 18, 11)])
def test_a_long_span_is_squeezed_to_fit(db, width, weeks, per_bar):
    build_cards(db)
    review_history(db)
    lines = render(stats_of(db, days=400), width)
    text = "\n".join(lines)
    assert f"    only the last {weeks} weeks fit" in lines and f"a bar is {per_bar} days" in lines
    assert "Forecast, next 400 days" in text and "Reviews, last 58 weeks" in text
    assert "…" not in text


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


# --- narrow terminals: exact text ----------------------------------------------------------

from revise.stats import DeckRow, DeckTable, Forecast, Heatmap, Retention, RetentionTable, WindowRetention  # noqa: E402

DECKS = (
    DeckRow("Deep Learning Specialization::1 Neural Networks and Deep Learning", 74, 3, 0, Retention(62, 54), 106.9, 74),
    DeckRow("Deep Learning Specialization::5 Sequence Models", 107, 4, 0, Retention(85, 74), 46.0, 107),
    DeckRow("Getting started with revise", 25, 3, 12, Retention(15, 13), 33.4, 13),
)
WINDOWS = (
    WindowRetention(7, Retention(85, 70, 76.5, 85), Retention(41, 39, 36.8, 41)),
    WindowRetention(30, Retention(520, 456, 460.7, 520), Retention(238, 214, 213.7, 238)),
    WindowRetention(365, Retention(2100, 1831, 1829.1, 2100), Retention(768, 682, 689.0, 768), Retention(3, 1)),
)


def rendered(renderable, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


DECK_TABLES = {
    80: """\
Deck                                    Cards   Due   New   Ret 30d     Stab
────────────────────────────────────────────────────────────────────────────
Deep Learning Specialization              181     7     0     87.1%    70.9d
  1 Neural Networks and Deep Learning      74     3     0     87.1%   106.9d
  5 Sequence Models                       107     4     0     87.1%    46.0d
Getting started with revise                25     3    12     86.7%    33.4d
""",
    60: """\
Deck                    Cards   Due   New   Ret 30d     Stab
────────────────────────────────────────────────────────────
Deep Learning Specia…     181     7     0     87.1%    70.9d
  1 Neural Networks…       74     3     0     87.1%   106.9d
  5 Sequence Models       107     4     0     87.1%    46.0d
Getting started with…      25     3    12     86.7%    33.4d
""",
    40: """\
Deck               Cards   Due   Ret 30d
────────────────────────────────────────
Deep Learning S…     181     7     87.1%
  1 Neural Netw…      74     3     87.1%
  5 Sequence Mo…     107     4     87.1%
Getting started…      25     3     86.7%
""",
}


@pytest.mark.parametrize("width", sorted(DECK_TABLES))
def test_deck_table_drops_columns_and_shortens_names_but_never_cuts_a_figure(width):
    assert rendered(DeckTable(DECKS), width) == DECK_TABLES[width]


RETENTION_ROWS = """\
Last    Reviews    True    FSRS    Young <21d   Mature ≥21d
───────────────────────────────────────────────────────────
7 d         126   86.5%   89.9%   82.4 / 90.0   95.1 / 89.8
30 d        758   88.4%   89.0%   87.7 / 88.6   89.9 / 89.8
365 d     2,871   87.6%   87.8%   87.2 / 87.1   88.8 / 89.7
"""
RETENTION_TABLES = {
    80: RETENTION_ROWS + "Reviews: answers to review-state cards; learning steps are not counted.\n"
                         "True: answers other than Again. FSRS: predicted. Young, Mature: true / FSRS.\n",
    60: RETENTION_ROWS + "Reviews: answers to review-state cards;\nlearning steps are not counted.\n"
                         "True: answers other than Again. FSRS: predicted.\nYoung, Mature: true / FSRS.\n",
    40: """\
Last    Reviews    True    FSRS
───────────────────────────────
7 d         126   86.5%   89.9%
30 d        758   88.4%   89.0%
365 d     2,871   87.6%   87.8%

Last     Young <21d   Mature ≥21d
─────────────────────────────────
7 d     82.4 / 90.0   95.1 / 89.8
30 d    87.7 / 88.6   89.9 / 89.8
365 d   87.2 / 87.1   88.8 / 89.7
Reviews: answers to review-state cards;
learning steps are not counted.
True: answers other than Again.
FSRS: predicted.
Young, Mature: true / FSRS.
""",
}


@pytest.mark.parametrize("width", sorted(RETENTION_TABLES))
def test_retention_table_splits_in_two_when_narrow(width):
    assert rendered(RetentionTable(WINDOWS), width) == RETENTION_TABLES[width]


def test_deck_names_stay_on_one_line_with_their_indentation():
    rows = (DeckRow("a::b::c::a rather long subdeck name", 1, 0, 1, Retention(), None),)
    assert rendered(DeckTable(rows), 40).splitlines()[2:] == [
        "a                     1     0         –",
        "  b                   1     0         –",
        "    c                 1     0         –",
        "      a rather…       1     0         –",
    ]


def heatmap_days(counts: list[int], first=date(2026, 3, 2)) -> tuple[tuple[date, int], ...]:
    return tuple((first + timedelta(days=i), n) for i, n in enumerate(counts))


def test_heatmap_levels_are_quarters_of_the_busiest_day():
    heatmap = Heatmap(heatmap_days([0, 1, 2, 3, 4, 5, 6, 7, 8]))
    assert [heatmap.level(n) for n in range(9)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert Heatmap(heatmap_days([0, 0])).level(0) == 0


def test_heatmap_text_and_a_legend_that_wraps_as_a_whole():
    days = heatmap_days([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 3])  # Mon 2 Mar to Thu 12 Mar, the busiest day 8
    assert rendered(Heatmap(days), 60) == """\
    Mar
Mon · █
    ░ █
Wed ░ ·
    ▒ ▒
Fri ▒
    ▓
Sun ▓
    less · ░ ▒ ▓ █ more   █ up to 8 a day, ░ from 1
"""
    assert rendered(Heatmap(days), 40).splitlines()[-2:] == ["    less · ░ ▒ ▓ █ more", "    █ up to 8 a day, ░ from 1"]


def test_heatmap_keeps_the_latest_weeks_that_fit():
    days = heatmap_days([1] * 7 * 30 + [2])
    assert rendered(Heatmap(days), 40).splitlines()[:4] == [
        "    only the last 18 weeks fit",
        "    Jun       Jul     Aug       Sep",
        "Mon " + "▒ " * 17 + "█",
        "    " + "▒ " * 16 + "▒",
    ]


FORECAST_DAYS = tuple((date(2026, 3, 18) + timedelta(days=i), n) for i, n in enumerate([16, 0, 3, 8, 1, 0, 0, 2, 0, 5]))


def test_forecast_bars_labels_and_summary():
    assert rendered(Forecast(FORECAST_DAYS), 40) == """\
16 █
   █
   █
   █
   █     █
   █     █           ▄
   █   ▄ █           █
 0 █   █ █ ▄     █   █
   today         25 Mar
due today (with overdue) 16
next 7 days 28 · 10 days 35
"""
    assert rendered(Forecast(FORECAST_DAYS), 80).splitlines()[-1] == "due today (with overdue) 16 · next 7 days 28 · 10 days 35"


def test_forecast_bars_round_to_the_nearest_eighth_and_any_card_shows():
    days = tuple((date(2026, 3, 18) + timedelta(days=i), n) for i, n in enumerate([700, 500, 1, 0, 150]))
    assert rendered(Forecast(days), 40) == """\
700 █
    █
    █ ▆
    █ █
    █ █
    █ █
    █ █     ▆
  0 █ █ ▁   █
    today
due today (with overdue) 700
next 5 days 1,351
"""


def test_forecast_date_labels_that_do_not_fit_are_left_out():
    days = tuple((date(2026, 3, 18) + timedelta(days=i), 1) for i in range(30))
    assert rendered(Forecast(days), 36).splitlines()[8] == "  today  25 Mar        8 Apr  15 Apr"
    assert rendered(Forecast(days), 35).splitlines()[8] == "  today  25 Mar        8 Apr"
    assert rendered(Forecast(days), 80).splitlines()[8] == "  today         25 Mar        1 Apr         8 Apr         15 Apr"


def test_an_empty_forecast_is_one_line():
    empty = tuple((date(2026, 3, 18) + timedelta(days=i), 0) for i in range(30))
    assert rendered(Forecast(empty), 80) == "nothing due in the next 30 days\n"
    assert rendered(Forecast(empty[:1]), 80) == "nothing due today\n"


def test_short_spans_read_in_the_singular(db):
    add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=5))
    text = "\n".join(render(stats_of(db, days=1), 80))
    assert "Reviews, this week" in text and "Forecast, today" in text
    assert "due today (with overdue) 1\n" in text + "\n" and "next 7 days" not in text
    text = "\n".join(render(stats_of(db, days=3), 80))
    assert "due today (with overdue) 1 · next 3 days 1\n" in text + "\n"
    text = "\n".join(render(stats_of(db, days=10), 80))
    assert "Reviews, last 2 weeks" in text and "due today (with overdue) 1 · next 7 days 1 · 10 days 1" in text


@pytest.mark.parametrize("days, first", [
    (None, date(2025, 9, 22)), (1, date(2026, 3, 16)), (3, date(2026, 3, 16)), (7, date(2026, 3, 9)),
    (10, date(2026, 3, 9)), (11, date(2026, 3, 2)), (17, date(2026, 3, 2)), (18, date(2026, 2, 23)),
])
def test_days_give_whole_calendar_weeks_holding_at_least_that_many_days(days, first):
    from revise.stats import make_span

    span = make_span(NOW, UTC, Settings(), days)  # NOW is a Wednesday
    assert span.heatmap_start == first and span.forecast_days == (days or 30)


def test_days_7_on_a_tuesday_shows_nine_days_of_heatmap(db):
    tuesday = NOW - timedelta(days=1)
    heatmap = collect_stats(db, tuesday, UTC, Config(), days=7).heatmap
    assert (heatmap[0][0], heatmap[-1][0], len(heatmap)) == (date(2026, 3, 9), date(2026, 3, 17), 9)


# --- user text is inert ----------------------------------------------------------------------

def test_card_text_deck_names_and_paths_cannot_reach_the_terminal(db):
    evil = "What \x1b[31mred\x1b[0m\x1b]0;pwned\x07 is this?"
    card = add_card(db, deck="course::\x1b[2Jweek\x9b1", stability=5, due=NOW, last_review=NOW - timedelta(days=2),
                    lapses=3, front=evil, source="/notes/\x1b[5mweek1.md")
    add_review(db, card, NOW - timedelta(hours=1), 3, "review", 5, NOW - timedelta(days=3), NOW)
    for deck in (None, "course"):
        text = "\n".join(render(stats_of(db, deck=deck), 80))
        assert not any(ch in text for ch in "\x1b\x07\x9b")
        assert "What ␛[31mred␛[0m␛]0;pwned␇ is this?" in text and "␛[5mweek1.md:1" in text and "  ␛[2Jweek<9B>1" in text
    with pytest.raises(ReviseError) as error:
        stats_of(db, deck="nope")
    assert "\x1b" not in str(error.value) and "course::␛[2Jweek<9B>1" in str(error.value)


def test_hardest_cards_show_math_as_review_does(db):
    card = add_card(db, stability=5, due=NOW, last_review=NOW - timedelta(days=2), lapses=4,
                    front="Why add $\\varepsilon$ to $\\sqrt{v}$?")
    add_review(db, card, NOW - timedelta(hours=1), 1, "review", 5, NOW - timedelta(days=3), NOW)
    text = "\n".join(render(stats_of(db), 80))
    assert "Why add ε to √v?" in text and "varepsilon" not in text


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


@pytest.mark.parametrize("now, reviews, expected", [
    # spring forward, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST, so that study day is 23 hours
    (datetime(2026, 3, 30, 10, 0, tzinfo=UTC),
     ["2026-03-28T02:30", "2026-03-28T03:30", "2026-03-29T01:30", "2026-03-29T02:30", "2026-03-30T01:59", "2026-03-30T02:00"],
     {date(2026, 3, 27): 1, date(2026, 3, 28): 2, date(2026, 3, 29): 2, date(2026, 3, 30): 1}),
    # fall back, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET, so that study day is 25 hours
    (datetime(2026, 10, 26, 10, 0, tzinfo=UTC),
     ["2026-10-24T01:30", "2026-10-24T02:30", "2026-10-25T02:30", "2026-10-25T03:00", "2026-10-26T02:59", "2026-10-26T03:00"],
     {date(2026, 10, 23): 1, date(2026, 10, 24): 2, date(2026, 10, 25): 2, date(2026, 10, 26): 1}),
])
def test_study_days_across_a_daylight_saving_change(db, now, reviews, expected):
    berlin = ZoneInfo("Europe/Berlin")
    card = add_card(db, stability=5, due=now, last_review=now - timedelta(days=5))
    for moment in reviews:
        add_review(db, card, datetime.fromisoformat(moment).replace(tzinfo=UTC))
    stats = collect_stats(db, now, berlin, Config())
    assert {d: n for d, n in stats.heatmap if n} == expected
    assert (stats.reviews_today, stats.streak_current, stats.streak_longest) == (1, 4, 4)
    assert [n for _, n in stats.forecast[:2]] == [1, 0]  # due `now`: today, whatever the day's length


# --- retention: retired cards, per-deck curves, SQLite without math functions ----------------

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




def steep_parameters():
    from fsrs.scheduler import DEFAULT_PARAMETERS

    return (*DEFAULT_PARAMETERS[:20], 0.5)  # a much steeper decay than the default 0.1542


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


def test_pow_is_registered_where_sqlite_was_built_without_math_functions():
    import sqlite3

    from revise import collection

    class NoMathConnection:
        """A connection of an SQLite without SQLITE_ENABLE_MATH_FUNCTIONS, as far as pow() goes."""

        registered: list = []

        def execute(self, sql: str):
            raise sqlite3.OperationalError("no such function: pow")

        def create_function(self, name, arguments, function, deterministic=False):
            self.registered.append((name, arguments, function, deterministic))

    connection = NoMathConnection()
    collection.add_missing_functions(connection)
    assert connection.registered == [("pow", 2, collection.sql_pow, True)]
    real = sqlite3.connect(":memory:")
    collection.add_missing_functions(real)
    assert real.execute("SELECT pow(2, 3), pow(2.5, -0.5), pow(NULL, 2)").fetchone() == (8.0, 2.5 ** -0.5, None)


def test_the_pow_fallback_gives_the_same_figures(db):
    from revise import collection

    assert (collection.sql_pow(2, 3), collection.sql_pow(None, 1), collection.sql_pow(-8, 1 / 3), collection.sql_pow(10.0, 400)) == (8.0, None, None, None)
    review_history(db)
    expected = stats_of(db).to_json()["retention"]
    db.conn.create_function("pow", 2, collection.sql_pow, deterministic=True)  # shadows SQLite's own pow()
    assert stats_of(db).to_json()["retention"] == expected
    config = Config(decks=(("course", Settings(parameters=steep_parameters())),))
    assert stats_of(db, config=config).retention[2].all.predicted < expected["365d"]["predicted"]


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
