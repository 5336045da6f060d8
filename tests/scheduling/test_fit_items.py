"""A card's answers → FSRS items as Anki builds them: one per answer on a later study day, same-day
answers as history, the history from the last reset, days counted from the learner's day start."""

from datetime import datetime, timedelta, timezone

from revise.scheduling.fit_items import LoggedAnswer, fit_items
from revise.scheduling.fitting import Evaluation

TOKYO = timezone(timedelta(hours=9))


def answers(*given):
    """(local time text in Tokyo, rating, state) → LoggedAnswers."""
    return [LoggedAnswer(datetime.fromisoformat(at).replace(tzinfo=TOKYO), rating, state) for at, rating, state in given]


def test_same_day_answers_are_history_and_the_next_day_first_answer_is_predicted():
    card = answers(("2026-03-02 09:00", 1, "new"), ("2026-03-02 09:01", 3, "learning"),
                   ("2026-03-02 09:11", 3, "learning"), ("2026-03-03 10:00", 3, "review"),
                   ("2026-03-03 10:05", 3, "review"), ("2026-03-07 10:00", 1, "review"))
    items = fit_items(card, 4, TOKYO)
    assert [item.reviews for item in items] == [
        ((1, 0), (3, 0), (3, 0), (3, 1)),
        ((1, 0), (3, 0), (3, 0), (3, 1), (3, 0), (1, 4)),
    ]
    assert [item.recalled for item in items] == [True, False]


def test_days_start_at_the_day_start_hour_in_the_learners_zone():
    card = answers(("2026-03-02 23:00", 3, "new"), ("2026-03-03 03:30", 3, "review"), ("2026-03-03 04:30", 3, "review"))
    assert [item.reviews[-1] for item in fit_items(card, 4, TOKYO)] == [(3, 1)]  # 03:30 is still the 2nd
    assert [item.reviews[-1] for item in fit_items(card, 0, TOKYO)] == [(3, 1)]  # midnight: 03:30 is the 3rd
    assert len(fit_items(card, 0, TOKYO)[0].reviews) == 2


def test_a_reset_to_new_starts_the_history_again():
    card = answers(("2026-03-02 09:00", 3, "new"), ("2026-03-05 09:00", 3, "review"),
                   ("2026-03-20 09:00", 4, "new"), ("2026-03-25 09:00", 3, "review"))
    assert [item.reviews for item in fit_items(card, 4, TOKYO)] == [((4, 0), (3, 5))]
    assert fit_items(answers(("2026-03-02 09:00", 3, "review"), ("2026-03-05 09:00", 3, "review")), 4, TOKYO) == []


def test_parameters_are_better_only_when_neither_figure_is_worse():
    current = Evaluation(0.40, 0.050)
    assert Evaluation(0.39, 0.050).better_than(current) and Evaluation(0.39, 0.040).better_than(current)
    assert not Evaluation(0.39, 0.051).better_than(current)  # lower log loss bought with worse calibration
    assert not Evaluation(0.40, 0.040).better_than(current) and not Evaluation(0.41, 0.01).better_than(current)
