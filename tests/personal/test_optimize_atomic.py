"""`revise optimize` saves config.toml and the cards' memory states as one change: a failed config
write, or a failed commit after it, leaves config.toml byte for byte and every card as they were."""

import errno
import os
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from bench.learners import study
from revise.cli import app
from revise.collection import open_collection
from revise.config import load_config
from revise.personal import optimize
from tests.personal.helpers import collection_of, write_answers

CONFIG = b"# my settings\r\nnew_per_day = 25   # weekdays\n"  # odd spacing and a CRLF: kept byte for byte


@pytest.fixture(scope="module")
def answered(tmp_path_factory, strong):
    """A collection a strong learner studied for 50 days, whose fit is saved (built once, copied per test)."""
    folder = tmp_path_factory.mktemp("answered")
    db, ids = collection_of(folder / "collection.db", folder / "notes", {"Biology": 500})
    write_answers(db, study(strong, ids["Biology"], 50))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder / "collection.db"


@pytest.fixture(scope="module")
def strong():
    from bench.learners import strong_learner
    from revise.scheduling.fitting import default_parameters

    return strong_learner(default_parameters())


@pytest.fixture
def collection(answered, tmp_path):
    shutil.copy(answered, path := tmp_path / "collection.db")
    return path


def memory(path):
    db = open_collection(path)
    try:
        return list(db.execute("SELECT id, due, stability, difficulty, state, step FROM cards ORDER BY id"))
    finally:
        db.close()


def test_a_config_that_cannot_be_written_changes_neither_it_nor_the_cards(collection, tmp_path, monkeypatch):
    # A real failure: the temporary file written beside config.toml gets a name longer than the
    # file system allows (root ignores a read-only folder, so that is no test here).
    config = tmp_path / ("c" * 245 + ".toml")
    config.write_bytes(CONFIG)
    monkeypatch.setenv("REVISE_CONFIG", str(config))
    before = memory(collection)
    result = CliRunner().invoke(app, ["optimize"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {config}: cannot write the config (File name too long). Nothing was "
                                    "changed: config.toml and the cards are as they were.")
    assert config.read_bytes() == CONFIG and memory(collection) == before
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_a_read_only_config_folder_changes_neither(collection, tmp_path, monkeypatch):
    from tests.cli.test_import import revise_process, without_root_override

    prefix = without_root_override()  # as root, file permissions hold only without CAP_DAC_OVERRIDE
    (folder := tmp_path / "settings").mkdir()
    (config := folder / "config.toml").write_bytes(CONFIG)
    monkeypatch.setenv("REVISE_CONFIG", str(config))
    before = memory(collection)
    folder.chmod(0o555)
    try:
        result = revise_process("optimize", prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1 and result.stderr.startswith(
        f"Error: {config}: cannot write the config (Permission denied). Nothing was changed:")
    assert config.read_bytes() == CONFIG and memory(collection) == before and os.listdir(folder) == ["config.toml"]


def test_a_full_disk_on_the_last_step_changes_neither(collection, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_bytes(CONFIG)
    replace = os.replace

    def disk_full(source, target):
        if str(target) == str(config):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full)
    before = memory(collection)
    result = CliRunner().invoke(app, ["optimize", "--reschedule"])
    assert result.exit_code == 1 and "cannot write the config (No space left on device)" in result.output
    assert config.read_bytes() == CONFIG and memory(collection) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


class FailingCommit:
    """SQLite's connection, whose COMMIT fails as on a disk I/O error (after config.toml was replaced)."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            raise sqlite3.OperationalError("disk I/O error")
        return self.conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def test_a_failed_commit_puts_config_toml_back(collection, tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes(CONFIG)
    before = memory(collection)
    db = open_collection(collection)
    db.conn = FailingCommit(db.conn)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        optimize(db, load_config(config))
    db.conn = db.conn.conn
    db.close()
    assert config.read_bytes() == CONFIG and memory(collection) == before
    config.unlink()  # and with no config.toml before, none after
    db = open_collection(collection)
    db.conn = FailingCommit(db.conn)
    with pytest.raises(sqlite3.OperationalError):
        optimize(db, load_config(config))
    assert not config.exists()


def test_the_same_collection_saves_when_nothing_fails(collection, tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes(CONFIG)
    before = memory(collection)
    result = CliRunner().invoke(app, ["optimize"])
    assert result.exit_code == 0 and "Saved the fitted parameters" in result.output
    assert config.read_bytes().startswith(CONFIG) and memory(collection) != before
