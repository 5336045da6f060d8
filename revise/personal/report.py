"""What `revise optimize` and `revise simulate` print for a learner: plain text, no markup."""

from __future__ import annotations

from revise.personal.optimize import GroupFit, Optimized
from revise.scheduling.simulator import Workload, least_work


def optimize_report(done: Optimized, shown_config: str) -> str:
    """Each group's figures and verdict, then what changed and what to do next."""
    parts = [_group_lines(group) for group in done.groups]
    parts.append(_outcome(done, shown_config))
    return "\n\n".join(parts)


def _group_lines(group: GroupFit) -> str:
    """A group's reviews, its two evaluations side by side, the verdict and any notes on grading."""
    fit, title = group.fit, "All decks" if group.deck is None else f'Deck "{group.deck}"'
    lines = [f"{title}: {fit.reviews:,} review{'s' * (fit.reviews != 1)} of {fit.cards:,} card{'s' * (fit.cards != 1)}."]
    if fit.current and fit.fitted:
        current = "current (FSRS-6 defaults)" if fit.defaults else "current (config.toml)"
        lines.append(f"  {'':<26}{'log loss':>10}{'RMSE(bins)':>12}")
        for name, figures in ((current, fit.current), ("fitted to your answers", fit.fitted)):
            lines.append(f"  {name:<26}{figures.log_loss:>10.4f}{figures.rmse_bins:>12.2%}")
    verdict = "Saved the fitted parameters" if fit.saved else "Kept the current parameters"
    lines.append(f"  {verdict}: {fit.reason}.")
    lines += [f"  Note: {warning}" for warning in fit.warnings]
    return "\n".join(lines)


def _outcome(done: Optimized, shown_config: str) -> str:
    """What changed (config.toml, memory states, due dates) and what the learner can do now."""
    if not any(group.fit.saved for group in done.groups):
        short = any(group.fit.fitted is None for group in done.groups)
        return ("Nothing changed. " + ("Keep reviewing, and run `revise optimize` again when you have more history."
                                       if short else "Your current parameters already fit you well."))
    cards = f"{done.recomputed:,} card{'s' * (done.recomputed != 1)}"
    moved = (f"{done.rescheduled:,} due date{'s' * (done.rescheduled != 1)} moved to match."
             if done.rescheduled else "Due dates are unchanged: reviews come when they were planned, and later "
             "answers use the new parameters (`revise optimize --reschedule` moves due dates now).")
    return (f"The new parameters are in {shown_config}. The memory state of {cards} was recomputed from "
            f"their answers. {moved}")


def workload_report(workloads: list[Workload]) -> str:
    """One line per retention: reviews and minutes a day, cards memorised; the cheapest marked."""
    best = least_work(workloads)
    days = workloads[0].days
    header = f"{'retention':>9}{'reviews/day':>13}{'minutes/day':>13}{'memorised':>11}{'min/card':>10}"
    lines = [f"Forecast for the next {days} days:", header]
    for w in workloads:
        mark = "  ← least work per card" if w is best and len(workloads) > 1 else ""
        lines.append(f"{w.retention:>9.0%}{w.total_reviews / days:>13.1f}{sum(w.minutes_per_day) / days:>13.1f}"
                     f"{w.memorized:>11,.0f}{w.minutes_per_card:>10.2f}{mark}")
    if len(workloads) > 1:
        lines.append(f"Set desired_retention in config.toml to choose; {best.retention:.0%} costs the fewest "
                     "minutes for each card you will know.")
    return "\n".join(lines)
