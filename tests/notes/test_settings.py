"""Which summary kinds are on: defaults, front matter over folder settings, Obsidian vaults, and checking a setting."""

from __future__ import annotations

from revise.notes.settings import heading_level, setting_problem, summary_kinds

DEFAULT = {"bold_terms", "question_headings", "bold_questions", "colon_lists"}


def test_defaults_and_implicit_false():
    assert summary_kinds({}, {}) == DEFAULT
    assert summary_kinds({}, {"implicit": False}) == set()
    assert summary_kinds({}, {"implicit": False, "colon_lists": True}) == {"colon_lists"}


def test_front_matter_wins_over_the_folder():
    folder = {"implicit": False, "question_bullets": True}
    assert summary_kinds(folder, {}) == {"question_bullets"}
    assert summary_kinds(folder, {"implicit": True, "question_bullets": False}) == DEFAULT
    assert heading_level({"headings": 3}, {}) == 3 and heading_level({"headings": 3}, {"headings": 2}) == 2
    assert heading_level({"headings": 9}, {}) == 0


def test_obsidian_vaults_keep_only_bold_terms_unless_asked():
    assert summary_kinds({}, {}, vault=True) == {"bold_terms"}
    assert summary_kinds({"bold_questions": True}, {}, vault=True) == {"bold_terms", "bold_questions"}


def test_setting_problems():
    assert setting_problem("colon_lists", False) is None and setting_problem("headings", 3) is None
    assert setting_problem("colon_list", True) == (
        "unknown setting 'colon_list' — the settings are: implicit, headings, bold_terms, question_headings, "
        "bold_questions, colon_lists, question_bullets, term_bullets")
    assert setting_problem("implicit", "no") == "'implicit' must be true or false, not 'no'"
    assert setting_problem("headings", 7) == "'headings' must be a heading level from 1 to 6 (0: none), not 7"
