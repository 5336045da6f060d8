"""`revise review`, `config`, `suspend`, `unsuspend` and `forget` through the CLI."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revise.collection import open_collection
from revise.cli import app

REPO = Path(__file__).resolve().parents[2]

DECK = """\
# Basics

Q: What does ReLU compute?
A: max(0, z)

Q: What range does the sigmoid map into?
A: (0, 1)
"""


@pytest.fixture
def deck(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "basics.md").write_text(DECK, encoding="utf-8")
    (folder / "words.md").write_text("---\ndeck: vocab\n---\nepoch :: one full pass #terms\n", encoding="utf-8")
    return folder


def collection():
    return open_collection(os.environ["REVISE_COLLECTION"])


def revlog():
    return [dict(row) for row in collection().query("SELECT card_id, rating, kind FROM revlog ORDER BY id")]


def test_piped_keys_answer_one_card_good(deck):
    result = CliRunner().invoke(app, ["review", str(deck)], input="\n3\nq\n")
    assert result.exit_code == 0, result.output
    assert [(log["rating"], log["kind"]) for log in revlog()] == [(3, "review")]
    assert "What does ReLU compute?" in result.stdout
    assert "3 Good 10m" in result.stdout
    assert "Done: 1 card" in result.stdout


def test_piped_from_a_real_pipe(deck, tmp_path):
    """The documented one-liner, with a real pipe as standard input."""
    revise = Path(sys.executable).parent / "revise"
    done = subprocess.run(
        [str(revise), "review", str(deck)], input=b"\n3\nq\n", capture_output=True, timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert [log["rating"] for log in revlog()] == [3]


def test_an_empty_path_is_no_such_file_not_the_current_folder(deck, monkeypatch):
    monkeypatch.chdir(deck)  # Path('') would be '.', this folder of cards
    result = CliRunner().invoke(app, ["review", ""], input="\n3\nq\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: '': no such file or folder")
    assert revlog() == []


def test_end_of_input_quits(deck):
    result = CliRunner().invoke(app, ["review", str(deck)], input="\n4\n")
    assert result.exit_code == 0
    assert len(revlog()) == 1


def test_review_without_paths_syncs_all_sources(deck):
    CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    (deck / "basics.md").write_text(DECK + "\nQ: Brand new?\nA: yes\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["review", "--limit", "5"], input="q\n")
    assert result.exit_code == 0
    assert "new 4 ·" in result.stdout  # the new card was synced in before the session


def test_limit_new_deck_and_tag(deck):
    runner = CliRunner()
    assert "new 1 ·" in runner.invoke(app, ["review", str(deck), "--limit", "1"], input="q\n").stdout
    assert "new 2 ·" in runner.invoke(app, ["review", "--new", "2"], input="q\n").stdout
    assert runner.invoke(app, ["review", "--new", "0"], input="").stdout.startswith("Nothing to review now.")
    by_deck = runner.invoke(app, ["review", "--deck", "vocab"], input="q\n").stdout
    assert "epoch" in by_deck and "ReLU" not in by_deck
    by_tag = runner.invoke(app, ["review", "--tag", "terms"], input="q\n").stdout
    assert "epoch" in by_tag and "new 1 ·" in by_tag


def test_path_selects_only_that_file(deck):
    CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    result = CliRunner().invoke(app, ["review", str(deck / "words.md")], input="q\n")
    assert "epoch" in result.stdout and "new 1 ·" in result.stdout


def test_cram_changes_no_schedule(deck):
    runner = CliRunner()
    runner.invoke(app, ["review", str(deck)], input="\n4\nq\n")
    before = [dict(r) for r in collection().query("SELECT * FROM cards ORDER BY id")]
    result = runner.invoke(app, ["review", "--cram", "--deck", "basics", "--deck", "vocab"], input="\n3\n\n1\nq\n")
    assert result.exit_code == 0, result.output
    assert "cram ·" in result.stdout
    assert [dict(r) for r in collection().query("SELECT * FROM cards ORDER BY id")] == before
    assert [log["kind"] for log in revlog()] == ["review", "cram", "cram"]


@pytest.mark.parametrize(
    "args, error",
    [
        (["--deck", "nosuch"], "Error: no cards in deck 'nosuch'. Decks: basics, vocab.\n"),
        (["--deck", "Vocab"], "Error: no cards in deck 'Vocab' (names are case-sensitive). Did you mean 'vocab'?\n"),
        (["--deck", "basic"], "Error: no cards in deck 'basic'. Did you mean 'basics'?\n"),
        (["--deck", "basics", "--deck", "nosuch"], "Error: no cards in deck 'nosuch'. Decks: basics, vocab.\n"),
        (["--tag", "term"], "Error: no cards tagged 'term'. Did you mean 'terms'?\n"),
        (["--deck", "basics", "--tag", "terms"],
         "Error: no card is in deck 'basics' and tagged 'terms'. Each alone has cards: choose fewer.\n"),
        (["--cram", "--deck", "nosuch"], "Error: no cards in deck 'nosuch'. Decks: basics, vocab.\n"),
    ],
)
def test_a_selection_without_cards_is_an_error(deck, args, error):
    CliRunner().invoke(app, ["import", str(deck)])
    result = CliRunner().invoke(app, ["review", *args], input="\n3\nq\n")
    assert result.exit_code == 1 and result.stderr == error and result.stdout == ""
    assert revlog() == []


def test_a_path_without_cards_is_an_error(deck):
    (deck / "prose.md").write_text("# Just notes\n\nNo cards here.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["review", str(deck / "prose.md")], input="q\n")
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: no cards in {deck / 'prose.md'}.")


def test_an_empty_collection_says_how_to_add_cards():
    result = CliRunner().invoke(app, ["review"], input="q\n")
    assert result.exit_code == 0
    assert result.stdout == "No cards yet: import your notes with `revise import PATH`.\n"


def test_nothing_due_in_a_known_deck_is_not_an_error(deck):
    runner = CliRunner()
    runner.invoke(app, ["review", str(deck)], input="\n4\n\n4\n\n4\n")
    result = runner.invoke(app, ["review", "--deck", "vocab"], input="q\n")
    assert result.exit_code == 0 and result.stdout.startswith("Nothing to review now.\n")


def test_missing_path_is_an_error(tmp_path):
    result = CliRunner().invoke(app, ["review", str(tmp_path / "nowhere")], input="q\n")
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "nowhere" in result.stderr


def test_suspend_unsuspend_forget(deck):
    runner = CliRunner()
    runner.invoke(app, ["review", str(deck)], input="\n4\nq\n")
    [answered] = [log["card_id"] for log in revlog()]
    result = runner.invoke(app, ["suspend", str(answered)])
    assert result.exit_code == 0 and result.stdout == "Suspended 1 card.\n"
    assert collection()["cards"].get(answered)["suspended"] == 1
    assert runner.invoke(app, ["unsuspend", str(answered)]).stdout == "Unsuspended 1 card.\n"
    assert collection()["cards"].get(answered)["suspended"] == 0
    result = runner.invoke(app, ["forget", str(answered)])
    assert result.stdout == "Reset 1 card.\n"
    row = collection()["cards"].get(answered)
    assert (row["state"], row["reps"], row["due"], row["stability"]) == ("new", 0, None, None)
    assert len(revlog()) == 1  # history kept


@pytest.mark.parametrize("command", ["suspend", "unsuspend", "forget"])
def test_unknown_card_id(deck, command):
    CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    result = CliRunner().invoke(app, [command, "1", "999"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no card with id 999\n"
    assert collection()["cards"].get(1)["suspended"] == 0  # nothing changed


def test_config_prints_path_and_effective_values(tmp_path):
    config = tmp_path / "config.toml"
    result = CliRunner().invoke(app, ["config"])
    assert result.stdout.splitlines()[0] == f"# {config}  (not found: the defaults apply)"
    assert "\ndesired_retention = 0.9  " in result.stdout and "\nlearning_steps = [1.0, 10.0]  # minutes\n" in result.stdout
    config.write_text('new_per_day = 10\n[decks."lang"]\nnew_per_day = 5\ndesired_retention = 0.85\n')
    result = CliRunner().invoke(app, ["config"])
    assert result.stdout.splitlines()[0] == f"# {config}"
    assert "\nnew_per_day = 10  " in result.stdout
    assert result.stdout.endswith(
        '[decks."lang"]\ndesired_retention = 0.85  # the share of reviews you should get right\n'
        "new_per_day = 5           # new cards a study day\n"
    )


def test_readme_config_sample_is_what_revise_config_prints(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "docs" / "review.md").read_text(encoding="utf-8")
    sample = readme.split("`revise config` prints", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    overrides = sample[sample.index("[decks."):]
    (tmp_path / "config.toml").write_text(overrides)
    printed = CliRunner().invoke(app, ["config"]).stdout
    assert printed.splitlines()[1:] == sample.splitlines()[1:]  # the first line is the file's path


@pytest.mark.parametrize("setting", ["desired_retention = 1.5", "parameters = [1, 2]", "maximum_interval = 0",
                                     "new_per_day = -5", "learning_steps = [-1.0]", "leech_threshold = -1"])
@pytest.mark.parametrize("args", [["config"], ["stats"], ["review"]])
def test_every_command_reading_the_config_rejects_a_value_out_of_range(tmp_path, setting, args):
    (tmp_path / "config.toml").write_text(setting + "\n")
    result = CliRunner().invoke(app, args, input="\n3\nq\n")
    assert result.exit_code == 1 and result.stdout == ""
    key = setting.split(" =")[0]
    assert result.stderr.startswith(f"Error: {tmp_path / 'config.toml'}: '{key}' must be ")


def test_config_is_valid_toml_round_trip(tmp_path):
    import tomllib

    from revise.config import load_config

    (tmp_path / "config.toml").write_text('leech_action = "tag"\n[decks."a::b"]\nlearning_steps = [2, 20]\n')
    text = CliRunner().invoke(app, ["config"]).stdout
    copy = tmp_path / "copy.toml"
    copy.write_text(text)
    tomllib.loads(text)
    assert load_config(copy).default == load_config(tmp_path / "config.toml").default
    assert load_config(copy).decks == load_config(tmp_path / "config.toml").decks


def test_bad_config_is_an_error(deck, tmp_path):
    (tmp_path / "config.toml").write_text("new_per_day = 'lots'\n")
    result = CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    assert result.exit_code == 1 and "config.toml" in result.stderr and "new_per_day" in result.stderr


def test_invalid_fsrs_parameters_stop_before_the_session(deck, tmp_path):
    (tmp_path / "config.toml").write_text('[decks."vocab"]\nparameters = [0.5, 1.0]\n')
    result = CliRunner().invoke(app, ["review", str(deck)], input="\n3\nq\n")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'config.toml'}: [decks.\"vocab\"] 'parameters' must be FSRS weights")
    assert revlog() == []


@pytest.mark.parametrize("args", [["config"], ["review"], ["stats"], ["stats", "--json"]])
def test_deck_override_with_an_unknown_setting_is_an_error(deck, tmp_path, args):
    (tmp_path / "config.toml").write_text('[decks."vocab"]\nnew_per_dya = 3\n')
    result = CliRunner().invoke(app, args, input="\n3\nq\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {tmp_path / 'config.toml'}: [decks.\"vocab\"] unknown setting 'new_per_dya'.")
    assert result.stdout == ""


def test_limit_zero_shows_no_card(deck):
    result = CliRunner().invoke(app, ["review", str(deck), "--limit", "0"], input="\n3\nq\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("Nothing to review now.\n") and revlog() == []


def test_limit_zero_shows_no_learning_card_either(deck):
    CliRunner().invoke(app, ["review", str(deck)], input="\n1\nq\n")  # Again: back in a minute
    result = CliRunner().invoke(app, ["review", "--limit", "0"], input="q\n")
    assert result.exit_code == 0 and result.stdout.startswith("Nothing to review now.\n")
    assert "Next learning card" not in result.stdout


def test_deck_and_path_filters_take_names_literally(tmp_path):
    """`_` and `%` are not wildcards and case counts, as in `revise cards --deck` and `revise stats --deck`."""
    for folder, deck in (("my_notes", "a_b"), ("myXnotes", "axb::sub"), ("other", "A_B::sub")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "n.md").write_text(f"---\ndeck: {deck}\n---\n{folder} :: yes\n", encoding="utf-8")
    runner = CliRunner()
    runner.invoke(app, ["import", str(tmp_path)])
    shown = runner.invoke(app, ["review", "--deck", "a_b"], input="q\n").stdout
    assert "my_notes" in shown and "myXnotes" not in shown and "other" not in shown
    result = runner.invoke(app, ["review", str(tmp_path / "my_notes"), "--limit", "5"], input="\n3\n\n3\n")
    assert "myXnotes" not in result.stdout and "Done: 1 card" in result.stdout


def test_a_locked_collection_is_an_error_not_a_traceback(deck):
    """Another process holding the write lock past the busy timeout (a long import, say)."""
    import sqlite3

    CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    holder = sqlite3.connect(os.environ["REVISE_COLLECTION"])
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(app, ["suspend", "1"])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {os.environ['REVISE_COLLECTION']}: the collection is locked by another revise")
    assert collection()["cards"].get(1)["suspended"] == 0


def test_readme_sample_screen_is_what_a_first_session_of_the_shipped_decks_shows():
    """The README's screen is a tmux capture; at least its deck, layout and width must be today's."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sample = readme.split("```text\n", 1)[1].split("```", 1)[0].splitlines()  # the screen under the first paragraph
    result = CliRunner().invoke(app, ["review", str(REPO / "decks")], input="q\n", env={"COLUMNS": "80"})
    first = result.stdout.splitlines()
    assert sample[0] == first[0] == "Getting started with revise"
    assert re.fullmatch(r"─+ new \d+ · learning \d+ · review \d+", sample[2]) and len(sample[2]) == 80
    assert re.fullmatch(r"1 Again \S+   2 Hard \S+   3 Good \S+   4 Easy \S+", sample[-3])
    assert sample[-2].startswith("u undo · b bury · s suspend · e edit · q quit ") and len(sample[-2]) == 80
    assert all(len(line) <= 80 for line in sample)


