"""Collections with a review history: Markdown decks imported, then answers written through the
review session's own write (`save_review`), at the times a simulated learner or a real log gave."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from revise import collection, sources
from revise.config import Config, Settings
from revise.review.answers import save_review
from revise.scheduling.fit_items import LoggedAnswer


def deck_file(folder: Path, deck: str, cards: int) -> Path:
    """A Markdown file of `cards` Q/A cards in deck `deck` (its front matter names the deck)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"---\ndeck: {deck}\n---\n"]
    lines += [f"Q: What is fact {i} of {deck}?\nA: Answer {i}.\n" for i in range(cards)]
    path = folder / f"{deck.replace('::', '-')}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def collection_of(path: Path, folder: Path, decks: dict[str, int]) -> tuple:
    """A collection at `path` with `decks` (name → card count) imported: (db, name → card ids in order)."""
    for deck, cards in decks.items():
        deck_file(folder, deck, cards)
    db = collection.open_collection(path)
    sources.import_paths(db, [folder])
    ids = {deck: [row[0] for row in db.execute(
        "SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.deck = ? ORDER BY n.line", [deck])]
        for deck in decks}
    return db, ids


def write_answers(db, histories: dict[int, list[LoggedAnswer]], config: Config = Config()) -> int:
    """Answer each card as its history says, in time order across cards, as sessions would; returns the count."""
    flat = sorted((a.at, card, a) for card, answers in histories.items() for a in answers)
    for at, card, found in flat:
        row = collection.review_card(db, card)
        save_review(db, row, found.rating, at, found.duration_ms or 0, config.for_deck(row["deck"]),
                    at + timedelta(hours=1))
    return len(flat)


def settings_of(config_path: Path, deck: str | None = None) -> Settings:
    """The settings config.toml at `config_path` gives `deck` (the global ones for None)."""
    from revise.config import load_config

    config = load_config(config_path)
    return config.for_deck(deck) if deck else config.default


def collection_from_log(path: Path, folder: Path, log: Path, deck: str = "Josh") -> tuple:
    """A collection whose deck `deck` has one card per card of a review log in review-log-josh.csv's
    format, answered as the log says: (db, the number of answers)."""
    from bench.scheduling import read_log

    histories = read_log(log)
    db, ids = collection_of(path, folder, {deck: len(histories)})
    return db, write_answers(db, dict(zip(ids[deck], histories.values())))
