"""Commands killed with SIGKILL at random points of their run (tests/crash.py): the collection stays
sound, an output is absent or whole, and the same command run again completes with the result of an
uninterrupted run. Add a command to KILLED to have it tried the same way."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.crash import COLLECTION, Killed, all_or_nothing, collection_outcome, digest, files_outcome, run_trials

BENCH = Path(__file__).resolve().parents[2] / "bench"


def generated_notes(folder: Path, cards: int, files: int = 40, seed: int = 5) -> Path:
    """bench/generate_notes.py's course notes: every card syntax amid prose."""
    sys.path.insert(0, str(BENCH))
    from generate_notes import generate

    generate(folder, files=files, cards=cards, seed=seed)
    return folder


def imported(work: Path, cards: int, answered: int = 0) -> None:
    """Generated notes imported into the work folder's collection; the first `answered` cards answered Good."""
    from revise import collection, sources
    from revise.config import Settings
    from revise.review.answers import save_review

    db = collection.open_collection(work / COLLECTION)
    sources.import_paths(db, [generated_notes(work / "notes", cards)])
    now = datetime.now(timezone.utc) - timedelta(days=1)
    for (card_id,) in db.execute("SELECT id FROM cards ORDER BY id LIMIT ?", [answered]).fetchall():
        save_review(db, collection.review_card(db, card_id), 3, now, 4000, Settings(), now + timedelta(hours=1))
    db.close()


# --- import and sync of Markdown ------------------------------------------------------------------


def edited_notes(work: Path) -> None:
    """Imported notes, then edited: words changed in half the files, one file deleted, one added."""
    import os

    imported(work, cards=1000)
    files = sorted((work / "notes").rglob("*.md"))
    for path in files[::2]:
        path.write_text(path.read_text(encoding="utf-8").replace(" gradient ", " gradients "), encoding="utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 2_000_000_000))
    files[1].unlink()
    (work / "notes" / "new.md").write_text("".join(f"Added {i} :: card {i}\n\n" for i in range(50)), encoding="utf-8")


# --- export ---------------------------------------------------------------------------------------


def apkg_outcome(path: Path) -> dict:
    """Notes, cards and reviews in the package's collection (every zip entry's CRC checked first)."""
    import zstandard

    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(archive.read("collection.anki21b"))).read()
    inside = path.with_name("inside.anki2")
    inside.write_bytes(data)
    try:
        with contextlib.closing(sqlite3.connect(inside)) as db:
            return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("notes", "cards", "revlog")}
    finally:
        inside.unlink()


def whole_or_absent_package(work: Path, template: Path, expected: dict) -> None:
    if (work / "out.apkg").exists():
        assert apkg_outcome(work / "out.apkg") == expected


def only_whole_files(folder: str):
    """A check that each file under `folder` is either not written yet or has the uninterrupted run's bytes."""

    def check(work: Path, template: Path, expected: dict) -> None:
        written = files_outcome(work / folder)
        assert {rel: sha for rel, sha in written.items() if expected["files"].get(rel) != sha} == {}

    return check


def exported_markdown(work: Path) -> dict:
    return {"files": files_outcome(work / "md")}


# --- import of an Anki package --------------------------------------------------------------------


@pytest.fixture(scope="module")
def anki_package(tmp_path_factory) -> Path:
    """A package written by the real Anki: 250 notes in 6 decks, the first 20 reviewed with its scheduler."""
    pytest.importorskip("anki")
    from anki.collection import AddNoteRequest, Collection

    from tests.interop.anki_decks import _review_first, export

    folder = tmp_path_factory.mktemp("anki")
    col = Collection(str(folder / "collection.anki2"))
    basic, decks = col.models.by_name("Basic"), [col.decks.id(f"Course::Part {d}") for d in range(6)]
    requests = []
    for i in range(250):
        note = col.new_note(basic)
        note.fields[0], note.fields[1] = f"What is <b>term {i}</b>?", f"The meaning of term {i}<br>on two lines"
        note.tags = [f"part{i % 6}"]
        requests.append(AddNoteRequest(note, decks[i % 6]))
    col.add_notes(requests)
    _review_first(col, 20)
    package = export(col, folder / "course.apkg")
    col.close()
    return package


