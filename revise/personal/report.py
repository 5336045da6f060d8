"""What `revise optimize` and `revise simulate` print for a learner: plain text, no markup."""

from __future__ import annotations

import textwrap

from revise.personal.optimize import GroupFit, Optimized
from revise.scheduling.simulator import Workload, least_work


def optimize_report(done: Optimized, shown_config: str, width: int | None = None) -> str:
    """Each group's figures and verdict, then what changed and what to do next (prose wrapped at
    `width`, for a terminal; None: one line per sentence group, for a pipe)."""
    parts = [_group_lines(group, width) for group in done.groups]
    parts.append(_wrap(_outcome(done, shown_config), width))
    return "\n\n".join(parts)


def _group_lines(group: GroupFit, width: int | None) -> str:
    """A group's reviews, its two evaluations side by side, the verdict and any notes on grading."""
    fit, title = group.fit, "All decks" if group.deck is None else f'Deck "{group.deck}"'
    lines = [_wrap(f"{title}: {fit.reviews:,} review{'s' * (fit.reviews != 1)} of {fit.cards:,} "
                   f"card{'s' * (fit.cards != 1)} to learn from (a card's first answer on each day after the "
                   "day it was new; its other answers are part of its history).", width)]
    if fit.current and fit.fitted:
        current = "current (FSRS-6 defaults)" if fit.defaults else "current (config.toml)"
        lines.append(f"  {'':<26}{'log loss':>10}{'RMSE(bins)':>12}   (lower is better)")
        for name, figures in ((current, fit.current), ("fitted to your answers", fit.fitted)):
            lines.append(f"  {name:<26}{figures.log_loss:>10.4f}{figures.rmse_bins:>12.2%}")
    verdict = "Saved the fitted parameters" if fit.saved else "Kept the current parameters"
    lines.append(_wrap(f"{verdict}: {fit.reason}.", width, "  "))
    lines += [_wrap(f"Note: {warning}", width, "  ", "        ") for warning in fit.warnings]
    return "\n".join(lines)


def _outcome(done: Optimized, shown_config: str) -> str:
    """What changed (config.toml, memory states, due dates) and what the learner can do now."""
    if not any(group.fit.saved for group in done.groups):
        return _kept(done)
    moved = (f"{_count(done.rescheduled, 'due date')} moved to match." if done.rescheduled else
             "Due dates are unchanged: cards come up when they were planned, and each answer from now on is "
             "scheduled with the new parameters (to move due dates now, run `revise optimize --reschedule`).")
    return (f"The new parameters are in {shown_config}, and the memory state of {_count(done.recomputed, 'card')} "
            f"was recomputed from their answers. {moved} Run `revise optimize` again in a month or so, as your "
            "history grows.")


def _kept(done: Optimized) -> str:
    """The outcome when no group saved new parameters: nothing, or (--reschedule) due dates moved."""
    if done.recomputed:  # --reschedule, with the parameters in effect
        dates = (f"{_count(done.rescheduled, 'due date')} moved to what they give." if done.rescheduled
                 else "every due date already matched them.")
        return (f"No new parameters. The memory state of {_count(done.recomputed, 'card')} was recomputed from "
                f"their answers with your current parameters, and {dates}")
    if any(group.fit.fitted is None for group in done.groups):
        return "Nothing changed. Keep reviewing, and run `revise optimize` again when you have more history."
    return "Nothing changed. Your current parameters already fit you well."


def _count(number: int, thing: str) -> str:
    """'1 card', '1,205 cards'."""
    return f"{number:,} {thing}{'s' * (number != 1)}"


def _wrap(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> str:
    """`text` indented, and wrapped at word boundaries to `width` columns when given."""
    hanging = indent if hanging is None else hanging
    if width is None:
        return indent + text
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=hanging, break_on_hyphens=False,
                         break_long_words=False)


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
