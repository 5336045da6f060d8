"""What an import reports: parse warnings with their file and line."""

from __future__ import annotations

from revise.sources.sync import import_paths
from tests.sources.helpers import cards


def test_parse_warnings_are_reported_with_file_and_line(db, tmp_path):
    (tmp_path / "w.md").write_text("OK :: fine\n\nQ: A question with no answer\n")
    report = import_paths(db, [tmp_path / "w.md"])
    assert report.warnings and report.warnings[0].file == str(tmp_path / "w.md")
    assert report.warnings[0].line >= 1 and "OK" in cards(db)
