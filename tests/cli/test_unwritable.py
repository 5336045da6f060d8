"""A read-only collection and a full disk, through every command that writes: import, sync, an answer
in review, export. Each gives its named error (exit 1, no traceback), and the collection's bytes stay
as they were."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_import import revise_process, rewrite, without_root_override


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only_error(collection: Path) -> str:
    return (f"Error: {collection}: the collection cannot be written (attempt to write a readonly database) — check the "
            "permissions of the file and its folder, or choose another collection with --collection; nothing was changed\n")


@pytest.fixture
def two_cards(tmp_path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "x.md").write_text("first :: one\n\nsecond :: two\n", encoding="utf-8")
    assert revise_process("import", str(folder)).returncode == 0
    return folder


def test_a_read_only_collection_keeps_its_bytes_through_every_writing_command(two_cards, tmp_path):
    prefix = without_root_override()
    collection = tmp_path / "collection.db"
    collection.chmod(0o444)
    before = sha(collection)
    try:
        review = subprocess.run([*prefix, sys.executable, "-c", "from revise.cli import app; app()", "review"],
                                input="\n3\n", capture_output=True, text=True, timeout=60)
        assert "one" in review.stdout and "3 Good" in review.stdout  # the card was shown and answered
        assert (review.returncode, review.stderr) == (1, read_only_error(collection))
        assert sha(collection) == before
        exported = revise_process("export", str(tmp_path / "out.apkg"), prefix=prefix)
        assert exported.returncode == 0 and (tmp_path / "out.apkg").exists()  # reading is all export does
        assert sha(collection) == before
        rewrite(two_cards / "x.md", "first :: one, edited\n\nsecond :: two\n\nthird :: three\n")
        for args in (("sync",), ("import", str(two_cards))):
            result = revise_process(*args, prefix=prefix)
            assert (result.returncode, result.stderr) == (1, read_only_error(collection)), args
            assert sha(collection) == before, args
    finally:
        collection.chmod(0o644)
    cards = json.loads(revise_process("cards", "--json").stdout)
    assert [(c["front"], c["state"]) for c in cards] == [("first", "new"), ("second", "new")]


FULL_DISK = """
mount -t tmpfs -o size=1m none "$SMALL" || exit 9
r() {{ python -c 'from revise.cli import app; app()' "$@"; }}
r --collection "$SMALL/c.db" import "$NOTES" >/dev/null || exit 8
r --collection "$OTHER" import "$BIG" >/dev/null || exit 7
mkfifo "$SMALL/../keys"
r --collection "$SMALL/c.db" review < "$SMALL/../keys" > "$SMALL/../review.out" 2> "$SMALL/../review.err" &
exec 3> "$SMALL/../keys"
wait_for() {{ until grep -q "$1" "$SMALL/../review.out"; do sleep 0.05; done; }}
wait_for 'Space reveal'; printf '\\n' >&3; wait_for '3 Good'
dd if=/dev/zero of="$SMALL/fill" bs=4k 2>/dev/null  # the disk is full while the card waits for its grade
sha256sum "$SMALL/c.db" > "$SMALL/../before"
printf '3\\n' >&3; exec 3>&-; wait $!; echo "review=$?"
{edit}
r --collection "$SMALL/c.db" sync; echo "sync=$?"
r --collection "$OTHER" export "$SMALL/out.apkg"; echo "apkg=$?"
r --collection "$OTHER" export --format markdown "$SMALL/md"; echo "markdown=$?"
sha256sum "$SMALL/c.db" > "$SMALL/../after"
ls -A "$SMALL" > "$SMALL/../listing"
rm "$SMALL/fill"
r --collection "$SMALL/c.db" cards --json
"""


def test_a_full_disk_is_a_named_error_for_an_answer_a_sync_and_an_export(tmp_path):
    unshare = shutil.which("unshare")
    small = tmp_path / "small"
    small.mkdir()
    if unshare is None or subprocess.run([unshare, "-m", "sh", "-c", f"mount -t tmpfs -o size=1m none {small}"],
                                         capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    notes, big = tmp_path / "notes", tmp_path / "big"
    notes.mkdir(), big.mkdir()
    (notes / "x.md").write_text("first :: one\n\nsecond :: two\n", encoding="utf-8")
    for i in range(5):  # an export far bigger than what is left on the disk
        (big / f"b{i}.md").write_text("".join(f"Question {i} {j} with words :: answer {j} with words\n\n" for j in range(300)))
    edit = f"printf 'first :: one, edited\\n\\nsecond :: two\\n' > {notes / 'x.md'}; touch -d @$(( $(date +%s) + 2 )) {notes / 'x.md'}"
    env = {**os.environ, "SMALL": str(small), "NOTES": str(notes), "BIG": str(big), "OTHER": str(tmp_path / "other.db"),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run([unshare, "-m", "sh", "-c", FULL_DISK.format(edit=edit)], capture_output=True, text=True,
                            timeout=180, env=env)
    codes = dict(line.split("=") for line in result.stdout.splitlines() if line.split("=")[0] in
                 ("review", "sync", "apkg", "markdown"))
    assert codes == {"review": "1", "sync": "1", "apkg": "1", "markdown": "1"}, result.stdout + result.stderr
    collection = small / "c.db"
    full = "the disk is full (database or disk is full) — free some space and try again; nothing was changed\n"
    assert (tmp_path / "review.err").read_text() == f"Error: {collection}: {full}"
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"Error: {collection}: the disk is full (") and errors[0].endswith("nothing was changed")
    assert errors[1] == (f"Error: cannot write {small / 'out.apkg'}: No space left on device — free some space or check "
                         "the folder's permissions, or choose another place; no file was left there")
    assert errors[2].startswith(f"Error: cannot write {small / 'md'}/") and "No space left on device" in errors[2]
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()
    listing = (tmp_path / "listing").read_text().split()
    assert "out.apkg" not in listing and not [name for name in listing if name.endswith(".partial")]
    cards = json.loads(result.stdout.split("markdown=1\n")[1])
    assert [(c["front"], c["state"]) for c in cards] == [("first", "new"), ("second", "new")]
