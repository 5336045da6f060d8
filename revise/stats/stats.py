"""Progress figures: review log and cards → `Stats` (a frozen dataclass) → rich renderables / JSON.

`read_stats` asks the collection (collection/stats.py) for aggregated rows (SQL does the per-review work, see the review_facts
table) and `compute_stats` turns those rows, `now`, the time zone and the settings into `Stats`.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

from revise.config import Config, Settings
from revise.errors import ReviseError
from revise.scheduling import day_bounds, study_day

HEATMAP_WEEKS = 26
FORECAST_DAYS = 30
RETENTION_WINDOWS = (7, 30, 365)  # study days, today included
DECK_RETENTION_DAYS = 30  # the window of the per-deck retention column
HARDEST = 10
MAX_DAYS = 36500  # of forecast and heatmap: a century is plenty, and a few million days overflow `date`
STREAK_YEARS = 20  # how far back the longest streak is looked for


# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """Answers of review-state cards in a window: how many, the share not Again, FSRS's forecast."""

    reviews: int = 0
    passed: int = 0
    predicted_sum: float = 0.0
    predictions: int = 0

    @property
    def true(self) -> float | None:
        """True retention: the share of answers other than Again (None without reviews)."""
        return self.passed / self.reviews if self.reviews else None

    @property
    def predicted(self) -> float | None:
        """FSRS's predicted retention: mean retrievability at review time."""
        return self.predicted_sum / self.predictions if self.predictions else None

    def __add__(self, other: Retention) -> Retention:
        return Retention(
            self.reviews + other.reviews,
            self.passed + other.passed,
            self.predicted_sum + other.predicted_sum,
            self.predictions + other.predictions,
        )

    def to_json(self) -> dict[str, Any]:
        """{true, predicted, reviews}, fractions rounded to 4 places."""
        return {"true": _round(self.true, 4), "predicted": _round(self.predicted, 4), "reviews": self.reviews}


@dataclass(frozen=True)
class WindowRetention:
    """Retention over the last `days` study days, young and mature cards apart."""

    days: int
    young: Retention
    mature: Retention
    unknown: Retention = Retention()  # reviews whose previous interval is not recorded

    @property
    def all(self) -> Retention:
        """Young, mature and unknown together."""
        return self.young + self.mature + self.unknown


@dataclass(frozen=True)
class CardCounts:
    """Cards by kind; new, learning, young, mature, suspended and buried do not overlap."""

    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    suspended: int = 0
    buried: int = 0
    leeches: int = 0  # overlaps the others

    @property
    def total(self) -> int:
        """Every card that is not retired."""
        return self.new + self.learning + self.young + self.mature + self.suspended + self.buried


CARD_KINDS = tuple(f.name for f in fields(CardCounts))  # new … buried, then leeches


@dataclass(frozen=True)
class DeckRow:
    """One line of the deck table."""

    deck: str
    cards: int
    due: int  # due by the end of today
    new: int
    retention: Retention  # over the last DECK_RETENTION_DAYS days
    stability: float | None  # mean, days, studied unsuspended cards
    studied: int = 0  # the cards the mean stability is over

    def __add__(self, other: DeckRow) -> DeckRow:
        """Two decks rolled up (under this one's name), as a parent row shows its subdecks."""
        studied = self.studied + other.studied
        total = (self.stability or 0) * self.studied + (other.stability or 0) * other.studied
        return DeckRow(self.deck, self.cards + other.cards, self.due + other.due, self.new + other.new,
                       self.retention + other.retention, total / studied if studied else None, studied)


@dataclass(frozen=True)
class HardCard:
    """One of the hardest cards."""

    card_id: int
    deck: str
    source: str | None
    line: int | None
    front: str
    lapses: int
    retrievability: float | None
    suspended: bool


