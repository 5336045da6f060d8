"""`revise stats --html FILE` through the CLI on collections with a real history: the page's charts
carry exactly the figures of `revise stats --graphs --json`, for the period and deck asked."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from typer.testing import CliRunner

from bench.learners import Learner, study
from bench.scheduling import read_log
from revise.cli import app
from revise.scheduling.fitting import default_parameters
from tests.conftest import shared_file
from tests.personal.helpers import collection_of, write_answers
from tests.stats.html.pages import assert_same_figures, parse_page


def ending_yesterday(histories: list[list]) -> list[list]:
    """The answers moved in time so that the last was given a day ago, as a learner's recent history."""
    last = max(answer.at for history in histories for answer in history)
    shift = datetime.now(timezone.utc) - timedelta(days=1) - last
    return [[replace(answer, at=answer.at + shift) for answer in history] for history in histories]


def learned_collection(tmp_path: Path) -> Path:
    """Two decks studied by simulated learners for 40 and 25 days, up to yesterday, in the tests' collection."""
    db, ids = collection_of(Path(os.environ["REVISE_COLLECTION"]), tmp_path / "notes", {"Spanish": 40, "Physics": 30})
    learner = Learner(default_parameters())
    histories = {}
    for seed, (deck, days) in enumerate((("Spanish", 40), ("Physics", 25))):
        studied = study(learner, ids[deck], days, seed=seed)
        histories.update(zip(studied, ending_yesterday(list(studied.values()))))
    write_answers(db, histories)
    db.close()
    return tmp_path


def page_and_json(tmp_path: Path, *options: str):
    """The page `stats --html` writes and the JSON `stats --graphs --json` prints, with the same options."""
    runner, out = CliRunner(), tmp_path / "graphs.html"
    written = runner.invoke(app, ["stats", "--html", str(out), *options])
    assert written.exit_code == 0, written.output
    assert written.stdout.strip() == f"Wrote {out}"
    figures = runner.invoke(app, ["stats", "--graphs", "--json", *options])
    assert figures.exit_code == 0, figures.output
    return parse_page(out.read_text(encoding="utf-8")), json.loads(figures.stdout)


def test_the_page_holds_the_figures_of_graphs_json(tmp_path):
    learned_collection(tmp_path)
    page, data = page_and_json(tmp_path, "--days", "60")
    assert data["period_days"] == 60 and sum(d["young"] for d in data["reviews"]) > 100
    assert_same_figures(page, data)
    assert page.svgs["reviews"]["data-days"] == "60"
    assert not [url for url in page.urls if not url.startswith("#")]  # nothing fetched, no link out
    assert "script" not in page.tags and "img" not in page.tags


def test_deck_limits_every_chart(tmp_path):
    learned_collection(tmp_path)
    page, data = page_and_json(tmp_path, "--deck", "Physics")
    everything, _ = page_and_json(tmp_path)
    assert_same_figures(page, data)
    assert data["deck"] == "Physics" and "deck Physics" in " ".join(page.text)
    assert page.svgs["stability"]["data-cards"] == "30" and everything.svgs["stability"]["data-cards"] == "70"


def test_a_real_learners_log(tmp_path):
    log = ending_yesterday(list(read_log(shared_file("review-log-josh.csv")).values())[:300])
    db, ids = collection_of(Path(os.environ["REVISE_COLLECTION"]), tmp_path / "notes", {"josh": len(log)})
    write_answers(db, dict(zip(ids["josh"], log)))
    db.close()
    page, data = page_and_json(tmp_path)
    assert_same_figures(page, data)


def test_an_unwritable_path_is_an_error_naming_it_and_writes_nothing(tmp_path):
    learned_collection(tmp_path)
    runner = CliRunner()
    missing = tmp_path / "no such folder" / "graphs.html"
    result = runner.invoke(app, ["stats", "--html", str(missing)])
    assert result.exit_code == 1 and f"Error: cannot write {missing}: No such file or directory" in result.output
    folder = tmp_path / "a folder"
    folder.mkdir()
    result = runner.invoke(app, ["stats", "--html", str(folder)])
    assert result.exit_code == 1 and f"Error: cannot write {folder}:" in result.output
    assert list(folder.iterdir()) == [] and not missing.parent.exists()  # no partial file left behind
    both = runner.invoke(app, ["stats", "--html", str(tmp_path / "x.html"), "--json"])
    assert both.exit_code == 2 and not (tmp_path / "x.html").exists()


def test_a_page_is_replaced_whole(tmp_path):
    learned_collection(tmp_path)
    out = tmp_path / "graphs.html"
    out.write_text("an older page")
    assert CliRunner().invoke(app, ["stats", "--html", str(out), "--days", "7"]).exit_code == 0
    assert parse_page(out.read_text()).svgs["reviews"]["data-days"] == "7"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_html_needs_a_collection(tmp_path):
    result = CliRunner().invoke(app, ["stats", "--html", str(tmp_path / "graphs.html")])
    assert result.exit_code == 1 and "Error: no collection" in result.output
    assert not (tmp_path / "graphs.html").exists()
