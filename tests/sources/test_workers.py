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


def test_workers_start_once_there_is_enough_text_and_parse_while_more_is_added(monkeypatch):
    from revise.sources import workers

    jobs = [(f"Question {i} :: answer {i}\n" * 20, f"/n/f{i}.md", f"f{i}") for i in range(30)]
    monkeypatch.setattr(workers, "PARALLEL_WORKERS", 2)
    monkeypatch.setattr(workers, "PARALLEL_MIN_CHARS", 10 * len(jobs[0][0]))
    monkeypatch.setattr(workers, "CHUNK_CHARS", 3 * len(jobs[0][0]))
    parsing = workers.Parsing()
    for job in jobs[:9]:
        parsing.add(job)
    assert parsing.pool is None  # 9 files: not enough text to pay for workers
    for job in jobs[9:]:
        parsing.add(job)
    assert parsing.pool is not None and len(parsing.chunks) == 10  # sent as they came, 3 files a chunk
    assert list(parsing.results()) == list(parse_files(jobs))
    assert parsing.pool is None and not parsing.chunks
