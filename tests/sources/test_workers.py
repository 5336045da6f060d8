"""Parsing in worker processes gives what parsing in this process gives."""

from __future__ import annotations

from revise.sources.workers import parse_files


def test_parsing_in_worker_processes_gives_the_same_notes(tmp_path):
    jobs = [(f"Question {i} :: answer {i}\n\nTerm {i} ::: meaning {i}\n\nQ: unanswered\n", f"/n/f{i}.md", f"f{i}")
            for i in range(40)]
    assert list(parse_files(jobs, workers=2)) == list(parse_files(jobs, workers=1))
