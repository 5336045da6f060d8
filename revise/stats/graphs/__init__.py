"""Anki's graphs in the terminal: the review log and cards → `Graphs` → rich renderables or JSON."""

from revise.stats.graphs.compute import collect_graphs  # noqa: F401
from revise.stats.graphs.figures import Graphs  # noqa: F401
from revise.stats.graphs.view import render_graphs  # noqa: F401
