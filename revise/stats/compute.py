"""Computing the figures: the rows `collection.read_stats` returns, `now`, the time zone and the
settings → `Stats`. Pure apart from `collect_stats`, which makes the one read."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from revise.config import Config
from revise.errors import ReviseError
from revise.scheduling.timing import time_spent
from revise.stats.curves import DeckCurves, curve_overrides, fsrs_curve, main_settings, recall_now
from revise.stats.figures import (HARDEST, MAX_DAYS, RETENTION_WINDOWS, CardCounts, DeckRow, HardCard,
                                  Retention, Stats, WindowRetention)
from revise.stats.span import Span, make_span
from revise.stats.text import one_line

if TYPE_CHECKING:
    from revise.collection import StatsQuery, StatsRows


def collect_stats(db, now: datetime, tz: tzinfo | None, config: Config, deck: str | None = None, days: int | None = None) -> Stats:
    """Read and compute the stats of the collection `db` at `now` (tz None: the system's zone)."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ReviseError(f"--days must be from 1 to {MAX_DAYS} (100 years), not {days}.")
    import gc

    from revise import collection

    span = make_span(now, tz, main_settings(config, deck), days)
    collecting = gc.isenabled()
    gc.disable()  # the 100k row tuples hold no cycles, yet each full collection would walk them all
    try:
        rows = collection.read_stats(db, _query(span, config, deck))
        if deck is not None and not rows.cards and not rows.new_cards:
            known = ", ".join(map(one_line, rows.deck_names[:10])) or "none yet (run revise import)"
            raise ReviseError(f"no cards in a deck named '{one_line(deck)}'. Decks: {known}.")
        return compute_stats(rows, span, config, deck)
    finally:
        if collecting:
            gc.enable()


def _query(span: Span, config: Config, deck: str | None) -> StatsQuery:
    """What to read for `span`: its instants, the forgetting curves, and how to choose the hardest cards."""
    from revise.collection import StatsQuery

    return StatsQuery(
        deck=deck, today=span.today_range(), windows=span.window_pieces(),
        curve=fsrs_curve(main_settings(config, deck)), deck_curves=tuple(curve_overrides(config, deck)),
        recent_start=span.recent_start(), heatmap_days=span.heatmap_days(), history_days=span.history_days,
        hardest=lambda cards: [row[0] for row in hardest_rows(cards, span, config)],
        tally=lambda cards, new_cards: _tally_cards(cards, new_cards, span, config),
    )


def compute_stats(rows: StatsRows, span: Span, config: Config, deck: str | None = None) -> Stats:
    """Turn the rows read for `span` (with the tally `_query` had made of their cards) into `Stats`."""
    tally = rows.tally
    reviewed = {date.fromisoformat(day) for day in (*rows.days_reviewed_before, *rows.reviews_per_day)}
    current, longest = streaks(reviewed, span.today)
    return Stats(
        now=span.now, today=span.today, deck=deck,
        reviews_today=rows.today["reviews"], again_today=rows.today["again"],
        new_today=rows.today["new"], seconds_today=time_spent(rows.today["durations"]),
        due_now=tally.due_now, due_later_today=tally.due_later_today, due_tomorrow=tally.due_tomorrow,
        cards=tally.cards, decks=tuple(_deck_rows(tally, rows)), retention=_windows(rows.retention),
        desired_retention=main_settings(config, deck).desired_retention,
        streak_current=current, streak_longest=longest,
        heatmap=tuple(_heatmap(rows.reviews_per_day, span)),
        forecast=tuple(zip((span.today + timedelta(days=i) for i in range(span.forecast_days)), tally.forecast)),
        knowledge=tally.knowledge, studied=tally.studied,
        hardest=tuple(_hardest(rows, span, config)),
    )


# --- one pass over the cards ---------------------------------------------------------------


@dataclass(slots=True)
class _DeckTally:
    decay: float  # the deck's forgetting curve and leech threshold, from its settings
    factor: float
    threshold: int
    cards: int = 0
    due: int = 0
    new: int = 0
    stability: float = 0.0
    studied: int = 0


@dataclass(frozen=True)
class _CardTally:
    """The totals of one pass over the cards."""

    cards: CardCounts
    due_now: int
    due_later_today: int
    due_tomorrow: int
    decks: dict[str, _DeckTally]
    forecast: list[int]  # cards due on each forecast day, today's with the overdue ones
    knowledge: float
    studied: int


def _tally_cards(cards, new_cards, span: Span, config: Config) -> _CardTally:
    """One pass over every card: counts by kind, due counts, forecast days, knowledge, per deck.

    Deliberately one flat loop with local counters: it runs once per card (100k in the benchmark),
    and a function call, a dict update or a builtin call per card costs more than the rest of it.
    """
    curves, now, decks = DeckCurves(config), span.now_s, {}
    ends = span.day_ends(max(2, span.forecast_days))  # the due counts read today's and tomorrow's off them
    horizon, forecast, bisect_right = ends[-1], [0] * len(ends), bisect.bisect_right
    learning = young = mature = due_now = 0
    knowledge, young_limit = 0.0, 21 * 86400
    leeches, suspended_cards, buried_cards = _tally_new_cards(new_cards, decks, curves, now)
    for _, deck, state, stability, lapses, suspended, leech_tag, due, last, buried in cards:
        per_deck = decks.get(deck) or decks.setdefault(deck, _DeckTally(*curves[deck]))
        per_deck.cards += 1
        if leech_tag or (per_deck.threshold > 0 and lapses >= per_deck.threshold):
            leeches += 1
        if suspended:
            suspended_cards += 1
            continue
        if buried is not None and buried > now:
            buried_cards += 1
        elif state != "review":  # the rows hold no new card: `_tally_new_cards` counted those
            learning += 1
        elif due is None or last is None or due - last < young_limit:
            young += 1
        else:
            mature += 1
        if stability and last is not None:  # retrievability over whole days, as py-fsrs counts them
            days = (now - last) // 86400
            knowledge += (1 + per_deck.factor * days / stability) ** -per_deck.decay if days > 0 else 1.0
        per_deck.studied += 1
        per_deck.stability += stability or 0.0
        ready = due or 0  # a buried card is due when its burial ends, if that is later
        if buried is not None and buried > ready:
            ready = buried
        if ready < horizon:  # forecast day 0 is today (overdue included), day 1 tomorrow
            day = bisect_right(ends, ready)
            forecast[day] += 1
            if not day:
                per_deck.due += 1
                due_now += ready <= now
    kinds = CardCounts(sum(t.new for t in decks.values()), learning, young, mature, suspended_cards, buried_cards, leeches)
    return _CardTally(kinds, due_now, forecast[0] - due_now, forecast[1], decks, forecast[: span.forecast_days],
                      knowledge, sum(t.studied for t in decks.values()))


def _tally_new_cards(groups, decks: dict[str, _DeckTally], curves: DeckCurves, now: int) -> tuple[int, int, int]:
    """Count the groups of new cards into `decks` as the card loop counts a new card; (leeches,
    suspended, buried) among them."""
    leeches = suspended_cards = buried_cards = 0
    for deck, suspended, lapses, leech_tag, buried, count in groups:
        per_deck = decks.get(deck) or decks.setdefault(deck, _DeckTally(*curves[deck]))
        per_deck.cards += count
        if leech_tag or (per_deck.threshold > 0 and lapses >= per_deck.threshold):
            leeches += count
        if suspended:
            suspended_cards += count
        elif buried is not None and buried > now:
            buried_cards += count
        else:
            per_deck.new += count
    return leeches, suspended_cards, buried_cards


def _deck_rows(tally: _CardTally, rows: StatsRows) -> list[DeckRow]:
    result = []
    for name in sorted(tally.decks):
        t = tally.decks[name]
        stability = t.stability / t.studied if t.studied else None
        answers = Retention(*rows.deck_answers.get(name, (0, 0)))
        result.append(DeckRow(name, t.cards, t.due, t.new, answers, stability, t.studied))
    return result


# --- the review log ------------------------------------------------------------------------


def _windows(pieces: tuple[tuple[int, bool | None, dict], ...]) -> tuple[WindowRetention, ...]:
    """Cumulative windows from the disjoint pieces: 30 days = the last 7 + the 23 before."""
    totals: dict[bool | None, Retention] = {False: Retention(), True: Retention(), None: Retention()}
    result = []
    for days in RETENTION_WINDOWS:
        for piece_days, mature, row in pieces:
            if piece_days == days:
                totals[mature] += Retention(row["reviews"], row["passed"], row["predicted"], row["predictions"])
        result.append(WindowRetention(days, totals[False], totals[True], totals[None]))
    return tuple(result)


def streaks(study_days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days; the current run may end today or yesterday."""
    longest = run = 0
    previous = None
    for day in sorted(study_days):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest, previous = max(longest, run), day
    current, day = 0, today if today in study_days else today - timedelta(days=1)
    while day in study_days:
        current, day = current + 1, day - timedelta(days=1)
    return current, longest


def _heatmap(per_day: dict[str, int], span: Span) -> list[tuple[date, int]]:
    days = (span.today - span.heatmap_start).days + 1
    return [(d, per_day.get(d.isoformat(), 0)) for d in (span.heatmap_start + timedelta(days=i) for i in range(days))]


# --- the hardest cards ---------------------------------------------------------------------


def hardest_rows(cards, span: Span, config: Config, limit: int = HARDEST) -> list[tuple]:
    """The hard cards, most lapses first, then the lowest retrievability now.

    A card is hard once it has lapsed, or once its recall now is below its deck's desired retention.
    """
    import heapq

    curves, now = DeckCurves(config), span.now_s
    hard = [row for row in cards if row[2] != "new" and row[4] > 0]
    if len(hard) < limit:  # only then can a card that never lapsed make the list
        desired: dict[str, float] = {}
        for row in cards:
            if row[2] != "new" and row[4] <= 0:
                recall = recall_now(row, now, curves)
                deck = row[1]
                if deck not in desired:
                    desired[deck] = config.for_deck(deck).desired_retention
                if recall is not None and recall < desired[deck]:
                    hard.append(row)
    if not hard:
        return []
    fewest = heapq.nlargest(limit, (row[4] for row in hard))[-1]  # only these can make the list
    keyed = [(-row[4], recall_now(row, now, curves) or 0.0, row[0], row) for row in hard if row[4] >= fewest]
    return [item[3] for item in heapq.nsmallest(limit, keyed)]


def _hardest(rows: StatsRows, span: Span, config: Config) -> list[HardCard]:
    """The hardest cards: read_stats fetched the places of exactly those."""
    chosen = [row for row in rows.cards if row[0] in rows.places]
    curves = DeckCurves(config)
    return [_hard_card(row, rows.places, span, curves) for row in hardest_rows(chosen, span, config)]


def _hard_card(row: tuple, places: dict, span: Span, curves: DeckCurves) -> HardCard:
    card_id, deck, _, _, lapses, suspended, *_ = row
    front, source, line = places.get(card_id, ("", None, None))
    return HardCard(card_id, deck, source, line, front, lapses, recall_now(row, span.now_s, curves), bool(suspended))
