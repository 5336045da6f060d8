"""The review session: the loop, the screen, the terminal's keys."""

from revise.review.changes import change_schedules
from revise.review.display import AltScreen
from revise.review.editor import default_editor
from revise.review.selection import Selection
from revise.review.session import Session
from revise.review.summary import Summary, card_count
from revise.review.terminal import KeySource, LineKeys, key_source

__all__ = [
    "AltScreen", "Selection", "Session", "Summary", "KeySource", "LineKeys", "key_source", "default_editor", "change_schedules", "card_count",
]
