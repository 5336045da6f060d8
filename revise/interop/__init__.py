"""Formats that are not our Markdown: Anki packages, plain-text decks, export."""
