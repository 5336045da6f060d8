"""How well FSRS predicts recall on held-out reviews: fitted parameters, FSRS-6 defaults and a
constant rate, on a real review log and on a simulated learner whose true parameters are known.

    python bench/scheduling.py [REVLOG.csv] [--cards 5000] [--days 365] [--seed 7] [--json]

REVLOG.csv is a log in the format of ../shared/data/review-log-josh.csv (columns card_id,
review_rating, review_time, review_duration; that file is used when no log is named and it is
there). Each card's answers become FSRS items as `revise optimize` builds them (days counted from
4 am UTC); the items are sorted by the time of the answer they predict, parameters are fitted to
the first 80 % and all three predictors are judged on the last 20 %, by log loss and RMSE(bins).
The constant rate is the training items' share recalled. The simulated learner (bench/learners.py,
`strong_learner`: memory far from the defaults) studies `--cards` new cards over `--days` days with
revise's scheduler; its true parameters are judged on the same held-out items.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere
from bench.learners import strong_learner, study  # noqa: E402
from bench.shared_data import shared_data  # noqa: E402
from revise.scheduling.fit_items import FitItem, LoggedAnswer  # noqa: E402
from revise.scheduling.fitting import compute_parameters, default_parameters, evaluate  # noqa: E402
from revise.scheduling.optimize import group_items  # noqa: E402
from revise.scheduling.prediction import constant_evaluation, evaluate_predictions, predicted_recall  # noqa: E402

DEFAULT_LOG = (shared_data() or Path("../shared/data")) / "review-log-josh.csv"
COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")
TRAIN_SHARE = 0.8
MIN_HELD_OUT = 50  # items to predict, below which the figures say nothing
DAY_START_HOUR = 4  # the log's times are UTC; its learner's time zone is not known


class LogError(Exception):
    """A review log that cannot be read: the message names the file, the line and what is wrong."""


def read_log(path: Path) -> dict[str, list[LoggedAnswer]]:
    """A review log in review-log-josh.csv's format → card id → its answers in time order (the first
    answer of each card is its answer as a new card)."""
    histories: dict[str, list[LoggedAnswer]] = {}
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file)
        if missing := [c for c in COLUMNS if c not in (rows.fieldnames or ())]:
            raise LogError(f"{path}: no column {', '.join(missing)} (expected {','.join(COLUMNS)})")
        for line, row in enumerate(rows, 2):
            histories.setdefault(row["card_id"], []).append(_logged(row, path, line))
    for answers in histories.values():
        answers.sort(key=lambda a: a.at)
        answers[0] = LoggedAnswer(answers[0].at, answers[0].rating, "new", answers[0].duration_ms)
    return histories


def _logged(row: dict, path: Path, line: int) -> LoggedAnswer:
    """One CSV row as a review answer (its state set once the card's answers are in order)."""
    try:
        at, rating = datetime.fromisoformat(row["review_time"]), int(row["review_rating"])
        duration = int(float(row["review_duration"] or 0))
    except (TypeError, ValueError) as exc:
        raise LogError(f"{path}, line {line}: {exc}") from None
    if rating not in (1, 2, 3, 4):
        raise LogError(f"{path}, line {line}: rating {rating} is not 1 (Again) to 4 (Easy)")
    return LoggedAnswer(at if at.tzinfo else at.replace(tzinfo=timezone.utc), rating, "review", duration)


def split(items: list[FitItem], share: float = TRAIN_SHARE) -> tuple[list[FitItem], list[FitItem]]:
    """The first `share` of items in time order (to fit on) and the rest (to predict)."""
    ordered = sorted(items, key=lambda item: item.at)
    cut = int(len(ordered) * share)
    return ordered[:cut], ordered[cut:]


def held_out(histories: dict, true_parameters: tuple[float, ...] | None = None,
             day_start_hour: int = DAY_START_HOUR) -> dict:
    """Fit on the first 80 % of the items of `histories`, and judge the fitted parameters, the
    defaults, a constant rate (and `true_parameters` when known) on the last 20 %: as fsrs-rs's
    evaluate judges (recent items weigh more), and under "unweighted" with every item alike."""
    items, _ = group_items(histories, day_start_hour, timezone.utc)
    train, test = split(items)
    if len(test) < MIN_HELD_OUT:
        raise LogError(f"only {len(items)} reviews on a later day than the card's answer before: "
                       f"too few to hold {MIN_HELD_OUT} out")
    rate = sum(item.recalled for item in train) / len(train)
    predictors = {"fitted": compute_parameters(train), "default": default_parameters()}
    if true_parameters is not None:
        predictors["true"] = true_parameters
    found = {name: evaluate(parameters, test).to_json() for name, parameters in predictors.items()}
    unweighted = {name: evaluate_predictions(test, predicted_recall(parameters, test), recency=False).to_json()
                  for name, parameters in predictors.items()}
    return {**found, "constant": constant_evaluation(rate, test).to_json(), "reviews": len(test),
            "trained_on": len(train),
            "unweighted": {**unweighted, "constant": constant_evaluation(rate, test, recency=False).to_json()}}


def synthetic(cards: int, days: int, seed: int = 7) -> dict:
    """The held-out figures of the strong learner, studying `cards` new cards over `days` days."""
    learner = strong_learner(default_parameters())
    found = held_out(study(learner, cards, days, seed=seed), learner.parameters)
    return {**found, "cards": cards, "days": days,
            "fit_vs_true": round(found["fitted"]["log_loss"] / found["true"]["log_loss"] - 1, 4)}


def report(name: str, found: dict) -> str:
    """A plain table of one evaluation: log loss and RMSE(bins) per predictor, weighted as fsrs-rs
    weighs them and unweighted."""
    lines = [f"{name}: fitted on {found['trained_on']:,} items, predicting {found['reviews']:,}",
             f"  {'':<10}{'log loss':>10}{'RMSE(bins)':>12}   {'unweighted:':<12}{'log loss':>9}{'RMSE(bins)':>12}"]
    for key in ("fitted", "true", "default", "constant"):
        if key in found:
            weighted, plain = found[key], found["unweighted"][key]
            lines.append(f"  {key:<10}{weighted['log_loss']:>10.4f}{weighted['rmse_bins']:>12.4f}   {'':<12}"
                         f"{plain['log_loss']:>9.4f}{plain['rmse_bins']:>12.4f}")
    return "\n".join(lines)


def run(log: Path | None, cards: int, days: int, seed: int = 7) -> tuple[dict, list[str]]:
    """The bench's JSON object (the log's figures at the top, the learner's under "synthetic"), and
    notes for stderr."""
    notes, found = [], {"log": None, "fitted": None, "default": None, "constant": None, "reviews": 0}
    if log is not None and log.is_file():
        found = {"log": str(log), **held_out(read_log(log))}
    else:
        notes.append(f"No review log at {log}: skipped (name one: bench/scheduling.py REVLOG.csv).")
    if cards:
        found["synthetic"] = synthetic(cards, days, seed)
    return found, notes


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, evaluate, print a table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", nargs="?", type=Path, default=DEFAULT_LOG, metavar="REVLOG.csv")
    parser.add_argument("--cards", type=int, default=5000, help="the simulated learner's cards (0: none)")
    parser.add_argument("--days", type=int, default=365, help="the simulated learner's days of study")
    parser.add_argument("--seed", type=int, default=7, help="the simulated learner's random seed")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    try:
        found, notes = run(args.log, args.cards, args.days, args.seed)
    except (LogError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    if args.json:
        print(json.dumps(found, indent=2))
        return 0
    tables = [report(f"Review log {found['log']}", found)] if found["log"] else []
    if "synthetic" in found:
        tables.append(report(f"Simulated learner ({args.cards} cards, {args.days} days)", found["synthetic"]))
    print("\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
