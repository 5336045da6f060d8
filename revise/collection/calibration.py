"""Predicted against actual recall of the review log, binned in SQL: what `revise stats` shows as
calibration."""

from __future__ import annotations

from sqlite_utils import Database

from revise.collection.stats import _card_filter, _limit_curves, _limit_to_deck

# bins of predicted recall as fsrs-rs's get_bin makes them: floor(21 ** p) - 1, 20 bins that narrow
# towards certain recall
_BIN = "min(19, max(0, CAST(pow(21, p) AS INTEGER) - 1))"


def calibration_rows(db: Database, deck: str | None, curve: tuple[float, float],
                     deck_curves: tuple[tuple[str, float, float], ...] = ()) -> list[tuple[float, float, int]]:
    """(mean predicted recall, share recalled, answers) per bin, low to high, of every review-state
    answer a day or more after the one before whose previous stability is known, predicted by the
    forgetting curve (decay, factor) (`deck_curves` as `read_stats` takes them)."""
    # Within a day the curve predicts certain recall: those answers (an early review, a repeat)
    # would fill the top bin with a 100 % FSRS never meant, as fsrs-rs leaves same-day answers out.
    _limit_to_deck(db, deck)
    _limit_curves(db, deck_curves)
    decay, factor, join = ":decay", ":factor", ""
    if deck_curves:
        decay, factor = "coalesce(k.decay, :decay)", "coalesce(k.factor, :factor)"
        join = " LEFT JOIN temp.stats_card_curves k ON k.id = f.card_id"
    days = "CASE WHEN f.elapsed_s < 0 THEN 0 ELSE f.elapsed_s / 86400 END"  # whole days, as stats counts them
    sql = f"""
        SELECT avg(p), avg(recalled), count(*) FROM (
            SELECT pow(1 + {factor} * {days} / f.prev_stability, -{decay}) AS p, f.rating > 1 AS recalled
            FROM review_facts f{join}
            WHERE f.state = 'review' AND f.prev_stability > 0 AND f.elapsed_s >= 86400{_card_filter(deck)}
        ) WHERE p IS NOT NULL GROUP BY {_BIN} ORDER BY {_BIN}
    """
    return [tuple(row) for row in db.execute(sql, {"decay": curve[0], "factor": curve[1]})]
