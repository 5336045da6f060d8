"""Matching re-parsed files against existing notes: same, moved, edited, new, retired."""

from __future__ import annotations

from revise.identity import card_changes, plan_sync, similarity
from tests.identity.helpers import card, notes_of, record_of, records_of


def test_unchanged_file_matches_every_note_as_same():
    notes = notes_of(card("What is ReLU?"), card("What is a sigmoid?", line=3))
    plan = plan_sync({"/n/a.md": notes}, records_of(notes))
    assert [(m.how, m.record.id) for m in plan.matches] == [("same", 1), ("same", 2)]
    assert plan.retire == []
    assert [card_changes(m).unchanged for m in plan.matches] == [(0,), (0,)]


def test_typo_fix_is_an_edit_of_the_same_note():
    old = notes_of(card("What does ReLU compute?", "max(0, z)"), card("What does tanh return?", "values in (-1, 1)"))
    new = notes_of(card("What does ReLU comptue?", "max(0, z)"), card("What does tanh return?", "values in (-1, 1)"))
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    assert [(m.how, m.record.id) for m in plan.matches] == [("edited", 1), ("same", 2)]
    assert card_changes(plan.matches[0]).updated == (0,)
    assert plan.retire == []


def test_rewritten_question_is_a_new_note_and_the_old_one_retires():
    old = notes_of(card("What does ReLU compute?", "max(0, z)"))
    new = notes_of(card("Which activation keeps positives and zeroes negatives?", "ReLU"))
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    assert [m.how for m in plan.matches] == ["new"]
    assert [r.id for r in plan.retire] == [1]


def test_similar_wording_needs_same_heading_and_place_below_the_strong_threshold():
    old = notes_of(card("Adam combines", "momentum and RMSprop", headings=("Optimisers",)))
    edited = card("Adam mixes", "momentum with RMSprop", headings=("Optimisers",))
    ratio = similarity(edited.note_text, old[0].text)
    assert 0.7 <= ratio < 0.9
    same_place = plan_sync({"/n/a.md": notes_of(edited)}, records_of(old))
    assert same_place.matches[0].how == "edited"
    elsewhere = notes_of(*[card(f"filler question number {i}", line=i) for i in range(5)],
                         card("Adam mixes", "momentum with RMSprop", headings=("Other",)))
    moved_away = plan_sync({"/n/a.md": elsewhere}, records_of(old))
    assert moved_away.matches[-1].how == "new"


def test_similar_wording_under_a_heading_with_a_typo_fixed_is_an_edit():
    old = notes_of(card("Adam combines", "momentum and RMSprop", headings=("Optimizers", "Adaptve")))
    new = notes_of(card("Adam mixes", "momentum with RMSprop", headings=("Optimizers", "Adaptive")))
    assert plan_sync({"/n/a.md": new}, records_of(old)).matches[0].how == "edited"
    moved = notes_of(card("Adam mixes", "momentum with RMSprop", headings=("Schedules",)))
    assert plan_sync({"/n/a.md": moved}, records_of(old)).matches[0].how == "new"


def test_an_answer_rewritten_or_grown_under_the_same_question_is_an_edit():
    old = notes_of(card("What is ReLU", "max(0, z)", text="What is ReLU\n?\nmax(0, z)"))
    grown = card("What is ReLU", "max(0, z)\n\nIt is cheap to compute and does not saturate.",
                 text="What is ReLU\n?\nmax(0, z)\n\nIt is cheap to compute and does not saturate.")
    assert similarity(grown.note_text, old[0].text) < 0.7
    plan = plan_sync({"/n/a.md": notes_of(grown)}, records_of(old))
    assert [(m.how, m.record.id) for m in plan.matches] == [("edited", 1)] and plan.retire == []
    far = notes_of(*[card(f"filler question number {i}", line=i) for i in range(5)], grown)
    assert plan_sync({"/n/a.md": far}, records_of(old)).matches[-1].how == "new"  # not in its place: a new card
    other = notes_of(card("What is ReLU", "a", kind="cloze", text="{{c1::What is ReLU}}"))
    assert plan_sync({"/n/a.md": other}, records_of(old)).matches[0].how == "new"


def test_note_moved_to_another_file_keeps_its_record():
    old = notes_of(card("What is an epoch?", file="/n/a.md"))
    new = notes_of(card("What is an epoch?", file="/n/b.md"))
    plan = plan_sync({"/n/a.md": [], "/n/b.md": new}, records_of(old))
    assert [(m.how, m.record.id) for m in plan.matches] == [("moved", 1)]
    assert card_changes(plan.matches[0]).moved == (0,)
    assert plan.retire == []


def test_moved_note_is_claimed_even_when_only_the_new_file_is_synced():
    old = notes_of(card("What is an epoch?", file="/n/a.md"))
    new = notes_of(card("What is an epoch?", file="/n/b.md"))
    plan = plan_sync({"/n/b.md": new}, records_of(old))
    assert plan.matches[0].how == "moved"


