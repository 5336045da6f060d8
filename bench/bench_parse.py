"""How fast is reading cards out of notes? revise's parser against Markdown parsers alone.

    python bench/bench_parse.py [--files 1000] [--cards 100000] [--repeat 3]

Generates the benchmark corpus (bench/generate_notes.py) into a temporary folder, reads every file
into memory, then times on one core, best of `--repeat`:

- `revise.notes.parse` over every file (cards, decks, tags, headings, lines, warnings), and its
  line scan alone (fences, code, comments, math, headings, lists: the part a CommonMark parser
  would replace);
- markdown-it-py's block+inline parse alone (`MarkdownIt("commonmark").parse`), no card finding;
- pyromark (Rust pulldown-cmark) event stream with source ranges, which a card finder would need,
  and its HTML rendering (the floor: no Python objects per event);
- `revise.notes.parse` over a process pool of every core, as an import could do it.

The figures chose the parser: the line scan costs about what merely pulling pyromark's events into
Python does, and a fraction of markdown-it-py, while it also knows what CommonMark does not
(`$math$`, `==highlights==`, `{{clozes}}`, hashcards' `Q:`/`A:` blocks that span paragraphs).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_notes import generate  # noqa: E402

from revise.notes import parse  # noqa: E402


def _best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Best wall time of `repeat` runs, and what the run counted."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - start)
    return best, count


def _revise(texts: list[tuple[str, str]]) -> int:
    return sum(len(parse(text, name, "bench").cards) for name, text in texts)


def _revise_scan(texts: list[tuple[str, str]]) -> Callable[[], int]:
    """Only the line classification (what a CommonMark parser would replace)."""
    from revise.notes.scanner import Scanner

    def run() -> int:
        gc.disable()
        try:
            return sum(len(Scanner(text.split("\n"), 1).scan()) for _, text in texts)
        finally:
            gc.enable()

    return run


def _revise_one(item: tuple[str, str]) -> int:
    return len(parse(item[1], item[0], "bench").cards)


def _revise_parallel(texts: list[tuple[str, str]]) -> Callable[[], int]:
    def run() -> int:
        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            return sum(pool.map(_revise_one, texts, chunksize=50))

    return run


def _markdown_it(texts: list[tuple[str, str]]) -> Callable[[], int]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    return lambda: sum(len(md.parse(text)) for _, text in texts)


def _pyromark_events(texts: list[tuple[str, str]]) -> Callable[[], int]:
    import pyromark

    return lambda: sum(len(tuple(pyromark.events_with_range(text))) for _, text in texts)


def _pyromark_html(texts: list[tuple[str, str]]) -> Callable[[], int]:
    import pyromark

    return lambda: sum(len(pyromark.html(text)) for _, text in texts)


def main() -> None:
    """Generate the corpus, time each parser, print the table."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--files", type=int, default=1000)
    args.add_argument("--cards", type=int, default=100_000)
    args.add_argument("--repeat", type=int, default=3)
    ns = args.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), ns.files, ns.cards)
        paths = sorted(Path(tmp).rglob("*.md"))
        texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    megabytes = sum(len(text.encode()) for _, text in texts) / 1e6
    print(f"{len(texts)} files, {megabytes:.1f} MB, {ns.cards} cards; best of {ns.repeat}\n")
    runs = [
        ("revise.notes.parse (1 core)", lambda: _revise(texts), "cards"),
        ("  of which line scan (no card finding)", _revise_scan(texts), "lines"),
        ("markdown-it-py parse only", _markdown_it(texts), "tokens"),
        ("pyromark events_with_range", _pyromark_events(texts), "events"),
        ("pyromark html (no Python objects)", _pyromark_html(texts), "chars"),
        (f"revise.notes.parse ({os.cpu_count()} processes)", _revise_parallel(texts), "cards"),
    ]
    print(f"{'parser':<38} {'seconds':>8} {'MB/s':>7} {'vs revise':>10}  counted")
    baseline = 0.0
    for name, run, unit in runs:
        seconds, count = _best(run, ns.repeat)
        baseline = baseline or seconds
        print(f"{name:<38} {seconds:>8.2f} {megabytes / seconds:>7.1f} "
              f"{seconds / baseline:>9.2f}x  {count} {unit}")


if __name__ == "__main__":
    main()
