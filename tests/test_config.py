"""Settings: defaults, config.toml, per-deck overrides and bad files."""

import pytest

from revise.config import Config, Settings, config_toml, load_config
from revise.errors import ReviseError


@pytest.fixture
def config_error(tmp_path):
    """Load a config.toml holding `content`: (its path, the message of the ReviseError it raises)."""

    def load(content):
        path = tmp_path / "config.toml"
        path.write_text(content)
        with pytest.raises(ReviseError) as info:
            load_config(path)
        return path, str(info.value)

    return load


def test_missing_file_gives_anki_defaults(tmp_path):
    config = load_config(tmp_path / "none.toml")
    settings = config.for_deck("anything")
    assert settings == Settings()
    assert (settings.desired_retention, settings.new_per_day, settings.reviews_per_day) == (0.9, 20, 200)
    assert (settings.learning_steps, settings.relearning_steps) == ((1.0, 10.0), (10.0,))
    assert (settings.day_start_hour, settings.leech_threshold, settings.maximum_interval) == (4, 8, 36500)


def test_deck_override_applies_to_subdecks_longest_match_wins(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        "new_per_day = 10\n"
        '[decks."DL"]\nnew_per_day = 5\n'
        '[decks."DL::CNN"]\ndesired_retention = 0.85\n'
    )
    config = load_config(path)
    assert config.for_deck("Other").new_per_day == 10
    assert config.for_deck("DL").new_per_day == 5
    assert config.for_deck("DL::RNN").new_per_day == 5
    cnn = config.for_deck("DL::CNN::week1")
    assert (cnn.desired_retention, cnn.new_per_day) == (0.85, 10)
    assert config.for_deck("DLX").new_per_day == 10


def test_steps_become_float_tuples(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("learning_steps = [1, 5, 20]\n")
    assert load_config(path).default.learning_steps == (1.0, 5.0, 20.0)


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("new_per_dya = 3\n", "unknown setting 'new_per_dya'"),
        ("new_per_day = 'ten'\n", "'new_per_day' must be a number"),
        ("new_per_day = \n", "cannot read the config"),
        ("learning_steps = 5\n", "'learning_steps' must be a list of numbers"),
        ("learning_steps = ['a']\n", "'learning_steps' must be a list of numbers"),
        ("fuzz = 'no'\n", "'fuzz' must be true or false"),
        ("maximum_interval = true\n", "'maximum_interval' must be a number"),
        ("new_per_day = 1.5\n", "'new_per_day' must be a whole number"),
        ("reviews_per_day = inf\n", "'reviews_per_day' must be a whole number"),
        ("leech_action = 5\n", "'leech_action' must be \"suspend\" or \"tag\""),
        ("leech_action = 'delete'\n", "'leech_action' must be \"suspend\" or \"tag\""),
        ("day_start_hour = 30\n", "'day_start_hour' must be an hour from 0 to 23"),
        ("decks = 5\n", "[decks] must be a table"),
        ('[decks]\nx = 5\n', '[decks."x"] must be a table'),
        ('[decks."x"]\nbogus = 1\n', "[decks.\"x\"] unknown setting 'bogus'"),
        ('[decks."x"]\nfuzz = 1\n', "[decks.\"x\"] 'fuzz' must be true or false"),
    ],
)
def test_bad_config_names_the_file_and_the_problem(config_error, content, fragment):
    path, message = config_error(content)
    assert str(path) in message and fragment in message


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("new_per_day = -5\n", "'new_per_day' must be a whole number, 0 or more, not -5."),
        ("reviews_per_day = -1\n", "'reviews_per_day' must be a whole number, 0 or more, not -1."),
        ("learning_steps = [-1.0]\n", "'learning_steps' must be a list of minutes, each more than 0"),
        ("relearning_steps = [0]\n", "'relearning_steps' must be a list of minutes, each more than 0"),
        ("learning_steps = [nan]\n", "'learning_steps' must be a list of minutes, each more than 0"),
        ("maximum_interval = 0\n", "'maximum_interval' must be a whole number of days, 1 or more, not 0."),
        ("leech_threshold = -1\n", "'leech_threshold' must be a whole number of lapses, 1 or more, not -1."),
        ("desired_retention = 1.5\n", "'desired_retention' must be a number between 0 and 1 (exclusive)"),
        ("desired_retention = 0\n", "'desired_retention' must be a number between 0 and 1 (exclusive)"),
        ("parameters = [1, 2]\n", "'parameters' must be FSRS weights that py-fsrs accepts (Expected 21 parameters, got 2.)"),
        ('[decks."x"]\nparameters = [' + ", ".join(["0.0"] * 21) + "]\n",
         "[decks.\"x\"] 'parameters' must be FSRS weights that py-fsrs accepts (One or more parameters are out of bounds: parameters[0] = 0.0 is out of bounds: (0.001, 100.0); parameters[1]"),
        ('[decks."x"]\nmaximum_interval = -3\n', "[decks.\"x\"] 'maximum_interval' must be a whole number of days"),
        ("max_note_size_mb = 0\n", "'max_note_size_mb' must be a whole number of megabytes, 1 or more, not 0."),
        ("max_note_size_mb = 2.5\n", "'max_note_size_mb' must be a whole number, not 2.5."),
    ],
)
def test_setting_out_of_range_names_the_file_the_setting_and_what_it_allows(config_error, content, fragment):
    path, message = config_error(content)
    assert message.startswith(f"{path}: ") and fragment in message


def test_settings_in_range_are_accepted(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("learning_steps = []\nnew_per_day = 0\nmaximum_interval = 1\nleech_threshold = 1\n"
                    "desired_retention = 0.97\nday_start_hour = 0\n")
    settings = load_config(path).default
    assert (settings.learning_steps, settings.new_per_day, settings.maximum_interval) == ((), 0, 1)


def test_unknown_setting_lists_the_known_ones_sorted(config_error):
    _, message = config_error("new_per_dya = 3\n")
    known = message.split("Known: ")[1].rstrip(".").split(", ")
    assert known == sorted(known) and "new_per_day" in known and len(known) == 13


def test_config_toml_shows_each_unit_in_a_column(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[decks."lang"]\nnew_per_day = 5\n')
    lines = config_toml(load_config(path)).splitlines()
    assert lines[1] == "desired_retention = 0.9       # the share of reviews you should get right"
    assert lines[2] == "learning_steps = [1.0, 10.0]  # minutes"
    assert "fuzz = true" in lines and lines[-1] == "new_per_day = 5  # new cards a study day"
    missing = tmp_path / "none.toml"
    assert config_toml(Config(path=missing)).splitlines()[0] == f"# {missing}  (not found: the defaults apply)"


@pytest.mark.parametrize("key, value", [("day_start_hour", 6), ("max_note_size_mb", 20)])
def test_global_settings_cannot_be_set_for_a_deck(tmp_path, key, value):
    path = tmp_path / "config.toml"
    path.write_text(f'{key} = {value}\n[decks."x"]\n{key} = {value}\n', encoding="utf-8")
    with pytest.raises(ReviseError, match=rf"\[decks.\"x\"\] '{key}' can only be set globally"):
        load_config(path)


def test_max_note_size_mb_sets_the_limit_in_bytes(tmp_path):
    path = tmp_path / "config.toml"
    assert load_config(path).max_note_bytes == 10 * 2**20
    path.write_text("max_note_size_mb = 25\n", encoding="utf-8")
    assert load_config(path).max_note_bytes == 25 * 2**20
