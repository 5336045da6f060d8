"""`revise export OUT`: the format from the extension or --format, and its usage errors."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from revise.cli import app
from tests.interop.exports import make_collection


def run(*args: str):
    return CliRunner().invoke(app, ["export", *args])


def test_the_format_comes_from_the_extension_or_format(tmp_path):
    make_collection(tmp_path / "notes")
    assert run(str(tmp_path / "a.apkg")).exit_code == 0 and (tmp_path / "a.apkg").is_file()
    assert run(str(tmp_path / "b.zip"), "--format", "apkg").exit_code == 0 and (tmp_path / "b.zip").is_file()
    result = run(str(tmp_path / "c.xyz"))
    assert result.exit_code == 2 and "cannot tell the format" in result.output


def test_usage_errors_name_the_option(tmp_path):
    make_collection(tmp_path / "notes")
    assert "unknown format 'docx'" in run(str(tmp_path / "a"), "--format", "docx").output
    result = run(str(tmp_path / "md"), "--format", "markdown", "--legacy")
    assert result.exit_code == 2 and "--legacy is for the apkg format only" in result.output


def test_an_existing_file_is_kept_unless_force(tmp_path):
    make_collection(tmp_path / "notes")
    (tmp_path / "a.apkg").write_text("mine")
    result = run(str(tmp_path / "a.apkg"))
    assert result.exit_code == 1 and "already exists" in result.output and "--force" in result.output
    assert (tmp_path / "a.apkg").read_text() == "mine"
    assert run(str(tmp_path / "a.apkg"), "--force").exit_code == 0 and (tmp_path / "a.apkg").read_bytes()[:2] == b"PK"


def test_an_empty_selection_or_no_collection_is_an_error_and_writes_nothing(tmp_path):
    result = run(str(tmp_path / "a.apkg"))
    assert result.exit_code == 1 and "Error: no collection at" in result.output
    assert not Path(os.environ["REVISE_COLLECTION"]).exists()
    make_collection(tmp_path / "notes")
    result = run(str(tmp_path / "a.apkg"), "--deck", "Nope")
    assert result.exit_code == 1 and "no cards to export in deck 'Nope'" in result.output
    assert not (tmp_path / "a.apkg").exists()


def test_json_reports_what_was_written(tmp_path):
    import json

    make_collection(tmp_path / "notes")
    data = json.loads(run(str(tmp_path / "a.apkg"), "--json").stdout)
    assert data == {"path": str(tmp_path / "a.apkg"), "format": "apkg", "notes": 5, "cards": 7, "reviews": 0,
                    "media": 1, "decks": 2}
