"""Card text → terminal: rich Markdown, math as Unicode, control characters made inert."""

from revise.render.render import (  # noqa: F401
    make_inert,
    shorten,
    latex_to_unicode,
    card_markdown,
    inline_text,
)
