"""Settings from config.toml (user config directory), with Anki's defaults and per-deck overrides."""

from __future__ import annotations

import contextlib
import math
import os
import tomllib
from collections.abc import Iterator
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
    type_answers: bool = False  # type basic and cloze answers before they are revealed (--type for one session)
    parameters: tuple[float, ...] | None = None  # FSRS weights; None = fsrs defaults
    max_note_size_mb: int = 10  # a larger note file is skipped, with a warning (global only)


# One value for the whole collection: a deck override of these is an error.
GLOBAL_ONLY = {
    "day_start_hour": "one day boundary for all decks: limits and burying share it",
    "max_note_size_mb": "files are read before their decks are known",
}


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

    @property
    def max_note_bytes(self) -> int:
        """The size over which a note file is skipped (max_note_size_mb, in bytes)."""
        return self.default.max_note_size_mb * 2**20


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
        return config_from_text(path.read_text(encoding="utf-8"), path)
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviseError(f"{path}: cannot read the config ({exc}). Fix or delete the file.") from exc


def config_from_text(text: str, path: Path) -> Config:
    """The Config that config.toml text `text` (read from `path`) sets."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
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
    known = [f.name for f in fields(Settings)]
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise ReviseError(f"{path}: {where}unknown setting '{key}'. Known: {', '.join(sorted(known))}.")
        if where and key in GLOBAL_ONLY:
            raise ReviseError(f"{path}: {where}'{key}' can only be set globally, above the [decks] tables "
                              f"({GLOBAL_ONLY[key]}).")
        try:
            changes[key] = _setting_value(key, value)
        except ValueError as exc:
            raise ReviseError(f"{path}: {where}'{key}' {exc}, not {value!r}.") from None
    return replace(base, **changes)


def _setting_value(key: str, value: object) -> object:
    """`value` as setting `key` holds it; ValueError saying what it must be (TOML types are loose, and
    a value out of range would fail only later, or never: Easy giving 1m, a negative daily limit)."""
    converted = _typed_value(key, value)
    problem = _range_problem(key, converted)
    if problem:
        raise ValueError(problem)
    return converted


def _typed_value(key: str, value: object) -> object:
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
        return value  # _range_problem says what it may be
    if not _is_number(value):
        raise ValueError("must be a number")
    if isinstance(default, int):
        if isinstance(value, float) and not value.is_integer():  # 1.5, inf, nan
            raise ValueError("must be a whole number")
        value = int(value)
    return value


def _range_problem(key: str, value: object) -> str | None:
    """What setting `key` must be, if `value` is outside what it allows (types are _setting_value's)."""
    if key == "desired_retention" and not 0 < value < 1:
        return "must be a number between 0 and 1 (exclusive), such as 0.9"
    if key in ("learning_steps", "relearning_steps") and not all(0 < step < math.inf for step in value):
        return "must be a list of minutes, each more than 0, such as [1.0, 10.0] ([] for none)"
    if key in ("new_per_day", "reviews_per_day") and value < 0:
        return "must be a whole number, 0 or more"
    if key == "maximum_interval" and value < 1:
        return "must be a whole number of days, 1 or more"
    if key == "leech_threshold" and value < 1:
        return "must be a whole number of lapses, 1 or more"
    if key == "max_note_size_mb" and value < 1:
        return "must be a whole number of megabytes, 1 or more"
    if key == "day_start_hour" and not 0 <= value <= 23:
        return "must be an hour from 0 to 23"
    if key == "leech_action" and value not in ("suspend", "tag"):
        return 'must be "suspend" or "tag"'
    if key == "parameters" and value is not None:
        return _fsrs_weights_problem(value)
    return None


def _fsrs_weights_problem(weights: tuple[float, ...]) -> str | None:
    """py-fsrs's own check of the weights' count and bounds, as one line (None if they pass)."""
    from fsrs import Scheduler

    try:
        Scheduler(parameters=weights)
    except ValueError as exc:
        first, *details = str(exc).splitlines()  # "One or more parameters are out of bounds:", then one a line
        return f"must be FSRS weights that py-fsrs accepts ({' '.join([first, '; '.join(details)]).strip()})"
    return None


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


# The unit or meaning shown after each setting by `revise config` (docs/review.md's sample is its output).
COMMENTS = {
    "desired_retention": "the share of reviews you should get right",
    "learning_steps": "minutes",
    "relearning_steps": "minutes",
    "maximum_interval": "days",
    "new_per_day": "new cards a study day",
    "reviews_per_day": "reviews a study day",
    "day_start_hour": "local time",
    "leech_threshold": "lapses",
    "leech_action": '"suspend" or "tag"',
    "type_answers": "type answers before they show (basic, cloze)",
    "parameters": "FSRS weights (21 numbers)",
    "max_note_size_mb": "MB: a larger note file is skipped, with a warning",
}


def settings_toml(settings: Settings, base: Settings | None = None) -> str:
    """Settings as config.toml lines with their units (only those that differ from `base`, when given)."""
    lines = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if base is not None and value == getattr(base, f.name):
            continue
        if value is None:
            lines.append((f"# {f.name} = [...]", COMMENTS[f.name] + "; the fsrs defaults if absent"))
        else:
            lines.append((f"{f.name} = {_toml_value(value)}", COMMENTS.get(f.name)))
    # Comments line up in a column, except after a line too long to share it (21 weights)
    width = max((len(line) for line, comment in lines if comment and len(line) <= 40), default=0)
    return "\n".join(f"{line:<{width}}  # {comment}" if comment else line for line, comment in lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)



def with_parameters(path: Path, parameters: dict[str | None, tuple[float, ...]]) -> str:
    """config.toml's text with `parameters` set globally (key None) or in [decks."Name"], the rest of
    the file (comments too) as it was; checked as load_config checks it."""
    import tomlkit

    try:
        document = tomlkit.parse(path.read_bytes().decode("utf-8"))  # bytes: line endings kept as they are
    except FileNotFoundError:
        document = tomlkit.document()
    for deck, values in parameters.items():
        table = document if deck is None else _deck_table(document, deck)
        table["parameters"] = [float(v) for v in values]
    text = tomlkit.dumps(document)
    config_from_text(text, path)  # never write a config.toml that revise would refuse
    return text


@contextlib.contextmanager
def config_replaced(path: Path, text: str | bytes) -> Iterator[None]:
    """Write `text` beside config.toml, run the block, then move the file into place (a ReviseError naming it if it cannot be)."""
    # Written first, so that a full disk or a folder that cannot be written fails before the block's
    # changes; moved last, atomically: config.toml is the old text or the new, never half of one.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
        yield
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _cannot_write(path: Path, exc: OSError) -> ReviseError:
    return ReviseError(f"{path}: cannot write the config ({exc.strerror or exc})")


def _deck_table(document, deck: str):
    """The [decks."deck"] table of a tomlkit document, made when missing."""
    import tomlkit

    decks = document.setdefault("decks", tomlkit.table(is_super_table=True))
    return decks.setdefault(deck, tomlkit.table())