def test_copy_of_a_note_from_an_unchanged_file_is_a_new_note():
    a = notes_of(card("What is an epoch?", file="/n/a.md"))
    b = notes_of(card("What is an epoch?", file="/n/b.md"))
    plan = plan_sync({"/n/b.md": b}, records_of(a), settled={"/n/a.md"})
    assert plan.matches[0].how == "new"
    retired = [record_of(a[0], 1, retired=True)]
    assert plan_sync({"/n/b.md": b}, retired, settled={"/n/a.md"}).matches[0].how == "revived"


def test_duplicate_text_in_two_files_prefers_each_file_own_note():
    a = notes_of(card("What is an epoch?", file="/n/a.md"))
    b = notes_of(card("What is an epoch?", file="/n/b.md"))
    records = [record_of(a[0], 1), record_of(b[0], 2)]
    plan = plan_sync({"/n/b.md": b}, records)
    assert [(m.how, m.record.id) for m in plan.matches] == [("same", 2)]


def test_a_copy_in_an_earlier_file_does_not_take_its_twin_note():
    a = notes_of(card("What is an epoch?", file="/n/a.md"))
    b = notes_of(card("What is an epoch?", file="/n/b.md"))
    plan = plan_sync({"/n/a.md": a, "/n/b.md": b}, records_of(b))
    assert [(m.parsed.file, m.how) for m in plan.matches] == [("/n/a.md", "new"), ("/n/b.md", "same")]


def test_retired_note_returns_with_its_id_when_its_text_comes_back():
    note = notes_of(card("What is dropout?"))
    plan = plan_sync({"/n/a.md": note}, [record_of(note[0], 7, retired=True)])
    assert [(m.how, m.record.id) for m in plan.matches] == [("revived", 7)]
    assert card_changes(plan.matches[0]).added == (0,)


def test_explicit_id_wins_over_text():
    old = notes_of(card("What is ReLU?", explicit_id="relu"), card("What is tanh?"))
    new = notes_of(card("Completely different wording now", explicit_id="relu"), card("What is tanh?"))
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    assert [(m.how, m.record.id) for m in plan.matches] == [("explicit", 1), ("same", 2)]
    assert card_changes(plan.matches[0]).updated == (0,)


def test_explicit_id_elsewhere_only_when_unambiguous():
    a = notes_of(card("Question one", file="/n/a.md", explicit_id="x"))
    b = notes_of(card("Question two", file="/n/b.md", explicit_id="x"))
    c = notes_of(card("Question three", file="/n/c.md", explicit_id="x"))
    plan = plan_sync({"/n/c.md": c}, [record_of(a[0], 1), record_of(b[0], 2)])
    assert plan.matches[0].how == "new"
    plan = plan_sync({"/n/c.md": c}, [record_of(a[0], 1)])
    assert (plan.matches[0].how, plan.matches[0].record.id) == ("explicit", 1)


def test_edited_cloze_keeps_card_ords_adds_and_retires_deletions():
    old_text = "The {{c1::sigmoid}} maps z into {{c2::(0, 1)}}."
    new_text = "The {{c1::sigmoid}} squashes z into {{c3::(0, 1)}}."
    old = notes_of(*[card(f"front {o}", kind="cloze", ord=o, text=old_text) for o in (1, 2)])
    new = notes_of(*[card(f"front {o}", kind="cloze", ord=o, text=new_text) for o in (1, 3)])
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    match = plan.matches[0]
    assert (match.how, match.record.id) == ("edited", 1)
    changes = card_changes(match)
    assert (changes.updated, changes.added, changes.retired) == ((1,), (3,), (2,))


def test_basic_turned_reversed_keeps_the_forward_card():
    old = notes_of(card("epoch", "one pass over the data", text="epoch :: one pass over the data"))
    new = notes_of(*[card("epoch", "one pass over the data", kind="reversed", ord=o,
                          text="epoch ::: one pass over the data") for o in (0, 1)])
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    changes = card_changes(plan.matches[0])
    assert plan.matches[0].how == "edited"
    assert (changes.updated, changes.added) == ((0,), (1,))


def test_each_old_note_matches_at_most_one_new_note():
    old = notes_of(card("What does ReLU compute?"))
    new = notes_of(card("What does ReLU compute!"), card("What does ReLU compute."))
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    assert sorted(m.how for m in plan.matches) == ["edited", "new"]


def test_deleted_file_retires_its_notes():
    old = notes_of(card("One"), card("Two"))
    plan = plan_sync({"/n/a.md": []}, records_of(old))
    assert plan.matches == [] and [r.id for r in plan.retire] == [1, 2]


def test_large_rewritten_file_is_matched_quickly():
    old = notes_of(*[card(f"old question {i} about topic {i * 7}", line=i) for i in range(400)])
    new = notes_of(*[card(f"new wording {i} on subject {i * 3}", line=i) for i in range(400)])
    plan = plan_sync({"/n/a.md": new}, records_of(old))
    assert len(plan.matches) == 400