@dataclass(frozen=True)
class Stats:
    """Everything `revise stats` shows, computed for one moment."""

    now: datetime
    today: date
    deck: str | None
    reviews_today: int
    again_today: int
    new_today: int
    seconds_today: float
    due_now: int
    due_later_today: int
    due_tomorrow: int
    cards: CardCounts
    decks: tuple[DeckRow, ...]
    retention: tuple[WindowRetention, ...]
    desired_retention: float
    streak_current: int
    streak_longest: int
    heatmap: tuple[tuple[date, int], ...]
    forecast: tuple[tuple[date, int], ...]
    knowledge: float
    studied: int  # the cards knowledge is summed over: studied and not suspended
    hardest: tuple[HardCard, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The figures as plain JSON data (documented in the README)."""
        return {
            "now": self.now.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "date": self.today.isoformat(),
            "deck": self.deck,
            "today": {"reviews": self.reviews_today, "again": self.again_today,
                      "new": self.new_today, "seconds": round(self.seconds_today, 1)},
            "due": {"now": self.due_now, "later_today": self.due_later_today, "tomorrow": self.due_tomorrow},
            "cards": {**asdict(self.cards), "total": self.cards.total},
            "decks": [_deck_json(row) for row in self.decks],
            "retention": {f"{w.days}d": _window_json(w) for w in self.retention},
            "desired_retention": self.desired_retention,
            "streak": {"current": self.streak_current, "longest": self.streak_longest},
            "heatmap": [{"date": d.isoformat(), "reviews": n} for d, n in self.heatmap],
            "forecast": [{"date": d.isoformat(), "due": n} for d, n in self.forecast],
            "knowledge": round(self.knowledge, 2),
            "studied": self.studied,
            "hardest": [_hard_json(card) for card in self.hardest],
        }


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _deck_json(row: DeckRow) -> dict[str, Any]:
    return {"deck": row.deck, "cards": row.cards, "due": row.due, "new": row.new,
            "retention": _round(row.retention.true, 4), "reviews": row.retention.reviews,
            "stability": _round(row.stability, 2), "studied": row.studied}


def _window_json(window: WindowRetention) -> dict[str, Any]:
    return {**window.all.to_json(), "young": window.young.to_json(), "mature": window.mature.to_json()}


def _hard_json(card: HardCard) -> dict[str, Any]:
    return {"card_id": card.card_id, "deck": card.deck, "file": card.source, "line": card.line,
            "front": card.front, "lapses": card.lapses,
            "retrievability": _round(card.retrievability, 4), "suspended": card.suspended}


# --- the days stats looks at ----------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """The study days and instants (Unix seconds) the figures are about."""

    now: datetime
    tz: tzinfo | None
    day_start_hour: int
    today: date
    heatmap_start: date  # a Monday
    forecast_days: int

    def start(self, day: date) -> int:
        """The Unix second study day `day` starts at."""
        return int(day_bounds(day, self.day_start_hour, self.tz)[0].timestamp())

    @property
    def now_s(self) -> int:
        """`now` in Unix seconds."""
        return int(self.now.timestamp())

    def day_ranges(self, first: date, last: date) -> list[tuple[str, int, int]]:
        """(ISO day, start, end) for each study day from `first` to `last`."""
        count = (last - first).days + 1
        starts = [self.start(first + timedelta(days=i)) for i in range(count + 1)]
        return [((first + timedelta(days=i)).isoformat(), starts[i], starts[i + 1]) for i in range(count)]


def make_span(now: datetime, tz: tzinfo | None, settings: Settings, days: int | None = None) -> Span:
    """The span for `now`: 26 weeks of heatmap and 30 days of forecast, or `days` of each."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    today = study_day(now, settings.day_start_hour, tz)
    first = today - timedelta(days=days - 1) if days else today - timedelta(days=today.weekday(), weeks=HEATMAP_WEEKS - 1)
    monday = first - timedelta(days=first.weekday())  # whole calendar weeks that hold at least `days` days
    return Span(now, tz, settings.day_start_hour, today, monday, days or FORECAST_DAYS)


def fsrs_curve(settings: Settings) -> tuple[float, float]:
    """(decay, factor) of the FSRS-6 forgetting curve R = (1 + factor·t/S)^−decay for these settings."""
    from fsrs.scheduler import DEFAULT_PARAMETERS

    parameters = settings.parameters or DEFAULT_PARAMETERS
    if len(parameters) != len(DEFAULT_PARAMETERS):
        raise ReviseError(f"parameters in config.toml must be {len(DEFAULT_PARAMETERS)} FSRS-6 weights, not {len(parameters)}.")
    decay = parameters[20]
    return decay, 0.9 ** (1 / -decay) - 1


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsRows:
    """What the collection holds for one span: per-card rows and aggregated review rows from collection/stats.py."""

    cards: tuple[tuple, ...]  # collection.stats_cards rows
    places: dict[int, tuple[str, str | None, int | None]]  # card id → (front, file, line), hardest cards
    recent_answers: tuple[tuple[int, int], ...]  # (card id, passed) over DECK_RETENTION_DAYS
    today: dict
    retention: tuple[tuple[int, bool | None, dict], ...]  # (window days, mature or None, row), pieces disjoint
    reviews_per_day: dict[str, int]  # ISO day → reviews, for the heatmap's days
    days_reviewed_before: tuple[str, ...] = ()  # ISO days before the heatmap's that hold a review
    other_decks: dict[int, str] = field(default_factory=dict)  # card id → deck, answered cards not in `cards` (retired)


def read_stats(db, span: Span, config: Config, deck: str | None = None) -> StatsRows:
    """Query the collection for everything `compute_stats` needs."""
    from concurrent.futures import ThreadPoolExecutor
    from operator import itemgetter

    from revise import collection

    reader = collection.stats_reader(db)
    try:  # SQLite computes the retention aggregates without the GIL while Python reads the cards
        with ThreadPoolExecutor(1) as pool:
            aside = pool.submit(_read_retention, reader, span, config, deck) if reader else None
            cards, places = _read_cards(db, span, config, deck)
            days = _read_days(db, span, deck)
            retention = aside.result() if aside else _read_retention(db, span, config, deck)
    finally:
        if reader:
            reader.conn.close()
    retired = set(map(itemgetter(0), days["recent_answers"])) - set(map(itemgetter(0), cards))
    other_decks = collection.stats_card_decks(db, sorted(retired)) if retired else {}
    return StatsRows(cards=tuple(cards), places=places, other_decks=other_decks, **days, **retention)


def _read_cards(db, span: Span, config: Config, deck: str | None) -> tuple[list[tuple], dict]:
    """A row per card, and the places of the hardest cards."""
    from revise import collection

    cards = collection.stats_cards(db, deck)
    if deck is not None and not cards:
        known = ", ".join(map(_one_line, collection.deck_names(db)[:10])) or "none yet (run revise import)"
        raise ReviseError(f"no cards in a deck named '{_one_line(deck)}'. Decks: {known}.")
    return cards, collection.stats_card_places(db, [row[0] for row in hardest_rows(cards, span, config)])


def _read_retention(db, span: Span, config: Config, deck: str | None) -> dict:
    """The review-log aggregates: today's answers and the retention window pieces."""
    from revise import collection

    collection.stats_limit_to_deck(db, deck)
    decay, factor = fsrs_curve(_main_settings(config, deck))
    overrides = _curve_overrides(config, deck)
    collection.stats_limit_curves(db, overrides)
    return dict(
        today=collection.stats_reviews_between(db, deck, span.start(span.today), span.start(span.today + timedelta(days=1))),
        retention=tuple(
            (days, mature, collection.stats_retention(db, deck, mature, start, end, decay, factor, bool(overrides)))
            for days, start, end in _window_pieces(span) for mature in (False, True, None)
        ),
    )


def _read_days(db, span: Span, deck: str | None) -> dict:
    """The review log by study day (heatmap, streaks) and the answers of the deck table's window."""
    from revise import collection

    collection.stats_limit_to_deck(db, deck)
    first = collection.stats_first_review(db, deck)
    history_start = span.heatmap_start
    if first is not None:  # streaks look back to the first review, but no more than STREAK_YEARS
        oldest = span.today - timedelta(days=round(365.25 * STREAK_YEARS))
        history_start = min(history_start, max(oldest, _day_of(first, span)))
    recent_start = span.start(span.today - timedelta(days=DECK_RETENTION_DAYS - 1))
    return dict(
        recent_answers=tuple(collection.stats_answers_since(db, deck, recent_start)),
        reviews_per_day=collection.stats_reviews_per_day(db, deck, span.day_ranges(span.heatmap_start, span.today)),
        days_reviewed_before=tuple(collection.stats_days_reviewed(  # for the streaks: whether, not how many
            db, deck, span.day_ranges(history_start, span.heatmap_start - timedelta(days=1)))),
    )


def _curve_overrides(config: Config, deck: str | None) -> list[tuple[str, float, float]]:
    """(deck, decay, factor) of each override within `deck` (all of them for None), deepest last; []
    when they all share the main forgetting curve, so one curve serves every review."""
    inside = [name for name, _ in config.decks if deck is None or name == deck or name.startswith(deck + "::")]
    overrides = [(name, *fsrs_curve(config.for_deck(name))) for name in sorted(inside, key=lambda n: n.count("::"))]
    main = fsrs_curve(_main_settings(config, deck))
    return overrides if any((decay, factor) != main for _, decay, factor in overrides) else []


def _day_of(unix_seconds: int, span: Span) -> date:
    return study_day(datetime.fromtimestamp(unix_seconds, timezone.utc), span.day_start_hour, span.tz)


def _main_settings(config: Config, deck: str | None) -> Settings:
    """The settings the headline figures use: the chosen deck's, else the global ones."""
    return config.for_deck(deck) if deck else config.default


def _window_pieces(span: Span) -> list[tuple[int, int, int]]:
    """Disjoint (window days, start, end) pieces: the last 7 days, the 23 before, the 335 before those."""
    end, pieces = span.start(span.today + timedelta(days=1)), []
    for days in RETENTION_WINDOWS:
        start = span.start(span.today - timedelta(days=days - 1))
        pieces.append((days, start, end))
        end = start
    return pieces


# --- computing ----------------------------------------------------------------------------


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


@dataclass
class _CardTally:
    """Running totals of one pass over the cards."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        (*CARD_KINDS, "due_now", "due_later_today", "due_tomorrow"), 0))
    decks: dict[str, _DeckTally] = field(default_factory=dict)
    forecast: list[int] = field(default_factory=list)
    knowledge: float = 0.0
    studied: int = 0


class _DeckCurves(dict):
    """deck → (decay, factor, leech threshold), looked up in the config once per deck."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def __missing__(self, deck: str) -> tuple[float, float, int]:
        settings = self.config.for_deck(deck)
        self[deck] = value = (*fsrs_curve(settings), settings.leech_threshold)
        return value


def _recall_now(row: tuple, now: int, curves: _DeckCurves) -> float | None:
    """A studied card's retrievability at `now` (whole days elapsed, as py-fsrs counts them)."""
    _, deck, state, stability, _, _, _, _, last, _ = row
    if state == "new" or not stability or last is None:
        return None
    decay, factor, _ = curves[deck]
    return (1 + factor * max(0, (now - last) // 86400) / stability) ** -decay


def hardest_rows(cards, span: Span, config: Config, limit: int = HARDEST) -> list[tuple]:
    """The hard cards, most lapses first, then the lowest retrievability now.

    A card is hard once it has lapsed, or once its recall now is below its deck's desired retention.
    """
    import heapq

    curves, now = _DeckCurves(config), span.now_s
    hard = [row for row in cards if row[2] != "new" and row[4] > 0]
    if len(hard) < limit:  # only then can a card that never lapsed make the list
        desired: dict[str, float] = {}
        for row in cards:
            if row[2] != "new" and row[4] <= 0:
                recall = _recall_now(row, now, curves)
                deck = row[1]
                if deck not in desired:
                    desired[deck] = config.for_deck(deck).desired_retention
                if recall is not None and recall < desired[deck]:
                    hard.append(row)
    if not hard:
        return []
    fewest = heapq.nlargest(limit, (row[4] for row in hard))[-1]  # only these can make the list
    keyed = [(-row[4], _recall_now(row, now, curves) or 0.0, row[0], row) for row in hard if row[4] >= fewest]
    return [item[3] for item in heapq.nsmallest(limit, keyed)]


def _tally_cards(cards, span: Span, config: Config) -> _CardTally:
    """One pass over every card: counts by kind, due counts, forecast days, knowledge, per deck.

    Deliberately one flat loop with local counters: it runs once per card (100k in the benchmark),
    and a function call, a dict update or a builtin call per card costs more than the rest of it.
    """
    tally, curves, now = _CardTally(), _DeckCurves(config), span.now_s
    today_end, tomorrow_end = span.start(span.today + timedelta(days=1)), span.start(span.today + timedelta(days=2))
    ends = [span.start(span.today + timedelta(days=i + 1)) for i in range(span.forecast_days)]
    horizon, forecast, decks, bisect_right = ends[-1], [0] * len(ends), tally.decks, bisect.bisect_right
    new = learning = young = mature = suspended_cards = buried_cards = leeches = 0
    due_now = due_later_today = due_tomorrow = studied = 0
    knowledge, young_limit = 0.0, 21 * 86400
    for _, deck, state, stability, lapses, suspended, leech_tag, due, last, buried in cards:
        per_deck = decks.get(deck)
        if per_deck is None:
            per_deck = decks[deck] = _DeckTally(*curves[deck])
        per_deck.cards += 1
        if leech_tag or (per_deck.threshold > 0 and lapses >= per_deck.threshold):
            leeches += 1
        if suspended:
            suspended_cards += 1
            continue
        if buried is not None and buried > now:
            buried_cards += 1
        elif state == "new":
            new += 1
            per_deck.new += 1
        elif state != "review":
            learning += 1
        elif due is None or last is None or due - last < young_limit:
            young += 1
        else:
            mature += 1
        if state == "new":
            continue
        if stability and last is not None:  # retrievability over whole days, as py-fsrs counts them
            days = (now - last) // 86400
            knowledge += (1 + per_deck.factor * days / stability) ** -per_deck.decay if days > 0 else 1.0
        studied += 1
        per_deck.studied += 1
        per_deck.stability += stability or 0.0
        ready = due or 0  # a buried card is due when its burial ends, if that is later
        if buried is not None and buried > ready:
            ready = buried
        if ready < today_end:
            per_deck.due += 1
            if ready <= now:
                due_now += 1
            else:
                due_later_today += 1
        elif ready < tomorrow_end:
            due_tomorrow += 1
        if ready < horizon:
            forecast[bisect_right(ends, ready)] += 1
    tally.counts.update(new=new, learning=learning, young=young, mature=mature, suspended=suspended_cards,
                        buried=buried_cards, leeches=leeches, due_now=due_now, due_later_today=due_later_today,
                        due_tomorrow=due_tomorrow)
    tally.forecast, tally.knowledge, tally.studied = forecast, knowledge, studied
    return tally


def compute_stats(rows: StatsRows, span: Span, config: Config, deck: str | None = None) -> Stats:
    """Turn the rows read for `span` into `Stats` (pure: no database, no clock)."""
    tally = _tally_cards(rows.cards, span, config)
    counts = tally.counts
    reviewed = {date.fromisoformat(day) for day in (*rows.days_reviewed_before, *rows.reviews_per_day)}
    current, longest = streaks(reviewed, span.today)
    return Stats(
        now=span.now, today=span.today, deck=deck,
        reviews_today=rows.today["reviews"], again_today=rows.today["again"],
        new_today=rows.today["new"], seconds_today=rows.today["milliseconds"] / 1000,
        due_now=counts["due_now"], due_later_today=counts["due_later_today"], due_tomorrow=counts["due_tomorrow"],
        cards=CardCounts(**{kind: counts[kind] for kind in CARD_KINDS}),
        decks=tuple(_deck_rows(tally, rows)), retention=_windows(rows.retention),
        desired_retention=_main_settings(config, deck).desired_retention,
        streak_current=current, streak_longest=longest,
        heatmap=tuple(_heatmap(rows.reviews_per_day, span)),
        forecast=tuple(zip((span.today + timedelta(days=i) for i in range(span.forecast_days)), tally.forecast)),
        knowledge=tally.knowledge, studied=tally.studied,
        hardest=tuple(_hardest(rows, span, config)),
    )


def _deck_rows(tally: _CardTally, rows: StatsRows) -> list[DeckRow]:
    from collections import Counter
    from itertools import compress
    from operator import itemgetter

    deck_of = _deck_lookup(rows)
    ids = list(map(itemgetter(0), rows.recent_answers))
    reviews = Counter(map(deck_of, ids))
    passed = Counter(map(deck_of, compress(ids, map(itemgetter(1), rows.recent_answers))))
    result = []
    for name in sorted(tally.decks):
        t = tally.decks[name]
        stability = t.stability / t.studied if t.studied else None
        result.append(DeckRow(name, t.cards, t.due, t.new, Retention(reviews[name], passed[name]), stability, t.studied))
    return result


def _deck_lookup(rows: StatsRows):
    """card id → deck, retired cards' too. Counting 100k answers by deck is memory-bound, so: one
    str object per deck (SQLite returns a new one per row), and a list indexed by card id where the
    ids are dense, as rowids are (a dict of 100k ids costs several times as much to look up in)."""
    from operator import itemgetter

    one = {}
    pairs = [(card_id, one.setdefault(deck, deck)) for card_id, deck in map(itemgetter(0, 1), rows.cards)]
    pairs += [(card_id, one.setdefault(deck, deck)) for card_id, deck in rows.other_decks.items()]
    top = max(max((card_id for card_id, _ in pairs), default=0), max(map(itemgetter(0), rows.recent_answers), default=0))
    if top > 4 * len(pairs) + 1024:
        return dict(pairs).get
    by_id: list[str | None] = [None] * (top + 1)
    for card_id, deck in pairs:
        by_id[card_id] = deck
    return by_id.__getitem__


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


def _hardest(rows: StatsRows, span: Span, config: Config) -> list[HardCard]:
    """The hardest cards: read_stats fetched the places of exactly those."""
    chosen = [row for row in rows.cards if row[0] in rows.places]
    curves = _DeckCurves(config)
    return [_hard_card(row, rows.places, span, curves) for row in hardest_rows(chosen, span, config)]


def _hard_card(row: tuple, places: dict, span: Span, curves: _DeckCurves) -> HardCard:
    card_id, deck, _, _, lapses, suspended, *_ = row
    front, source, line = places.get(card_id, ("", None, None))
    return HardCard(card_id, deck, source, line, front, lapses, _recall_now(row, span.now_s, curves), bool(suspended))


def collect_stats(db, now: datetime, tz: tzinfo | None, config: Config, deck: str | None = None, days: int | None = None) -> Stats:
    """Read and compute the stats of the collection `db` at `now` (tz None: the system's zone)."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ReviseError(f"--days must be from 1 to {MAX_DAYS} (100 years), not {days}.")
    import gc

    span = make_span(now, tz, _main_settings(config, deck), days)
    collecting = gc.isenabled()
    gc.disable()  # the 100k row tuples hold no cycles, yet each full collection would walk them all
    try:
        return compute_stats(read_stats(db, span, config, deck), span, config, deck)
    finally:
        if collecting:
            gc.enable()


# --- rendering ----------------------------------------------------------------------------

SHADES = ("·", "░", "▒", "▓", "█")  # heatmap levels 0–4: readable without colour too
SHADE_STYLES = ("dim", "green4", "green3", "green1", "bold bright_green")
BAR_EIGHTHS = " ▁▂▃▄▅▆▇█"
DECK_NAME_MIN = 12  # the deck column keeps this much room while a figure column can make way


def render_stats(stats: Stats):
    """The whole `revise stats` screen as one rich renderable."""
    # every block fits from 40 columns (the README's promise); below that rich cuts its lines
    from rich.console import Group
    from rich.text import Text

    where = f"deck {_one_line(stats.deck)}" if stats.deck else "all decks"
    parts = [Title(where, stats.today), Text(), _overview(stats), Text()]
    if stats.decks:
        parts += [_section("Decks"), DeckTable(stats.decks), Text()]
    parts += [_section(f"Retention (desired {_percent(stats.desired_retention)})"), RetentionTable(stats.retention), Text()]
    parts += [_section(_heatmap_title(len(stats.heatmap))), Heatmap(stats.heatmap), Text()]
    parts += [_section(_forecast_title(len(stats.forecast))), Forecast(stats.forecast), Text()]
    if stats.hardest:
        parts += [_section("Hardest cards"), HardestTable(stats.hardest)]
    elif stats.cards.total:
        parts += [_section("Hardest cards"), Text(NO_HARD_CARDS, style="dim")]
    return Group(*parts)


NO_HARD_CARDS = "No hard cards yet: none has lapsed or fallen below the desired retention."


class Title:
    """The screen's first line; when it does not fit, the date loses its weekday and leading zero."""

    def __init__(self, where: str, today: date) -> None:
        self.where, self.today = where, today

    def __rich_console__(self, console, options):
        from rich.text import Text

        for day in (f"{self.today:%a %d %b %Y}", f"{self.today.day} {self.today:%b %Y}"):
            title = Text.assemble(("revise stats", "bold"), f" · {self.where} · {day}")
            if title.cell_len <= options.max_width:
                break
        yield title


def _section(title: str):
    from rich.text import Text

    return Text(title, style="bold underline")


def _heatmap_title(days: int) -> str:
    weeks = math.ceil(days / 7)
    return "Reviews, this week" if weeks == 1 else f"Reviews, last {weeks} weeks"


def _forecast_title(days: int) -> str:
    return "Forecast, today" if days == 1 else f"Forecast, next {days} days"


def _one_line(text: str) -> str:
    """User text (a card's front, a deck name, a path) on one line, its control characters made inert."""
    from revise.render import make_inert

    return make_inert(" ".join(text.split()))


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"


def _packed(parts: list[str], width: int, separator: str) -> list[str]:
    """`parts` joined by `separator` into lines of at most `width` (breaking only between parts)."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(separator) + len(part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines


def _figures(title: str, rows: list[tuple[str, str]]):
    """A small titled two-column block of label → figure."""
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_column(justify="right")
    table.title, table.title_justify, table.title_style = title, "left", "bold"
    for label, value in rows:
        table.add_row(label, value)
    return table


def _overview(stats: Stats):
    """Today, Cards and Progress side by side (stacked when the terminal is narrow)."""
    from rich.columns import Columns

    again = f" ({stats.again_today} again, {_percent(stats.again_today / stats.reviews_today)})" if stats.reviews_today else ""
    today = _figures("Today", [
        ("reviewed", f"{stats.reviews_today:,}{again}"), ("new learned", f"{stats.new_today:,}"),
        ("time", _duration(stats.seconds_today)), ("due now", f"{stats.due_now:,}"),
        ("later today", f"{stats.due_later_today:,}"), ("tomorrow", f"{stats.due_tomorrow:,}"),
    ])
    c = stats.cards
    cards = _figures("Cards", [
        ("new", f"{c.new:,}"), ("learning", f"{c.learning:,}"), ("young", f"{c.young:,}"),
        ("mature", f"{c.mature:,}"), ("suspended", f"{c.suspended:,}"), ("buried", f"{c.buried:,}"),
        ("leeches", f"{c.leeches:,}"),
    ])
    progress = _figures("Progress", [
        ("streak", f"{stats.streak_current:,} d"), ("longest", f"{stats.streak_longest:,} d"),
        ("recall now", f"{stats.knowledge:,.0f} of {stats.studied:,}"),
    ])
    # a blank line between the rows of blocks when they stack (collapsed padding: none above or below)
    return Columns([today, cards, progress], padding=(1, 4))


def _figure_table(headers: tuple[str, ...], rows: list[tuple]):
    """A table of figures: the first column left-aligned, the others right-aligned, none ever wrapped."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
    table.add_column(headers[0], no_wrap=True)
    for name in headers[1:]:
        table.add_column(name, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def _width(headers: tuple[str, ...], rows: list[tuple]) -> int:
    """How wide `_figure_table(headers, rows)` is with nothing cut."""
    from rich.cells import cell_len

    columns = zip(headers, *rows)  # between two columns: padding, the box's blank divider, padding
    return sum(max(cell_len(str(cell)) for cell in column) for column in columns) + 3 * (len(headers) - 1)


class DeckTable:
    """Decks as an indented tree; where the figures leave the names too little room, Stab, then New,
    then Ret make way (a figure is never cut), and names are shortened with … on their line."""

    optional = ("Stab", "New", f"Ret {DECK_RETENTION_DAYS}d")  # the order they make way in

    def __init__(self, decks: tuple[DeckRow, ...]) -> None:
        self.tree = [row for _, row in deck_tree(decks)]

    def __rich_console__(self, console, options):
        from rich.cells import cell_len
        from rich.text import Text

        figures = self._figures()
        names = [(row.deck.count("::"), _one_line(row.deck.split("::")[-1])) for row in self.tree]
        wanted = min(DECK_NAME_MIN, max(cell_len("  " * depth + name) for depth, name in names))
        for leave_out in (None, *self.optional):
            figures.pop(leave_out, None)
            room = options.max_width - _width(tuple(figures), list(zip(*figures.values()))) - 3
            if room >= wanted:
                break
        room = max(room, 1)
        labels = [_deck_label(depth, name, room) for depth, name in names]
        yield _figure_table(("Deck", *figures), list(zip(labels, *figures.values())))

    def _figures(self) -> dict[str, list[str]]:
        rows = self.tree
        return {
            "Cards": [f"{row.cards:,}" for row in rows],
            "Due": [f"{row.due:,}" for row in rows],
            "New": [f"{row.new:,}" for row in rows],
            f"Ret {DECK_RETENTION_DAYS}d": [_percent(row.retention.true) for row in rows],
            "Stab": ["–" if row.stability is None else f"{row.stability:,.1f}d" for row in rows],
        }


def _deck_label(depth: int, name: str, width: int) -> Text:
    """A deck's name indented by its depth, shortened with … to `width` cells (a Text: no markup)."""
    from rich.cells import cell_len, set_cell_size
    from rich.text import Text

    label = "  " * min(depth, max(0, width - 4) // 2) + name  # deep trees keep a few letters of the name
    if cell_len(label) > width:
        label = set_cell_size(label, width - 1).rstrip() + "…"
    return Text(label)


def deck_tree(decks: tuple[DeckRow, ...]) -> list[tuple[str, DeckRow]]:
    """Decks as an indented tree, Anki style: a parent (`a` of `a::b`) shows the totals of its subdecks."""
    nodes: dict[str, DeckRow] = {}
    for row in decks:
        parts = row.deck.split("::")
        for depth in range(1, len(parts) + 1):
            name = "::".join(parts[:depth])
            empty = DeckRow(name, 0, 0, 0, Retention(), None)
            nodes[name] = nodes.get(name, empty) + row
    return [("  " * name.count("::") + name.split("::")[-1], nodes[name]) for name in sorted(nodes, key=lambda n: n.split("::"))]


class RetentionTable:
    """Retention per window; where the whole table does not fit, Young and Mature get a table of their own."""

    caption = ("Reviews: answers to review-state cards;", "learning steps are not counted.",
               "True: answers other than Again.", "FSRS: predicted.", "Young, Mature: true / FSRS.")

    def __init__(self, windows: tuple[WindowRetention, ...]) -> None:
        self.windows = windows

    def __rich_console__(self, console, options):
        from rich.text import Text

        headers = ("Last", "Reviews", "True", "FSRS", "Young <21d", "Mature ≥21d")
        rows = [(f"{w.days} d", f"{w.all.reviews:,}", _percent(w.all.true), _percent(w.all.predicted),
                 _pair(w.young), _pair(w.mature)) for w in self.windows]
        if _width(headers, rows) <= options.max_width:
            yield _figure_table(headers, rows)
        else:
            yield _figure_table(headers[:4], [row[:4] for row in rows])
            yield Text()
            yield _figure_table(headers[:1] + headers[4:], [row[:1] + row[4:] for row in rows])
        for line in _packed(list(self.caption), options.max_width, " "):
            yield Text(line, style="dim")


def _pair(retention: Retention) -> str:
    if not retention.reviews:
        return "–"
    return f"{_percent(retention.true).rstrip('%')} / {_percent(retention.predicted).rstrip('%')}"


class HardestTable:
    """The hardest cards: lapses, recall now, the card's front (cut to fit) and its file:line."""

    def __init__(self, cards: tuple[HardCard, ...]) -> None:
        self.cards = cards

    def __rich_console__(self, console, options):
        from rich import box
        from rich.table import Table
        from rich.text import Text

        from revise.render import inline_text, shorten

        width = max(10, options.max_width - 18)  # what the two number columns leave
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
        table.add_column("Lapses", justify="right", no_wrap=True)
        table.add_column("Recall", justify="right", no_wrap=True)
        table.add_column("Card · file:line", no_wrap=True)
        for card, where in zip(self.cards, _places(self.cards)):
            where = _one_line(where) + (" (suspended)" if card.suspended else "")
            # the front on one line as review shows it: math as Unicode, controls inert
            line = Text(shorten(inline_text(card.front).plain, width)) + Text("\n" + shorten(where, width, keep_end=True), style="dim")
            table.add_row(f"{card.lapses}", _percent(card.retrievability), line)
        yield table


def _places(cards: tuple[HardCard, ...]) -> list[str]:
    """file:line for each card, relative to the folder the listed files share."""
    import os

    folders = {os.path.dirname(card.source) for card in cards if card.source}
    root = os.path.commonpath(folders) if folders else None
    places = []
    for card in cards:
        path = os.path.relpath(card.source, root) if card.source and root else (card.source or "?")
        places.append(f"{path}:{card.line}" if card.line else path)
    return places


class Heatmap:
    """Reviews per day, GitHub style: a row per weekday (Mon–Sun), a column per week."""

    def __init__(self, days: tuple[tuple[date, int], ...]) -> None:
        self.days = days
        self.peak = max((n for _, n in days), default=0)

    def level(self, count: int) -> int:
        """0 for no reviews, else 1–4 by quarters of the busiest day."""
        return 0 if count <= 0 or not self.peak else min(4, math.ceil(4 * count / self.peak))

    def __rich_console__(self, console, options):
        from rich.text import Text

        weeks = [self.days[i : i + 7] for i in range(0, len(self.days), 7)]
        fits = max(1, (options.max_width - 4) // 2)
        if len(weeks) > fits:
            yield Text(f"    only the last {fits} weeks fit", style="dim")
            weeks = weeks[-fits:]
        yield self._months(weeks)
        for weekday, label in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
            line = Text(f"{label:<4}", style="dim")
            for week in weeks:
                if weekday < len(week):
                    level = self.level(week[weekday][1])
                    line.append(SHADES[level], style=SHADE_STYLES[level])
                line.append(" ")
            line.rstrip()
            yield line
        yield from self._legend(options.max_width)

    def _months(self, weeks: list) -> Text:
        from rich.text import Text

        line, column = " " * 4, 4
        for index, week in enumerate(weeks):
            first = week[0][0]
            if index == 0 or first.month != weeks[index - 1][0][0].month:
                at = 4 + 2 * index
                if at >= column:
                    line += " " * (at - column) + f"{first:%b}"
                    column = at + 3
        return Text(line.rstrip(), style="dim")

    def _legend(self, width: int) -> list[Text]:
        """The shades from less to more, then what the darkest means: on a second line if narrow."""
        from rich.text import Text

        legend = Text("    less ", style="dim")
        for level in range(5):
            legend.append(SHADES[level], style=SHADE_STYLES[level])
            legend.append(" ")
        legend.append("more", style="dim")
        if not self.peak:
            return [legend]
        scale = f"{SHADES[4]} up to {self.peak:,} a day, {SHADES[1]} from 1"
        if legend.cell_len + 3 + len(scale) <= width:
            legend.append(f"   {scale}", style="dim")
            return [legend]
        return [legend, Text(f"    {scale}", style="dim")]


class Forecast:
    """Cards due per day as vertical bars (today holds the overdue cards)."""

    height = 8

    def __init__(self, days: tuple[tuple[date, int], ...]) -> None:
        self.days = days

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not any(n for _, n in self.days):
            yield Text("nothing due today" if len(self.days) == 1 else f"nothing due in the next {len(self.days)} days", style="dim")
            return
        bars, per_bar, step = self._bars(options.max_width)
        peak = max(n for _, n in bars)
        label = len(f"{peak:,}")
        for row in range(self.height, 0, -1):
            axis = f"{peak:,}" if row == self.height else ("0" if row == 1 else "")
            line = Text(f"{axis:>{label}} ", style="dim")
            for index, (_, count) in enumerate(bars):
                eighths = round(count / peak * self.height * 8)
                if count and not eighths:
                    eighths = 1  # a day with any card shows a sliver
                filled = max(0, min(8, eighths - (row - 1) * 8))
                line.append(BAR_EIGHTHS[filled], style="yellow" if index == 0 else "cyan")
                line.append(" " * (step - 1))
            line.rstrip()
            yield line
        yield self._dates(bars, label, step, per_bar, options.max_width)
        yield from self._summary(per_bar, options.max_width)

    def _bars(self, width: int) -> tuple[list[tuple[date, int]], int, int]:
        """(first day, cards) per bar, days per bar and columns per bar, to fit `width`."""
        room = max(1, width - len(f"{sum(n for _, n in self.days):,}") - 1)
        if 2 * len(self.days) <= room:
            return list(self.days), 1, 2
        per_bar = math.ceil(len(self.days) / room)
        groups = [self.days[i : i + per_bar] for i in range(0, len(self.days), per_bar)]
        return [(group[0][0], sum(n for _, n in group)) for group in groups], per_bar, 1

    def _summary(self, per_bar: int, width: int) -> list[Text]:
        """Today's cards, the next week's and the whole span's, on as few lines as fit."""
        from rich.text import Text

        days = len(self.days)
        parts = [f"due today (with overdue) {self.days[0][1]:,}"]
        if days > 7:
            parts.append(f"next 7 days {sum(n for _, n in self.days[:7]):,}")
        if days > 1:  # "next 5 days" when that is the whole span, else "30 days" after "next 7 days"
            parts.append(f"{'next ' if days <= 7 else ''}{days} days {sum(n for _, n in self.days):,}")
        lines = _packed(parts, width, " · ") + ([f"a bar is {per_bar} days"] if per_bar > 1 else [])
        return [Text(line, style="dim") for line in lines]

    def _dates(self, days, label: int, step: int, per_bar: int, width: int) -> Text:
        """A date under every 7th bar, where it fits two columns clear of the one before."""
        from rich.text import Text

        line, column = " " * (label + 1), label + 1
        for index, (day, _) in enumerate(days):
            at = label + 1 + index * step
            if index % 7 == 0 and (index == 0 or at >= column + 2):
                text = "today" if index == 0 else f"{day.day} {day:%b}" if per_bar == 1 else f"{day:%b %Y}"
                if at + len(text) > width:
                    break
                line += " " * (at - column) + text
                column = at + len(text)
        return Text(line, style="dim")
