"""Benchmark `revise import` and `revise sync` on a generated corpus of 1,000 files and 100k cards.

    python bench/bench_import.py [--files 1000] [--cards 100000] [--runs 3] [--keep DIR]

Generates the notes with bench/generate_notes.py, then times as cold subprocesses: an import into a
fresh collection, a no-change re-import, a no-change sync, a sync after touching every file
(hashed, not parsed) and a sync after adding a card to every file (all parsed and matched).
Each run works on its own copy of the notes (generated once, or read from --keep DIR). Prints a
table of the best run. Target (docs/performance.md): about 3 s for the cold import.

When the `anki` package is installed (`pip install anki`), the same run also times Anki's own CSV
import of the same cards (front and back as revise parsed them, one TSV row each) into a fresh Anki
collection, as a cold process too, so the two compare as a ratio on one machine at one time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_notes import generate  # noqa: E402


# The installed console script next to this Python (as a user runs it), else the one on PATH.
_NEXT_TO_PYTHON = Path(sys.executable).with_name("revise")
REVISE = str(_NEXT_TO_PYTHON) if _NEXT_TO_PYTHON.exists() else shutil.which("revise") or "revise"


def revise(collection: Path, *args: str) -> tuple[float, dict]:
    """Run `revise --collection … ARGS --json` in a fresh process; (seconds, parsed JSON)."""
    command = [REVISE, "--collection", str(collection), *args, "--json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return seconds, json.loads(done.stdout)


def touch_all(folder: Path) -> None:
    """Give every note a new mtime, so sync must hash them (but finds them unchanged)."""
    for path in folder.rglob("*.md"):
        path.touch()


def edit_all(folder: Path, run: int) -> None:
    """Add one card at the end of every note, so sync must parse and match every file."""
    for i, path in enumerate(sorted(folder.rglob("*.md"))):
        with path.open("a") as out:
            out.write(f"\n\nBenchmark edit {run}-{i} :: an extra card\n")


def measure(folder: Path, work: Path, runs: int) -> list[tuple[str, float, int]]:
    """(step, best seconds, cards) for each step."""
    best: dict[str, tuple[float, int]] = {}
    for run in range(runs):
        collection = work / f"run{run}.db"
        notes = shutil.copytree(folder, work / f"run{run}")
        steps = [
            ("cold import", lambda: revise(collection, "import", str(notes))),
            ("re-import, no change", lambda: revise(collection, "import", str(notes))),
            ("sync, no change", lambda: revise(collection, "sync")),
            ("sync, all files touched", lambda: (touch_all(notes), revise(collection, "sync"))[1]),
            ("sync, all files edited", lambda: (edit_all(notes, run), revise(collection, "sync"))[1]),
        ]
        for name, step in steps:
            seconds, report = step()
            cards = report["added"] + report["updated"] + report["moved"] + report["unchanged"]
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, cards)
    return [(name, seconds, cards) for name, (seconds, cards) in best.items()]


# Anki's CSV import, run in a fresh process like `revise import`: open a new collection, import, close.
ANKI_IMPORT = """
import sys
from anki.collection import Collection, ImportCsvRequest
col = Collection(sys.argv[2])
metadata = col.get_csv_metadata(path=sys.argv[1], delimiter=None)
col.import_csv(ImportCsvRequest(path=sys.argv[1], metadata=metadata))
assert col.card_count() > 0
col.close()
"""


def write_tsv(folder: Path, tsv: Path) -> int:
    """The corpus's cards as Anki would get them from a CSV export: one front<TAB>back row each."""
    from revise.notes import parse

    rows = []
    for path in sorted(folder.rglob("*.md")):
        for card in parse(path.read_text(encoding="utf-8"), str(path), "bench").cards:
            rows.append(f"{_tsv_field(card.front)}\t{_tsv_field(card.back)}")
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def _tsv_field(text: str) -> str:
    return text.replace("\t", " ").replace("\n", "<br>")


def measure_anki(folder: Path, work: Path, runs: int) -> tuple[str, float, int]:
    """Best time of Anki's CSV import of the same cards into a fresh collection."""
    tsv = work / "cards.tsv"
    cards = write_tsv(folder, tsv)
    best = float("inf")
    for run in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", ANKI_IMPORT, str(tsv), str(work / f"anki{run}.anki2")], check=True)
        best = min(best, time.perf_counter() - started)
    return ("Anki CSV import (same cards)", best, cards)


def print_table(rows: list[tuple[str, float, int]]) -> None:
    cold = rows[0][1]
    print(f"{'step':<30} {'seconds':>8} {'cards':>8} {'cards/s':>9} {'vs cold import':>15}")
    for name, seconds, cards in rows:
        print(f"{name:<30} {seconds:>8.2f} {cards:>8} {cards / seconds:>9.0f} {seconds / cold:>14.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate the notes here once and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "notes"
        if not folder.exists() or not any(folder.rglob("*.md")):
            generate(folder, files=args.files, cards=args.cards)
        rows = measure(folder, Path(tmp), args.runs)
        if importlib.util.find_spec("anki"):
            rows.append(measure_anki(folder, Path(tmp), args.runs))
        print_table(rows)


if __name__ == "__main__":
    main()
