"""Card text → terminal: rich Markdown, math as Unicode, control characters made inert."""

from revise.render.latex import latex_to_unicode
from revise.render.markdown import card_markdown, inline_text
from revise.render.text import make_inert, shorten

__all__ = ["card_markdown", "inline_text", "latex_to_unicode", "make_inert", "shorten"]
