"""Settings from config.toml (user config directory), with Anki's defaults and per-deck overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from revise.errors import ReviseError


@dataclass(frozen=True)
class Settings:
    """Scheduling settings for one deck (DESIGN.md §5 defaults)."""

    desired_retention: float = 0.9
    learning_steps: tuple[float, ...] = (1.0, 10.0)  # minutes
    relearning_steps: tuple[float, ...] = (10.0,)  # minutes
    maximum_interval: int = 36500  # days
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = 4  # local time
    leech_threshold: int = 8  # lapses
    leech_action: str = "suspend"  # "suspend" or "tag"
    fuzz: bool = True
    parameters: tuple[float, ...] | None = None  # FSRS weights; None = fsrs defaults


@dataclass(frozen=True)
class Config:
    """Global settings plus per-deck overrides (a deck's override also applies to its subdecks)."""

    default: Settings = Settings()
    decks: tuple[tuple[str, Settings], ...] = ()
    path: Path | None = None

    def override_for(self, deck: str) -> str | None:
        """The name of the override that applies to `deck` (the longest matching one), or None."""
        matching = [name for name, _ in self.decks if deck == name or deck.startswith(name + "::")]
        return max(matching, key=len, default=None)

    def for_deck(self, deck: str) -> Settings:
        """The settings that apply to `deck`: the longest matching override, else the defaults."""
        name = self.override_for(deck)
        return self.default if name is None else dict(self.decks)[name]


def config_path() -> Path:
    """$REVISE_CONFIG, else config.toml in the user config directory."""
    env = os.environ.get("REVISE_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("revise", appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read config.toml; a missing file means all defaults."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReviseError(f"{path}: cannot read the config ({exc}). Fix or delete the file.") from exc
    decks = data.pop("decks", {})
    if not isinstance(decks, dict):
        raise ReviseError(f'{path}: [decks] must be a table of per-deck settings, like [decks."Deck name"].')
    default = _settings(Settings(), data, path, "")
    overrides = tuple(
        (name, _settings(default, values, path, f"[decks.\"{name}\"] "))
        for name, values in decks.items()
    )
    return Config(default=default, decks=overrides, path=path)


def _settings(base: Settings, values: object, path: Path, where: str) -> Settings:
    if not isinstance(values, dict):
        raise ReviseError(f"{path}: {where}must be a table of settings, not {values!r}.")
    known = {f.name for f in fields(Settings)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise ReviseError(f"{path}: {where}unknown setting '{key}'. Known: {', '.join(known)}.")
        try:
            changes[key] = _setting_value(key, value)
        except ValueError as exc:
            raise ReviseError(f"{path}: {where}'{key}' {exc}, not {value!r}.") from None
    return replace(base, **changes)


def _setting_value(key: str, value: object) -> object:
    """`value` as setting `key` holds it; ValueError saying what it must be (TOML types are loose)."""
    default = getattr(Settings(), key)
    if key in ("learning_steps", "relearning_steps", "parameters"):
        if not isinstance(value, list) or not all(map(_is_number, value)):
            raise ValueError("must be a list of numbers")
        return tuple(float(v) for v in value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if key == "leech_action":
        if value not in ("suspend", "tag"):
            raise ValueError('must be "suspend" or "tag"')
        return value
    if not _is_number(value):
        raise ValueError("must be a number")
    if isinstance(default, int):
        if isinstance(value, float) and not value.is_integer():  # 1.5, inf, nan
            raise ValueError("must be a whole number")
        value = int(value)
    if key == "day_start_hour" and not 0 <= value <= 23:
        raise ValueError("must be an hour from 0 to 23")
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def config_toml(config: Config) -> str:
    """The settings in effect as config.toml text: a comment naming the file, then the global
    settings, then each deck override (only what it changes)."""
    exists = "" if config.path and config.path.exists() else "  (not found: the defaults apply)"
    parts = [f"# {config.path}{exists}", settings_toml(config.default)]
    for name, settings in config.decks:
        parts.append(f'\n[decks."{name}"]\n' + settings_toml(settings, base=config.default))
    return "\n".join(parts)


def settings_toml(settings: Settings, base: Settings | None = None) -> str:
    """Settings as config.toml lines (only those that differ from `base`, when given)."""
    lines = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if base is not None and value == getattr(base, f.name):
            continue
        if value is None:
            lines.append(f"# {f.name} = [...]  (the fsrs default weights)")
        else:
            lines.append(f"{f.name} = {_toml_value(value)}")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)