def test_review_tag_may_be_written_as_in_the_notes(deck):
    result = CliRunner().invoke(app, ["review", str(deck), "--tag", "#terms"], input="\n3\nq\n")
    assert result.exit_code == 0, result.output
    assert "epoch" in result.stdout and [log["rating"] for log in revlog()] == [3]


@pytest.mark.parametrize("args", [["review", "--deck", ""], ["review", "--tag", ""], ["stats", "--deck", ""]])
def test_an_empty_deck_or_tag_is_a_usage_error(deck, args):
    result = CliRunner().invoke(app, args, input="q\n")
    assert result.exit_code == 2 and "must not be empty" in result.output


def test_the_first_review_of_a_path_says_what_it_imported_on_stderr(deck):
    first = CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    assert first.exit_code == 0 and f"Imported 3 new cards from {deck}." in first.stderr
    assert "Imported" not in first.stdout  # piped output is as it was
    again = CliRunner().invoke(app, ["review", str(deck)], input="q\n")
    assert "Imported" not in again.output  # nothing new: nothing to say
    (deck / "more.md").write_text("dropout :: zeroes activations\n", encoding="utf-8")
    later = CliRunner().invoke(app, ["review"], input="q\n")
    assert "Imported 1 new card from your sources." in later.stderr


def test_review_type_from_a_pipe_each_line_is_a_typed_answer(deck):
    result = CliRunner().invoke(app, ["review", str(deck), "--type"], input="MAX(0,z)\n\n(0;1)\n2\nq\n")
    assert result.exit_code == 0, result.output
    assert "typed     MAX(0,z)\n✓ Exact. Enter: 3 Good, or 1–4." in result.stdout
    assert "expected  (0, 1)\n            ^" in result.stdout and "Close (80% alike)" in result.stdout
    assert [log["rating"] for log in revlog()] == [3, 2]