def package_outcome(work: Path) -> dict:
    return {"collection": collection_outcome(work), "files": files_outcome(work / "course")}


def package_all_or_nothing(work: Path, template: Path, expected: dict) -> None:
    """The collection before or after, and each Markdown file written from the package whole."""
    all_or_nothing(work, template, expected["collection"])
    only_whole_files("course")(work, template, expected)


# --- optimize -------------------------------------------------------------------------------------

CONFIG_BEFORE = "# my settings\nnew_per_day = 20\n"


def studied(work: Path) -> None:
    """200 cards studied for 40 days by a simulated learner whose memory is far from FSRS's defaults."""
    from bench.learners import strong_learner, study
    from revise.scheduling.fitting import default_parameters
    from tests.personal.helpers import collection_of, write_answers

    db, ids = collection_of(work / COLLECTION, work / "notes", {"Biology": 200})
    write_answers(db, study(strong_learner(default_parameters()), ids["Biology"], 40, seed=0))
    db.close()
    (work / "config.toml").write_text(CONFIG_BEFORE, encoding="utf-8")


def memory(work: Path) -> str:
    with contextlib.closing(sqlite3.connect(work / COLLECTION)) as db:
        return digest(repr(db.execute("SELECT id, stability, difficulty, due FROM cards ORDER BY id").fetchall()).encode())


def optimized(work: Path) -> dict:
    return {"collection": collection_outcome(work), "config": (work / "config.toml").read_text(encoding="utf-8"), "memory": memory(work)}


def before_or_after(work: Path, template: Path, expected: dict) -> None:
    """config.toml and the memory states are each the old or the new, and never new parameters beside
    old memory states (a re-run would keep those: it finds nothing better than the saved parameters)."""
    assert expected["config"] != CONFIG_BEFORE  # the uninterrupted run did save new parameters
    config = (work / "config.toml").read_text(encoding="utf-8")
    assert config in (CONFIG_BEFORE, expected["config"])
    assert memory(work) in (memory(template), expected["memory"])
    if config != CONFIG_BEFORE:
        assert memory(work) == expected["memory"]


KILLED = [
    Killed("import of a Markdown folder", lambda work: generated_notes(work / "notes", cards=3000),
           lambda work: ["import", str(work / "notes")], collection_outcome, trials=8, check_killed=all_or_nothing),
    Killed("sync after edits", edited_notes, lambda work: ["sync"], collection_outcome, trials=6,
           check_killed=all_or_nothing),
    Killed("export to .apkg", lambda work: imported(work, cards=400, answered=60),
           lambda work: ["export", "--with-history", "--force", str(work / "out.apkg")],
           lambda work: apkg_outcome(work / "out.apkg"), trials=4, check_killed=whole_or_absent_package),
    Killed("export to Markdown", lambda work: imported(work, cards=300),
           lambda work: ["export", "--format", "markdown", "--force", str(work / "md")],
           exported_markdown, trials=4, check_killed=only_whole_files("md")),
    Killed("optimize", studied, lambda work: ["optimize"], optimized, trials=4, check_killed=before_or_after),
]


def try_killing(command: Killed, base: Path) -> None:
    """Run the trials; print what they did (seen with `pytest -s`)."""
    trials = run_trials(command, base, seed=14)
    print(f"{command.name}: prepared in {trials.prepared:.2f} s, {trials.seconds:.2f} s uninterrupted, {trials.killed} of {command.trials} killed "
          f"at {', '.join(f'{d:.2f}' for d in trials.delays)} s")
    assert trials.killed >= command.trials // 2  # the delays fell inside the run, not after its end


@pytest.mark.parametrize("command", KILLED, ids=[command.name for command in KILLED])
def test_a_killed_command_leaves_a_sound_collection_and_completes_when_run_again(command, tmp_path):
    try_killing(command, tmp_path)


def test_a_killed_import_of_an_anki_package_too(anki_package, tmp_path):
    import shutil

    try_killing(Killed("import of an Anki package", lambda work: shutil.copy(anki_package, work / "course.apkg"),
                       lambda work: ["import", str(work / "course.apkg")], package_outcome, trials=4,
                       check_killed=package_all_or_nothing), tmp_path)
