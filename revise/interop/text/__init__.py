"""Plain-text decks: Anki's "Notes in Plain Text" export and plain front/back tables (CSV, TSV)."""

from revise.interop.text.reader import TextDeck, read_text_deck  # noqa: F401
