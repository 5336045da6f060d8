"""Forgetting curves: FSRS-6's R = (1 + factor·t/S)^−decay with the weights each deck's settings give."""

from __future__ import annotations

from revise.config import Config, Settings
from revise.errors import ReviseError


def fsrs_curve(settings: Settings) -> tuple[float, float]:
    """(decay, factor) of the FSRS-6 forgetting curve R = (1 + factor·t/S)^−decay for these settings."""
    from fsrs.scheduler import DEFAULT_PARAMETERS

    parameters = settings.parameters or DEFAULT_PARAMETERS
    if len(parameters) != len(DEFAULT_PARAMETERS):
        raise ReviseError(f"parameters in config.toml must be {len(DEFAULT_PARAMETERS)} FSRS-6 weights, not {len(parameters)}.")
    decay = parameters[20]
    return decay, 0.9 ** (1 / -decay) - 1


def main_settings(config: Config, deck: str | None) -> Settings:
    """The settings the headline figures use: the chosen deck's, else the global ones."""
    return config.for_deck(deck) if deck else config.default


def curve_overrides(config: Config, deck: str | None) -> list[tuple[str, float, float]]:
    """(deck, decay, factor) of each override within `deck` (all of them for None), deepest last; []
    when they all share the main forgetting curve, so one curve serves every review."""
    inside = [name for name, _ in config.decks if deck is None or name == deck or name.startswith(deck + "::")]
    overrides = [(name, *fsrs_curve(config.for_deck(name))) for name in sorted(inside, key=lambda n: n.count("::"))]
    main = fsrs_curve(main_settings(config, deck))
    return overrides if any((decay, factor) != main for _, decay, factor in overrides) else []


class DeckCurves(dict):
    """deck → (decay, factor, leech threshold), looked up in the config once per deck."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def __missing__(self, deck: str) -> tuple[float, float, int]:
        settings = self.config.for_deck(deck)
        self[deck] = value = (*fsrs_curve(settings), settings.leech_threshold)
        return value


def recall_now(row: tuple, now: int, curves: DeckCurves) -> float | None:
    """A studied card's retrievability at `now` (whole days elapsed, as py-fsrs counts them)."""
    _, deck, state, stability, _, _, _, _, last, _ = row
    if state == "new" or not stability or last is None:
        return None
    decay, factor, _ = curves[deck]
    return (1 + factor * max(0, (now - last) // 86400) / stability) ** -decay
