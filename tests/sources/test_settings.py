"""A folder's revise.toml: read at import and sync, nearest folder wins, front matter wins, changes re-parse, errors."""

from __future__ import annotations

from revise import collection
from revise.sources import import_paths, sync_sources

NOTE = "## Why does it work?\nBecause.\n\n## Bias\n- Why not regularize the bias? Little difference.\n"


def fronts(db) -> list[str]:
    return [row["front"] for row in collection.list_cards(db)]


def test_a_settings_file_sets_the_kinds_for_every_note_under_it(db, tmp_path):
    folder = tmp_path / "course"
    (folder / "week1").mkdir(parents=True)
    (folder / "revise.toml").write_text("question_bullets = true\n")
    (folder / "week1" / "a.md").write_text(NOTE)
    (folder / "week1" / "b.md").write_text("---\nrevise: {question_headings: false}\n---\n" + NOTE)
    report = import_paths(db, [folder])
    assert report.errors == [] and report.total("added") == 3
    assert sorted(fronts(db)) == ["Why does it work?", "Why not regularize the bias?", "Why not regularize the bias?"]


def test_the_nearest_settings_file_wins_and_changing_it_reparses_unchanged_notes(db, tmp_path):
    folder = tmp_path / "course"
    (folder / "week1").mkdir(parents=True)
    (folder / "revise.toml").write_text("question_bullets = true\n")
    (folder / "week1" / "revise.toml").write_text("question_headings = false\n")
    (folder / "week1" / "a.md").write_text(NOTE)
    import_paths(db, [folder])
    assert fronts(db) == ["Why not regularize the bias?"]
    (folder / "week1" / "revise.toml").unlink()
    report = sync_sources(db)
    assert (report.parsed, report.total("added")) == (1, 1)
    assert fronts(db) == ["Why does it work?", "Why not regularize the bias?"]
    assert sync_sources(db).parsed == 0  # unchanged settings: read and hashed, not parsed
    (folder / "revise.toml").unlink()
    report = sync_sources(db)
    assert (report.parsed, report.total("retired")) == (1, 1)
    assert fronts(db) == ["Why does it work?"]


def test_a_settings_file_added_after_the_import_takes_effect_at_the_next_sync(db, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(NOTE)
    import_paths(db, [folder])
    (folder / "revise.toml").write_text("implicit = false\n")
    report = sync_sources(db)
    assert (report.parsed, report.total("retired")) == (1, 1) and fronts(db) == []


def test_a_broken_settings_file_is_an_error_and_its_notes_are_left_alone(db, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(NOTE)
    import_paths(db, [folder])
    (folder / "a.md").write_text(NOTE + "\nx :: y\n")
    (folder / "revise.toml").write_text("colon_list = false\n")
    report = sync_sources(db)
    assert [str(e) for e in report.errors] == [
        f"{folder / 'revise.toml'}: unknown setting 'colon_list' — the settings are: implicit, headings, "
        "bold_terms, question_headings, bold_questions, colon_lists, question_bullets, term_bullets; "
        "the notes under it were not read"]
    assert fronts(db) == ["Why does it work?"]
    (folder / "revise.toml").write_text("colon_lists = [\n")
    assert "not valid TOML" in sync_sources(db).errors[0].message
