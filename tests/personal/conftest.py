"""Collections answered by simulated learners, made once per test module where they are costly."""

import pytest

from bench.learners import Learner, strong_learner, study
from revise.scheduling.fitting import default_parameters
from tests.personal.helpers import collection_of, write_answers


@pytest.fixture
def learned(tmp_path):
    """`learned({deck: (learner, cards, days)})`: a collection whose decks were studied by those learners."""

    def make(decks):
        db, ids = collection_of(tmp_path / "collection.db", tmp_path / "notes",
                                {deck: cards for deck, (_, cards, _) in decks.items()})
        for seed, (deck, (learner, _, days)) in enumerate(decks.items()):
            write_answers(db, study(learner, ids[deck], days, seed=seed))
        return db

    return make


@pytest.fixture
def strong():
    """A learner whose memory is far from FSRS's defaults."""
    return strong_learner(default_parameters())


@pytest.fixture
def typical():
    """A learner whose memory follows FSRS's defaults."""
    return Learner(default_parameters())
