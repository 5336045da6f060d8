"""Driving a review session in tests: a scripted key source and clock, a console to read back, and
the collection's rows to check."""

import io
from datetime import datetime, timedelta, timezone

from rich.console import Console

from revise import collection
from revise.config import Config
from revise.review.selection import Selection
from revise.review.session import Session

UTC = timezone.utc
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TIMEOUT = object()  # a scripted key that lets the waited-for time pass

DECK = """\
# Activation functions

## ReLU

Q: What does ReLU compute?
A: max(0, z)

## Sigmoid

Q: What range does the sigmoid map into?
A: (0, 1)

Q: Which activation is used in output layers for binary classification?
A: the sigmoid
"""


class Script:
    """Keys from a list; each key takes 4 seconds; TIMEOUT lets the requested wait pass."""

    def __init__(self, keys):
        self.keys, self.now, self.waits = list(keys), START, []

    def clock(self):
        return self.now

    def __call__(self, timeout=None):
        if not self.keys:
            raise EOFError
        key = self.keys.pop(0)
        if key is TIMEOUT:
            self.waits.append(timeout)
            self.now += timedelta(seconds=timeout)
            return None
        self.now += timedelta(seconds=4)
        return key


def session(db, keys, config=Config(), selection=Selection(), *, terminal=False, width=80, height=30, wait_first=None,
            **kwargs):
    """Run a session on scripted keys; `terminal`: a console that clears the screen for each card."""
    script = Script(keys)
    console = Console(file=io.StringIO(), width=width, height=height, color_system=None, force_terminal=terminal)
    run = Session(db, console, script, config=config, selection=selection, clock=script.clock, tz=UTC, **kwargs)
    summary = run.run(wait_first=wait_first) if wait_first else run.run()
    return summary, console.file.getvalue(), script


CLEAR = "\x1b[2J\x1b[H"
ALT_SCREEN, NORMAL_SCREEN = "\x1b[?1049h", "\x1b[?1049l"  # what rich writes to enter and leave it


def screens(out):
    """What a terminal shows after each clear: the card and waiting screens of a terminal session, in
    order, all on the alternate screen (the summary comes after it: see summary_screen)."""
    assert out.count(ALT_SCREEN) == out.count(NORMAL_SCREEN) <= 1
    return out.split(NORMAL_SCREEN)[0].split(CLEAR)[1:]


def summary_screen(out):
    """What a terminal session leaves on the normal screen: the notices left, then the summary."""
    return out.rsplit(NORMAL_SCREEN, 1)[1]


def revlog(db):
    return [dict(row) for row in db.query("SELECT * FROM revlog ORDER BY id")]


def card(db, card_id):
    return collection.review_card(db, card_id)


def db_source(db, card_id):
    return card(db, card_id)["source"]
