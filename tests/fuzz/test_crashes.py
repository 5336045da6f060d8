"""Every input a fuzzer crashed revise with (tests/fuzz/crashes, named after its target) goes
through that target again: each must now be read, or refused with a ReviseError, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise.errors import ReviseError
from tests.fuzz.triage import runs_of

CRASHES = sorted((Path(__file__).parent / "crashes").iterdir())


def test_there_are_crash_inputs_for_each_importer():
    assert {c.name.split("-", 1)[0] for c in CRASHES} >= {"anki", "anki_collection", "text"}


@pytest.mark.parametrize("crash", CRASHES, ids=[c.name for c in CRASHES])
def test_a_crash_input_is_read_or_refused_with_a_message(crash, tmp_path):
    for _label, run in runs_of(crash.name, crash.read_bytes(), tmp_path):  # a text one: each suffix
        try:
            run()
        except ReviseError as refusal:
            assert str(refusal).strip()  # a message the user is shown
