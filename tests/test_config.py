"""Settings: defaults, config.toml, per-deck overrides and bad files."""

import pytest

from revise.config import Settings, load_config
from revise.errors import ReviseError


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
    ],
)
def test_bad_config_names_the_file_and_the_problem(tmp_path, content, fragment):
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ReviseError) as info:
        load_config(path)
    assert str(path) in str(info.value) and fragment in str(info.value)


@pytest.mark.parametrize(
    "content, fragment",
    [
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
def test_wrongly_typed_setting_is_an_error_not_a_crash(tmp_path, content, fragment):
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ReviseError) as info:
        load_config(path)
    assert str(path) in str(info.value) and fragment in str(info.value)
