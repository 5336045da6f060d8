"""`revise import`, `sync`, `cards` and `decks` through the real CLI, on real files and collections."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revise.cli import app


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    (folder / "course").mkdir(parents=True)
    (folder / "course" / "week1.md").write_text(
        "# Activations\n\nWhat does ReLU compute? :: max(0, z) #relu\n\n"
        "epoch ::: one full pass over the training set\n\nQ: An unanswered question\n"
    )
    (folder / "optim.md").write_text("Adam combines :: momentum and RMSprop\n")
    return folder


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def cards_json(*args: str) -> list[dict]:
    result = run("cards", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rewrite(path: Path, text: str) -> None:
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_import_prints_a_table_and_warnings(notes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the working directory
    result = run("import", "notes")
    assert result.exit_code == 0, result.output
    assert "notes/course/week1.md" in result.stdout and "Total" in result.stdout
    assert "notes/course/week1.md:7: 'Q:' without an 'A:' after it" in result.stdout
    assert result.stderr == ""


def test_import_json_has_integer_counts_and_warning_objects(notes):
    result = run("import", "--json", str(notes))
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("added", "updated", "moved", "retired", "unchanged")} == dict(
        added=4, updated=0, moved=0, retired=0, unchanged=0)
    assert data["warnings"] == [{"file": str(notes / "course" / "week1.md"), "line": 7,
                                 "message": "'Q:' without an 'A:' after it"}]
    assert data["errors"] == []


def test_sync_after_no_change_parses_nothing(notes):
    run("import", str(notes))
    data = json.loads(run("sync", "--json").stdout)
    assert (data["added"], data["updated"], data["unchanged"], data["parsed"]) == (0, 0, 4, 0)


def test_typo_fix_keeps_the_card_id(notes):
    run("import", str(notes))
    before = {c["front"]: c["id"] for c in cards_json()}
    week1 = notes / "course" / "week1.md"
    rewrite(week1, week1.read_text().replace("compute?", "comptue?"))
    data = json.loads(run("sync", "--json").stdout)
    assert (data["updated"], data["added"], data["retired"]) == (1, 0, 0)
    assert {c["front"]: c["id"] for c in cards_json()}["What does ReLU comptue?"] == before["What does ReLU compute?"]


def test_move_delete_and_restore_keep_the_id(notes):
    run("import", str(notes))
    adam = next(c for c in cards_json() if c["front"] == "Adam combines")
    week1, optim = notes / "course" / "week1.md", notes / "optim.md"
    rewrite(week1, week1.read_text().replace("\n\n", "\n\nAdam combines :: momentum and RMSprop\n\n", 1))
    rewrite(optim, "")
    assert json.loads(run("sync", "--json").stdout)["moved"] == 1
    moved = next(c for c in cards_json() if c["front"] == "Adam combines")
    assert (moved["id"], moved["source"], moved["deck"]) == (adam["id"], str(week1), "course::week1")
    rewrite(week1, week1.read_text().replace("Adam combines :: momentum and RMSprop\n\n", ""))
    run("sync")
    assert "Adam combines" not in {c["front"] for c in cards_json()}
    assert "Adam combines" in {c["front"] for c in cards_json("--all")}
    rewrite(optim, "Adam combines :: momentum and RMSprop\n")
    run("sync")
    assert next(c for c in cards_json() if c["front"] == "Adam combines")["id"] == adam["id"]


def test_cards_json_fields(notes):
    run("import", str(notes))
    relu = next(c for c in cards_json() if c["front"] == "What does ReLU compute?")
    assert relu == {
        "id": relu["id"], "deck": "course::week1", "kind": "basic", "front": "What does ReLU compute?",
        "back": "max(0, z)", "tags": ["relu"], "source": str(notes / "course" / "week1.md"), "line": 3,
        "headings": ["Activations"], "state": "new", "due": None, "reps": 0, "lapses": 0,
        "stability": None, "difficulty": None, "suspended": False, "retired": False,
    }
    assert {c["kind"] for c in cards_json()} == {"basic", "reversed"}


def test_cards_filters(notes, tmp_path):
    run("import", str(notes))
    assert {c["deck"] for c in cards_json("--deck", "course")} == {"course::week1"}
    assert [c["front"] for c in cards_json("--tag", "relu")] == ["What does ReLU compute?"]
    assert cards_json("--due") == []
    conn = sqlite3.connect(tmp_path / "collection.db")
    conn.execute("UPDATE cards SET state = 'review', due = '2020-01-01T00:00:00+00:00' WHERE front = 'epoch'")
    conn.commit()
    conn.close()
    due = cards_json("--due")
    assert [c["front"] for c in due] == ["epoch"] and due[0]["due"] == "2020-01-01T00:00:00+00:00"


def test_cards_table_lists_front_and_source(notes):
    run("import", str(notes))
    result = run("cards", "--deck", "optim")
    assert result.exit_code == 0
    assert "Adam combines" in result.stdout and "optim.md:1" in result.stdout
    assert "epoch" not in result.stdout


def test_decks_counts(notes):
    run("import", str(notes))
    data = json.loads(run("decks", "--json").stdout)
    # the keys `decks --json` always had (each deck's own cards; 0 for a parent deck without cards of its own),
    # then the tree and today's disjoint counts with the subdecks'
    assert [{k: row[k] for k in ("deck", "cards", "new", "learning", "due")} for row in data] == [
        {"deck": "course", "cards": 0, "new": 0, "learning": 0, "due": 0},
        {"deck": "course::week1", "cards": 3, "new": 3, "learning": 0, "due": 0},
        {"deck": "optim", "cards": 1, "new": 1, "learning": 0, "due": 0},
    ]
    assert data[0] == {"deck": "course", "name": "course", "depth": 0, "parent": None, "cards": 0, "new": 0,
                       "learning": 0, "due": 0, "total_cards": 3, "new_count": 3, "learn_count": 0, "review_count": 0}
    assert (data[1]["name"], data[1]["depth"], data[1]["parent"], data[1]["total_cards"]) == ("week1", 1, "course", 3)
    table = run("decks").stdout
    assert table == ("Deck     Cards  New  Learn  Due\ncourse       3    3      0    0\n  week1      3    3      0    0\n"
                     "optim        1    1      0    0\n")


def test_empty_collection_says_how_to_add_cards(tmp_path):
    from revise.collection import open_collection

    open_collection(tmp_path / "collection.db").conn.close()
    assert run("cards").stdout == "No cards. Add some with: revise import PATH\n"
    assert run("decks").stdout == "No decks. Add some with: revise import PATH\n"


@pytest.mark.parametrize("command", ["cards", "decks"])
def test_a_reading_command_on_a_missing_collection_is_an_error_and_creates_nothing(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--collection", "typo.db", command)
    assert result.exit_code == 1
    assert result.stderr == ("Error: no collection at typo.db — import notes first with `revise import PATH` "
                             "(or name another collection with --collection)\n")
    assert list(tmp_path.iterdir()) == []


def test_cards_that_match_no_filter_say_so(notes):
    run("import", str(notes))
    result = run("cards", "--deck", "cours")
    assert (result.exit_code, result.stdout) == (0, "No card matches --deck cours; `revise decks` lists the decks.\n")
    assert run("cards", "--due").stdout == "No card is due now.\n"
    assert [c["front"] for c in cards_json("--tag", "#relu")] == ["What does ReLU compute?"]
    for option in ("--deck", "--tag"):
        result = run("cards", option, "")
        assert result.exit_code == 2 and "must not be empty" in result.stderr


def test_an_empty_path_is_no_such_file_not_the_current_folder(notes, monkeypatch):
    monkeypatch.chdir(notes)
    result = run("import", "")
    assert (result.exit_code, result.stderr) == (1, "Error: '': no such file or folder — check the path\n")
    assert cards_json() == []


def test_a_file_name_with_control_characters_is_printed_inert(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad\x1b[31mname.md").write_text("a :: b\n\nQ: no answer\n")
    (tmp_path / "bin\x1b[2J.md").write_bytes(b"\x00\x01")
    result = run("import", ".")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "bad␛[31mname.md:3: 'Q:' without an 'A:' after it" in result.stdout
    assert result.stderr.startswith("Error: bin␛[2J.md: a binary file")


def test_bad_files_are_errors_on_stderr_with_exit_1_and_no_traceback(notes, tmp_path):
    (notes / "latin1.md").write_bytes(b"Caf\xe9 :: coffee\n")
    (notes / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("import", str(notes), str(tmp_path / "missing"))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert f"Error: {notes / 'image.md'}: a binary file, not Markdown — import only text notes" in errors
    assert any(e.startswith(f"Error: {notes / 'latin1.md'}: not valid UTF-8") for e in errors)
    assert f"Error: {tmp_path / 'missing'}: no such file or folder — check the path" in errors
    assert "Traceback" not in result.output
    assert {c["deck"] for c in cards_json()} == {"course::week1", "optim"}


def test_a_note_over_max_note_size_mb_is_skipped_with_a_warning(notes, tmp_path):
    real = sorted((Path(__file__).parents[2] / "decks").rglob("*.md"))
    text = "".join(p.read_text() for p in real)
    big = notes / "big.md"
    big.write_text(text * (3 * 2**20 // 2 // len(text) + 1))  # real notes, 1.5 MB
    (tmp_path / "config.toml").write_text("max_note_size_mb = 1\n")
    result = run("import", str(notes))
    assert result.exit_code == 0 and result.stderr == ""
    size = big.stat().st_size / 2**20
    assert (f"{big}:1: skipped: {size:.1f} MB, over the 1 MB limit for a note file — split it into smaller notes, "
            "or raise max_note_size_mb in config.toml") in result.stdout.splitlines()
    assert {c["source"] for c in cards_json()} == {str(notes / "course" / "week1.md"), str(notes / "optim.md")}
    preview = run("preview", "--json", str(big))
    assert json.loads(preview.stdout) == [] and "skipped: 1.5 MB" in preview.stderr
    (tmp_path / "config.toml").write_text("max_note_size_mb = 2\n")
    assert not any("skipped" in w["message"] for w in json.loads(run("sync", "--json").stdout)["warnings"])
    assert str(big) in {c["source"] for c in cards_json()}


def test_json_errors_are_listed_too(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("import", "--json", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"] == [
        {"file": str(tmp_path / "empty"), "message": "no Markdown (*.md, *.markdown) files in this folder — pass a folder of notes"}
    ]


def test_newer_collection_is_refused_without_a_traceback(notes, tmp_path):
    run("import", str(notes))
    conn = sqlite3.connect(tmp_path / "collection.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('revise', 'm999_x', 'x')")
    conn.commit()
    conn.close()
    result = run("sync")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'collection.db'}: this collection was written by a newer revise")
    assert "Traceback" not in result.output


def test_import_requires_a_path():
    assert run("import").exit_code == 2


def test_sync_forget_missing_retires_a_deleted_folder(notes, tmp_path):
    run("import", str(notes))
    notes.rename(tmp_path / "trash")
    result = run("sync")
    assert result.exit_code == 1 and "revise sync --forget-missing" in result.stderr
    assert len(cards_json()) == 4
    result = run("sync", "--forget-missing", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["retired"] == 4
    assert cards_json() == []


def test_cards_table_makes_control_characters_inert(tmp_path):
    (tmp_path / "evil.md").write_text("Colour \x1b[31mred\x1b[0m :: answer\n")
    run("import", str(tmp_path / "evil.md"))
    out = run("cards").stdout
    assert "\x1b" not in out and "␛[31mred" in out  # the same stand-in the review screen shows


def test_sync_shows_a_renamed_or_deleted_file_as_gone_not_unchanged(notes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("import", "notes")
    (notes / "optim.md").rename(notes / "adam.md")
    result = run("sync")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["notes/adam.md", "0", "0", "1", "0", "0", "0"]
    assert lines[2].split() == ["notes/optim.md", "(gone)", "0", "0", "0", "0", "0", "0"]
    assert lines[-1] == "1 file unchanged, not parsed."  # week1.md; optim.md is gone, not unchanged
    (notes / "adam.md").unlink()
    data = json.loads(run("sync", "--json").stdout)
    assert (data["retired"], data["gone"], data["parsed"]) == (1, 1, 0)
    gone = [f for f in data["files"] if f["gone"]]
    assert gone == [{"file": str(notes / "adam.md"), "added": 0, "updated": 0, "moved": 0, "retired": 1,
                     "unchanged": 0, "warnings": 0, "gone": True}]
    assert [f["gone"] for f in data["files"] if not f["gone"]] == [False]


def test_first_sync_after_a_folder_moved_shows_its_files_gone(notes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    run("import", "notes")
    notes.rename(tmp_path / "moved")
    assert run("import", "moved").exit_code == 0
    result = run("sync")
    assert result.exit_code == 0, result.output
    assert [line.split()[:2] for line in result.stdout.splitlines()[1:3]] == [
        ["notes/course/week1.md", "(gone)"], ["notes/optim.md", "(gone)"]]
    assert result.stdout.splitlines()[-1] == "2 files unchanged, not parsed."
    assert run("sync").stdout.splitlines()[-1] == "2 files unchanged, not parsed."


def test_cards_are_listed_in_reading_order_a_folders_own_files_first(tmp_path):
    decks = tmp_path / "decks"
    (decks / "deep-learning-specialization").mkdir(parents=True)
    (decks / "deep-learning-specialization" / "c1.md").write_text("Deep :: one\n")
    (decks / "getting-started.md").write_text("Start :: here\n\nSecond :: card\n")
    (decks / "zz.md").write_text("Last :: top-level file\n")
    run("import", str(decks))
    assert [c["front"] for c in cards_json()] == ["Start", "Second", "Last", "Deep"]
    table = run("cards").stdout.splitlines()[1:]
    assert [line.split()[3] for line in table] == ["Start", "Second", "Last", "Deep"]


def test_sync_before_any_import_says_what_to_do():
    result = run("sync")
    assert result.exit_code == 0 and "revise import PATH" in result.stdout
    assert json.loads(run("sync", "--json").stdout)["added"] == 0


# --- killed and terminated imports ---------------------------------------------------------------


def corpus_for_workers(folder: Path) -> Path:
    """Notes big enough to be parsed in worker processes."""
    import sys

    from revise import sources

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate_notes import generate

    generate(folder, files=60, cards=24_000, seed=3)
    assert sum(p.stat().st_size for p in folder.rglob("*.md")) > sources.PARALLEL_MIN_CHARS
    return folder


def start_import(tmp_path: Path, folder: Path):
    import subprocess
    import sys

    log = (tmp_path / "stderr.txt").open("w")
    return subprocess.Popen(
        [sys.executable, "-c", "from revise.cli import app; app()", "--collection", str(tmp_path / "c.db"),
         "import", str(folder)], stdout=subprocess.DEVNULL, stderr=log,
    )


def children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(child) for child in task.read_text().split())
        except OSError:
            pass
    return found


def wait_for_workers(pid: int) -> set[int]:
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = children_of(pid)
        if len(workers) >= 2:
            return workers
        time.sleep(0.002)
    pytest.fail("the import never started its worker processes")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has died; only its parent (now init) has not reaped it


def wait_until_gone(pids: set[int], seconds: float) -> set[int]:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(map(alive, pids)):
        time.sleep(0.05)
    return {pid for pid in pids if alive(pid)}


def end_all(process, workers: set[int]) -> None:
    """Kill the import and any worker still there, so a failing test leaves no process behind."""
    import signal

    process.kill()
    process.wait(10)
    for pid in workers:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").is_dir() or os.cpu_count() == 1,
                                reason="needs Linux's /proc and two cores (worker processes)")


@pytest.fixture
def running_import(tmp_path):
    """An import parsing in worker processes, in a child process: (the process, its workers), all
    killed when the test ends, so that a failing test leaves no process behind."""
    process = start_import(tmp_path, corpus_for_workers(tmp_path / "notes"))
    workers: set[int] = set()
    try:
        workers = wait_for_workers(process.pid)
        yield process, workers
    finally:
        end_all(process, workers)


@needs_proc
def test_workers_die_with_a_killed_import(running_import):
    import signal

    process, workers = running_import
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert wait_until_gone(workers, 5) == set()


@needs_proc
def test_a_terminated_import_rolls_back_and_exits_143(running_import, tmp_path):
    import signal

    process, workers = running_import
    process.send_signal(signal.SIGTERM)
    assert process.wait(10) == 143
    assert wait_until_gone(workers, 5) == set()
    assert (tmp_path / "stderr.txt").read_text() == "Terminated.\n"
    with sqlite3.connect(tmp_path / "c.db") as db:
        assert db.execute("SELECT count(*) FROM notes").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM sources").fetchone() == (0,)


# --- files that are not files, folders that cannot be read, collections that cannot be written ----------


def revise_process(*args: str, prefix: tuple[str, ...] = (), timeout: float = 60):
    """`revise ARGS` in a child process (with the test's environment), its output captured."""
    import subprocess
    import sys

    command = [*prefix, sys.executable, "-c", "from revise.cli import app; app()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


DROP_OVERRIDE = ("--bounding-set=-dac_override,-dac_read_search",)


def without_root_override() -> tuple[str, ...]:
    """A command prefix under which file permissions hold (root reads and writes everything): nothing
    when not root, else setpriv dropping the capabilities that override them; skips if neither works."""
    import shutil
    import subprocess

    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None or subprocess.run([setpriv, *DROP_OVERRIDE, "true"], capture_output=True).returncode:
        pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
    return (setpriv, *DROP_OVERRIDE)


def test_a_named_pipe_or_a_device_is_an_error_and_the_rest_imports(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "ok.md").write_text("a :: b\n")
    os.mkfifo(folder / "fifo.md")
    result = revise_process("import", str(folder), timeout=30)  # reading the pipe would wait for ever
    assert result.returncode == 1
    assert result.stderr == f"Error: {folder / 'fifo.md'}: not a regular file (a named pipe) — import Markdown files or folders\n"
    assert [c["front"] for c in cards_json()] == ["a"]
    for path, kind in ((folder / "fifo.md", "a named pipe"), (Path("/dev/null"), "a device")):
        result = revise_process("import", str(path), timeout=30)
        assert (result.returncode, result.stderr) == (1, f"Error: {path}: not a regular file ({kind}) — import Markdown files or folders\n")


def test_an_unreadable_folder_is_an_error_and_its_cards_are_not_retired(tmp_path):
    prefix = without_root_override()
    notes = tmp_path / "np"
    (notes / "sub").mkdir(parents=True)
    (notes / "ok.md").write_text("ok :: fine\n")
    (notes / "sub" / "s.md").write_text("sub :: card\n")
    assert run("import", str(notes)).exit_code == 0
    (notes / "sub").chmod(0)
    try:
        again = revise_process("import", "--json", str(notes), prefix=prefix)
        direct = revise_process("import", str(notes / "sub"), prefix=prefix)
    finally:
        (notes / "sub").chmod(0o755)
    assert again.returncode == 1 and json.loads(again.stdout)["errors"] == [{
        "file": str(notes / "sub"),
        "message": "cannot read this folder (Permission denied) — check its permissions; the cards from it are left as they are",
    }]
    assert json.loads(again.stdout)["retired"] == 0
    assert direct.returncode == 1 and direct.stderr.startswith(f"Error: {notes / 'sub'}: cannot read this folder (Permission denied)")
    assert sorted(c["front"] for c in cards_json()) == ["ok", "sub"]


def test_a_read_only_collection_is_an_error_naming_it(notes, tmp_path):
    prefix = without_root_override()
    assert run("import", str(notes / "optim.md")).exit_code == 0
    collection = tmp_path / "collection.db"
    collection.chmod(0o444)
    result = revise_process("import", str(notes), prefix=prefix)
    assert (result.returncode, result.stderr) == (1, (
        f"Error: {collection}: the collection cannot be written (attempt to write a readonly database) — check the "
        "permissions of the file and its folder, or choose another collection with --collection; nothing was changed\n"))
    collection.chmod(0o644)
    assert [c["front"] for c in cards_json()] == ["Adam combines"]


def test_a_full_disk_is_an_error_and_the_collection_is_unchanged(tmp_path):
    import shutil
    import subprocess

    unshare = shutil.which("unshare")
    mount = tmp_path / "small"
    mount.mkdir()
    probe = [unshare or "unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=1m none {mount}"]
    if unshare is None or subprocess.run(probe, capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(20):
        (notes / f"n{i}.md").write_text("".join(f"Question {i} {j} with words :: answer {j} with words\n\n" for j in range(300)))
    (tmp_path / "one.md").write_text("a :: b\n")
    collection = mount / "c.db"
    script = (f"mount -t tmpfs -o size=1m none {mount} && {{ app='from revise.cli import app; app()'; "
              f"python -c \"$app\" --collection {collection} import {tmp_path / 'one.md'} >/dev/null && "
              f"python -c \"$app\" --collection {collection} import {notes}; echo \"rc=$?\"; "
              f"python -c \"$app\" --collection {collection} cards --json; }}")
    result = subprocess.run([unshare, "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PATH": f"{Path(os.sys.executable).parent}:{os.environ['PATH']}"})
    assert "rc=1\n" in result.stdout, result.stderr
    assert result.stderr == (f"Error: {collection}: the disk is full (database or disk is full) — free some space "
                             "and try again; nothing was changed\n")
    assert [c["front"] for c in json.loads(result.stdout.split("rc=1\n")[1])] == ["a"]


def test_cards_and_decks_tables_fit_the_terminal(tmp_path, monkeypatch):
    """Long deck names, fronts and paths give way (cut with …) so that a line fits the width."""
    deck = "Deep Learning Specialization::1 Neural Networks and Deep Learning, with a long name"
    folder = tmp_path / "a folder with a long name" / "and another one inside it"
    folder.mkdir(parents=True)
    (folder / "week1.md").write_text(f"---\ndeck: {deck}\n---\n" + "".join(
        f"Question {i} with a rather long wording that goes on and on :: answer {i}\n" for i in range(3)),
        encoding="utf-8")
    run("import", str(folder))
    monkeypatch.setenv("COLUMNS", "80")
    cards, decks = run("cards").stdout.splitlines(), run("decks").stdout.splitlines()
    assert max(map(len, cards)) == 80 and max(map(len, decks)) <= 80
    assert cards[1].startswith("1   Deep Lear…  basic  Question 0 with a rather l…  new") and cards[1].endswith("…e it/week1.md:4")
    # a tree: the parent, then the subdeck by its own name, indented (nothing cut at 80 columns)
    assert decks == ["Deck                                                     Cards  New  Learn  Due",
                     "Deep Learning Specialization                                 3    3      0    0",
                     "  1 Neural Networks and Deep Learning, with a long name      3    3      0    0"]
    monkeypatch.setenv("COLUMNS", "40")
    assert run("decks").stdout.splitlines() == ["Deck              Cards  New  Learn  Due",
                                                 "Deep Learning S…      3    3      0    0",
                                                 "  1 Neural Netw…      3    3      0    0"]
