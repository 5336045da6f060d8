"""Helpers of the sources tests: card lines, the collection as it stands, rewriting a note."""

from __future__ import annotations

import os
from pathlib import Path

from revise import collection
from revise.sources.report import COUNTS

RELU = "What does ReLU compute? :: max(0, z)\n"
TANH = "What does tanh return? :: values in (-1, 1)\n"
SIGMOID = "The {{c1::sigmoid}} squashes z into {{c2::(0, 1)}}.\n"


def cards(db) -> dict[str, dict]:
    """Live cards by front."""
    return {c["front"]: c for c in collection.list_cards(db)}


def snapshot(db) -> dict[str, list]:
    """Every row of every table, to show a failed import changed nothing."""
    tables = ("sources", "notes", "cards", "revlog")
    return {t: [tuple(r) for r in db.conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}


def bump_mtime(path: Path) -> None:
    """Make a rewrite visible even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def rewrite(path: Path, text: str) -> None:
    """Write a note anew, its mtime moved on."""
    path.write_text(text)
    bump_mtime(path)


def counts(report) -> dict[str, int]:
    """The report's non-zero totals by name."""
    return {name: report.total(name) for name in COUNTS if report.total(name)}
