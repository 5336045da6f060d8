"""Every speed target of revise in one table, with Anki's figures measured beside ours in the same run.

    python bench/run.py [--files 1000] [--cards 100000] [--due 10000] [--reviews 1000000] [--runs 3]
                        [--json] [--keep DIR]

Generates the corpus (bench/generate_notes.py: 1,000 note files, 100k cards), then times each step as a
fresh process and prints the median of `--runs`: a cold import, `revise sync` with nothing changed and
with one file changed, the first card on screen (`revise review` with `q` piped in) with every card new
and with `--due` cards due (answered weeks ago through the review session with a scripted clock),
`revise decks`, `revise cards --due --json`, `revise stats` on a collection of 1M reviews
(bench/bench_stats.py builds it) and `revise --help`, and the peak memory of the import.

With the `anki` package installed (`pip install anki`), the same run times Anki's CSV import of the
same cards and Anki opening that collection and fetching its first card, and prints every figure as a
ratio to Anki's: the import to Anki's import, the rest to Anki's open + first card. Compare ratios, not
seconds: the machine's speed drifts between runs, not within one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import REVISE, ANKI_IMPORT, write_tsv  # noqa: E402
from generate_notes import generate  # noqa: E402

# Anki opening a collection and fetching the card it would show first, as a fresh process.
ANKI_FIRST_CARD = """
import sys
from anki.collection import Collection
col = Collection(sys.argv[1])
assert col.sched.get_queued_cards(fetch_limit=1).cards
col.close()
"""

# Answers --due new cards Easy through revise's own review session, 40 days ago by a scripted clock,
# so that they are review cards due today (an Easy first answer gives about 8 to 15 days).
MAKE_DUE = """
import io, sys
from datetime import datetime, timedelta, timezone
from rich.console import Console
from revise.collection import open_collection
from revise.config import load_config
from revise.review import LineKeys, Selection, Session
count = int(sys.argv[2])
moment = [datetime.now(timezone.utc) - timedelta(days=40)]
def clock():
    moment[0] += timedelta(seconds=2)
    return moment[0]
keys = LineKeys(io.StringIO("\\n4\\n" * count + "q\\n"))
db = open_collection(sys.argv[1])
Session(db, Console(file=io.StringIO()), keys, config=load_config(), selection=Selection(new_limit=count),
        clock=clock).run()
"""

TARGETS = {  # measure -> (target ratio to Anki, what it is divided by)
    "cold import": (1.0, "Anki's CSV import"),
    "first card, all new": (0.8, "Anki's open + first card"),
    "first card, due cards": (0.8, "Anki's open + first card"),
    "sync, nothing changed": (0.6, "Anki's open + first card"),
    "sync, one file changed": (0.8, "Anki's open + first card"),
    "decks": (1.0, "Anki's open + first card"),
    "cards --due --json": (1.0, "Anki's open + first card"),
    "stats, 1M reviews": (None, ""),
    "--help": (0.45, "Anki's open + first card"),
}


@dataclass
class Figure:
    """One measure: the median seconds of its runs, and its ratio to Anki's figure (None without Anki)."""

    measure: str
    seconds: float
    ratio: float | None = None
    target: float | None = None
    peak_mb: float | None = None


