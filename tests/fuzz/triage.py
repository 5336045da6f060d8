"""Each crash input run through its target again, grouped by what it raises and where:
`python tests/fuzz/triage.py FILE_OR_FOLDER...` (names start with the target: anki-crash-…).

A ReviseError is a refusal with a message (fine); any other exception is printed with the line of
revise that raised it. A text input is tried with every suffix (.txt, .csv, .tsv)."""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from revise.errors import ReviseError  # noqa: E402
from tests.fuzz import targets  # noqa: E402


def runs_of(name: str, data: bytes, folder: Path) -> list[tuple[str, object]]:
    """The target calls a crash file stands for (a text one: once per suffix), each with a label."""
    target = name.split("-", 1)[0]
    if target == "parser":
        return [("parser", lambda: targets.parse_text(data.decode("utf-8", "replace")))]
    if target == "markdown":
        return [("markdown", lambda: targets.import_markdown(data))]
    if target == "text":  # the atheris run used data[0] to pick the suffix; try them all
        body = data[1:]
        return [(f"text{s}", lambda s=s: targets.import_text_deck(body, s, folder)) for s in targets.TEXT_SUFFIXES]
    if target == "anki":
        return [("anki", lambda: targets.import_anki_package(data, folder))]
    if target == "anki_collection":
        return [("anki_collection", lambda: targets.import_anki_collection(data, b"{}", folder))]
    raise SystemExit(f"{name}: unknown target {target!r}")


def outcome(run) -> str:
    """'ok', 'ReviseError', or the exception's type and the innermost line of revise it passed through."""
    try:
        run()
    except ReviseError:
        return "ReviseError"
    except Exception as exc:  # noqa: BLE001 — triage reports every kind of crash
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/revise/" in f.filename]
        where = f"{Path(frames[-1].filename).relative_to(Path(frames[-1].filename).parents[1])}:{frames[-1].lineno}" if frames else "?"
        return f"{type(exc).__name__} at {where}"
    return "ok"


def main(paths: list[str]) -> int:
    files = sorted(f for p in map(Path, paths) for f in ([p] if p.is_file() else p.iterdir()) if f.is_file())
    groups: dict[str, list[Path]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        for file in files:
            for label, run in runs_of(file.name, file.read_bytes(), Path(folder)):
                groups[f"{label}: {outcome(run)}"].append(file)
    for key, names in sorted(groups.items()):
        smallest = min(names, key=lambda f: (f.stat().st_size, f.name))
        print(f"{len(names):4}  {key}\n      smallest: {smallest.name} ({smallest.stat().st_size} bytes)")
    return 1 if any(not k.endswith((": ok", ": ReviseError")) for k in groups) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
