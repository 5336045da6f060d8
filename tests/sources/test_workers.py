"""Parsing in worker processes gives what parsing in this process gives."""

from __future__ import annotations

from revise.sources.workers import parse_files


def test_parsing_in_worker_processes_gives_the_same_notes(tmp_path):
    jobs = [(f"Question {i} :: answer {i}\n\nTerm {i} ::: meaning {i}\n\nQ: unanswered\n", f"/n/f{i}.md", f"f{i}")
            for i in range(40)]
    assert list(parse_files(jobs, workers=2)) == list(parse_files(jobs, workers=1))


def test_notes_parsed_in_workers_are_notes_again(tmp_path):
    jobs = [(f"Term {i} ::: meaning {i}\n\n{{{{c1::a}}}} and {{{{c2::b}}}}\n", f"/n/f{i}.md", f"f{i}") for i in range(4)]
    notes = [note for parsed, _, _ in parse_files(jobs, workers=2) for note in parsed]
    assert {type(note).__name__ for note in notes} == {"ParsedNote"}
    assert {type(card).__name__ for note in notes for card in note.cards} == {"NoteCard"}
    assert [card.ord for card in notes[1].cards] == [1, 2]
