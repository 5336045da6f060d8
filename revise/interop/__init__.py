"""Formats that are not our Markdown: Anki packages, plain-text decks. Each converts to or from our
Markdown and review log; `deck` is the format-neutral model every reader returns."""
