"""`revise import PKG.apkg|.colpkg` through the real CLI: Markdown written, cards with Anki's
history, idempotent re-imports, and bad archives refused with nothing changed."""

from __future__ import annotations

import json
from datetime import datetime
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revise.cli import app


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    pytest.importorskip("anki")
    from tests.interop.anki_decks import build_packages

    return build_packages(tmp_path_factory.mktemp("anki"))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def cards() -> list[dict]:
    result = run("cards", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dump(tmp_path: Path) -> list[str]:
    """The collection's whole content as SQL (its file's header bytes change on every open)."""
    with sqlite3.connect(tmp_path / "collection.db") as db:
        return list(db.iterdump())


def revlog_count(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "collection.db") as db:
        return db.execute("SELECT count(*) FROM revlog").fetchone()[0]


@pytest.mark.parametrize("name", ["current", "legacy", "colpkg", "fsrs"])
def test_import_gives_every_card_with_anki_reps(tmp_path, packages, name):
    source, expected = packages[name]
    result = run("import", str(source), "--to", str(tmp_path / "deck"))
    assert result.exit_code == 0, result.output
    listed = cards()
    assert len(listed) == len(expected) == 9
    assert sorted(c["reps"] for c in listed) == sorted(e["reviews"] for e in expected.values())
    assert sum(c["suspended"] for c in listed) == 1
    assert (tmp_path / "deck" / "media" / "pic one.png").exists()
    assert revlog_count(tmp_path) == sum(e["reviews"] for e in expected.values()) == 15


def test_reimport_is_idempotent(tmp_path, packages):
    source = packages["current"][0]
    assert run("import", str(source), "--to", str(tmp_path / "deck")).exit_code == 0
    before = cards()
    again = run("import", str(source), "--to", str(tmp_path / "deck"), "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["reviews_added"] == 0
    assert cards() == before and revlog_count(tmp_path) == 15


def test_default_folder_is_beside_the_package_and_remembered(tmp_path, packages):
    source = tmp_path / "shared.apkg"
    source.write_bytes(packages["current"][0].read_bytes())
    assert run("import", str(source)).exit_code == 0
    assert (tmp_path / "shared" / "Geo" / "Europe.md").exists()
    (tmp_path / "shared" / "Lang.md").write_text((tmp_path / "shared" / "Lang.md").read_text() + "\nnew :: card\n")
    synced = run("sync", "--json")
    assert synced.exit_code == 0 and len(cards()) == 10


def test_other_content_in_the_folder_needs_force(tmp_path, packages):
    folder = tmp_path / "deck"
    (folder / "Geo").mkdir(parents=True)
    (folder / "Geo" / "Europe.md").write_text("mine\n")
    result = run("import", str(packages["current"][0]), "--to", str(folder))
    assert result.exit_code == 1 and "Error:" in result.stderr and "--force" in result.stderr
    assert (folder / "Geo" / "Europe.md").read_text() == "mine\n" and not (folder / "Lang.md").exists()
    assert run("import", str(packages["current"][0]), "--to", str(folder), "--force").exit_code == 0


def _bad(path: Path, kind: str) -> None:
    if kind == "not a zip":
        path.write_bytes(b"plain text")
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "symlink":
            info = zipfile.ZipInfo("media")
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
        elif kind == "bomb":
            archive.writestr("collection.anki21", b"\0" * (40 << 20))
        else:
            archive.writestr({"parent": "../x", "absolute": "/x", "empty": "media"}[kind], b"x")


@pytest.mark.parametrize("kind", ["not a zip", "symlink", "bomb", "parent", "absolute", "empty"])
def test_bad_archive_changes_nothing(tmp_path, kind):
    (tmp_path / "notes.md").write_text("a :: b\n")
    assert run("import", str(tmp_path / "notes.md")).exit_code == 0
    before = dump(tmp_path)
    bad = tmp_path / "bad.apkg"
    _bad(bad, kind)
    result = run("import", str(bad))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and "bad.apkg" in result.stderr and "Traceback" not in result.output
    # nothing beside the package but the notes, the collection (its WAL files) and the test's home (backups)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["notes.md", "bad.apkg", "collection.db", "home"] + [
        p.name for p in tmp_path.iterdir() if p.name.startswith("collection.db-")])
    assert dump(tmp_path) == before and len(cards()) == 1


def test_fsrs_memory_and_due_are_anki_s(tmp_path, packages):
    source, expected = packages["fsrs"]
    assert run("import", str(source), "--to", str(tmp_path / "deck")).exit_code == 0
    with sqlite3.connect(tmp_path / "collection.db") as db:
        rows = db.execute("SELECT stability, due FROM cards WHERE reps > 0").fetchall()
    assert rows and all(abs(s - 3.9328) < 1e-9 for s, _ in rows)  # what Anki 26.9 stored after Again, Good, Good
    dues = sorted(datetime.fromisoformat(d).timestamp() for _, d in rows)
    assert dues == sorted(e["due"] for e in expected.values() if e["due"] is not None)