# Runs a command and reports its wall time and the peak memory of its largest process. A small
# process of its own, because a child's peak counts the memory of the process it was forked from.
MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
if done.returncode:
    sys.exit(f"{' '.join(sys.argv[1:])} failed ({done.returncode}):\\n{done.stderr.decode(errors='replace')}")
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def timed(command: list[str], stdin: str = "") -> tuple[float, float]:
    """Run `command` as a fresh process; (wall seconds, peak memory of its largest process in MB)."""
    done = subprocess.run([sys.executable, "-S", "-c", MEASURE, *command], input=stdin, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    seconds, peak_mb = done.stdout.split()
    return float(seconds), float(peak_mb)


def medians(name: str, runs: int, command: list[str], stdin: str = "", before=None) -> Figure:
    """The median seconds and peak memory of `runs` fresh runs of `command` (`before` runs ahead of each)."""
    results = []
    for run in range(runs):
        if before:
            before(run)
        results.append(timed(command, stdin))
    return Figure(name, median(s for s, _ in results), peak_mb=max(m for _, m in results))


def revise(collection: Path, *args: str) -> list[str]:
    """The command line of `revise --collection COLLECTION ARGS…`."""
    return [REVISE, "--collection", str(collection), *args]


def measure_revise(notes: Path, work: Path, runs: int, due: int) -> list[Figure]:
    """Every revise figure but stats, on the corpus in `notes`."""
    main = work / "import.db"

    def fresh(run: int) -> None:
        main.unlink(missing_ok=True)

    figures = [medians("cold import", runs, revise(main, "import", str(notes)), before=fresh)]
    figures.append(medians("sync, nothing changed", runs, revise(main, "sync")))
    one_file = sorted(notes.rglob("*.md"))[0]

    def edit(run: int) -> None:
        with one_file.open("a", encoding="utf-8") as out:
            out.write(f"\n\nBenchmark edit {run} :: one more card\n")

    figures.append(medians("sync, one file changed", runs, revise(main, "sync"), before=edit))
    figures.append(medians("first card, all new", runs, revise(main, "review"), stdin="q\n"))
    due_db = work / "due.db"
    shutil.copy(main, due_db)
    subprocess.run([sys.executable, "-c", MAKE_DUE, str(due_db), str(due)], check=True)
    print(f"{due_cards(due_db):,} cards due in the due-cards collection", file=sys.stderr)
    figures.append(medians("first card, due cards", runs, revise(due_db, "review"), stdin="q\n"))
    figures.append(medians("decks", runs, revise(due_db, "decks")))
    figures.append(medians("cards --due --json", runs, revise(due_db, "cards", "--due", "--json")))
    figures.append(medians("--help", runs, [REVISE, "--help"]))
    return figures


def due_cards(path: Path) -> int:
    """How many review cards of the collection at `path` are due now."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        sql = "SELECT count(*) FROM cards WHERE state = 'review' AND julianday(due) <= julianday('now')"
        return conn.execute(sql).fetchone()[0]


def measure_stats(work: Path, cards: int, reviews: int, runs: int) -> Figure:
    """`revise stats` on a simulated year of 1M reviews of 100k cards."""
    from bench_stats import build_collection

    path = work / "stats.db"
    build_collection(path, cards, reviews, datetime.now(timezone.utc))
    return medians("stats, 1M reviews", runs, revise(path, "stats"))


def measure_anki(notes: Path, work: Path, runs: int) -> tuple[Figure, Figure]:
    """Anki's CSV import of the corpus's cards, and Anki's open + first card on that collection."""
    tsv, folder = work / "cards.tsv", work / "anki"
    anki = folder / "collection.anki2"
    write_tsv(notes, tsv)

    def fresh(run: int) -> None:  # the collection and its media folder
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()

    imported = medians("Anki's CSV import", runs, [sys.executable, "-c", ANKI_IMPORT, str(tsv), str(anki)], before=fresh)
    first = medians("Anki's open + first card", runs, [sys.executable, "-c", ANKI_FIRST_CARD, str(anki)])
    return imported, first


def with_ratios(figures: list[Figure], anki: tuple[Figure, Figure] | None) -> list[Figure]:
    """Each figure with its target, and its ratio to Anki's import or open + first card."""
    for figure in figures:
        figure.target = TARGETS.get(figure.measure, (None, ""))[0]
        if anki and figure.target is not None:
            figure.ratio = figure.seconds / (anki[0] if figure.measure == "cold import" else anki[1]).seconds
    return figures


def print_table(figures: list[Figure], anki: tuple[Figure, Figure] | None, runs: int) -> None:
    """The figures as a Markdown table, ready for docs/performance.md."""
    print(f"Medians of {runs} fresh processes, {date.today().isoformat()}.\n")
    print("| measure | seconds | ÷ Anki | target | peak MB |")
    print("|---|---:|---:|---:|---:|")
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "–"
        target = f"≤ {f.target}x" if f.target is not None else ("≤ 0.5 s" if "stats" in f.measure else "")
        print(f"| {f.measure} | {f.seconds:.3f} | {ratio} | {target} | {f.peak_mb:.0f} |")
    for f in anki or ():
        print(f"| {f.measure} | {f.seconds:.3f} | 1.00x | | {f.peak_mb:.0f} |")


def compile_revise() -> None:
    """Byte-compile revise, as an install does: with PYTHONDONTWRITEBYTECODE set (as on some machines),
    an editable install would compile every module from source at every start."""
    import compileall

    import revise

    compileall.compile_dir(Path(revise.__file__).parent, quiet=1)


def main() -> None:
    """Generate the corpus, measure, print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="generate the notes here once and keep them")
    options = parser.parse_args()
    compile_revise()
    with tempfile.TemporaryDirectory(prefix="revise-bench-") as tmp:
        work = Path(tmp)
        source = options.keep or work / "corpus"
        if not source.exists() or not any(source.rglob("*.md")):
            generate(source, files=options.files, cards=options.cards)
        notes = shutil.copytree(source, work / "notes")  # the runs edit it
        anki = measure_anki(notes, work, options.runs) if importlib.util.find_spec("anki") else None
        figures = measure_revise(notes, work, options.runs, options.due)
        figures.append(measure_stats(work, options.cards, options.reviews, options.runs))
        figures = with_ratios(figures, anki)
    if options.json:
        print(json.dumps({"date": date.today().isoformat(), "runs": options.runs,
                          "figures": [asdict(f) for f in figures], "anki": [asdict(f) for f in anki or ()]}, indent=2))
    else:
        print_table(figures, anki, options.runs)


if __name__ == "__main__":
    main()
