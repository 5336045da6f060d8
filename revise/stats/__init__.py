"""Progress: the review log and cards → figures → rich renderables or JSON.

`collect_stats` makes one read from the collection (`collection.read_stats`) and computes `Stats`
from its rows; `render_stats` lays the figures out as the `revise stats` screen.
"""

from revise.stats.compute import collect_stats  # noqa: F401
from revise.stats.curves import fsrs_curve  # noqa: F401
from revise.stats.figures import Stats  # noqa: F401
from revise.stats.view import render_stats  # noqa: F401
