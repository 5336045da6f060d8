"""Tried as a new learner would: three weeks of real review sessions on a scripted clock, then
`revise optimize`, read as plain words."""

from datetime import datetime, timezone

from typer.testing import CliRunner

from revise.cli import app
from revise.config import Config, Settings
from tests.personal.helpers import collection_of
from tests.personal.scripted_learner import study_days


def test_three_weeks_of_sessions_then_optimize_tells_what_changed(tmp_path):
    db, _ = collection_of(tmp_path / "collection.db", tmp_path / "notes", {"Spanish": 400})
    (tmp_path / "config.toml").write_text("new_per_day = 30  # I have time\n")
    answered = study_days(db, Config(default=Settings(new_per_day=30)),
                          datetime(2026, 3, 2, 8, tzinfo=timezone.utc), 18, timezone.utc)
    assert answered > 2000
    due_before = dict(db.execute("SELECT id, due FROM cards"))
    result = CliRunner().invoke(app, ["optimize"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("All decks: ") and "current (FSRS-6 defaults)" in text and "fitted to your answers" in text
    assert "Saved the fitted parameters: they predict your answers better than the current ones." in text
    assert "The new parameters are in " in text and "Due dates are unchanged" in text
    assert "(to move due dates now, run `revise optimize --reschedule`)" in text
    assert "Run `revise optimize` again in a month or so" in text
    assert dict(db.execute("SELECT id, due FROM cards")) == due_before
    assert (tmp_path / "config.toml").read_text().startswith("new_per_day = 30  # I have time\nparameters = [")
    again = CliRunner().invoke(app, ["optimize"]).output
    assert "Kept the current parameters" in again and "Nothing changed." in again
    # the advice followed: nothing better to save, yet due dates move to what the saved parameters give
    moved = CliRunner().invoke(app, ["optimize", "--reschedule"]).output
    assert "No new parameters. The memory state of " in moved and " due dates moved to what they give." in moved
    assert dict(db.execute("SELECT id, due FROM cards")) != due_before
    assert "every due date already matched them." in CliRunner().invoke(app, ["optimize", "--reschedule"]).output
