"""The collection's schema, as append-only `sqlite_utils.Migrations` steps.

Never edit a step that has shipped: add a new one at the end.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("revise")


@migrations()
def m001_initial(db: Database) -> None:
    """Sources, notes, cards (with their FSRS schedule) and the review log."""
    db.executescript(
        """
        CREATE TABLE sources (
            path TEXT PRIMARY KEY,          -- absolute path of a Markdown file
            root TEXT NOT NULL,             -- the folder (or file) the user imported it from
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            hash TEXT NOT NULL,             -- sha256 of the bytes
            synced_at TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,              -- hash of kind + normalised text
            kind TEXT NOT NULL,             -- basic | reversed | cloze
            text TEXT NOT NULL,             -- normalised source text (cloze in canonical {{cN::…}} form)
            explicit_id TEXT,               -- ^block-id or <!-- id: … -->
            source TEXT,                    -- path of the file it was last seen in
            line INTEGER,
            position INTEGER NOT NULL DEFAULT 0,  -- order within the file (note order for new cards)
            deck TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',      -- JSON list
            headings TEXT NOT NULL DEFAULT '[]',  -- JSON list, outermost first
            retired INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX notes_key ON notes(key);
        CREATE INDEX notes_source ON notes(source);
        CREATE INDEX notes_explicit_id ON notes(explicit_id);
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL REFERENCES notes(id),
            ord INTEGER NOT NULL,           -- 0 forward, 1 reverse, N for cloze cN
            front TEXT NOT NULL,
            back TEXT NOT NULL,
            -- schedule (FSRS); all times ISO 8601 UTC
            state TEXT NOT NULL DEFAULT 'new',    -- new | learning | review | relearning
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            suspended INTEGER NOT NULL DEFAULT 0,
            buried_until TEXT,
            UNIQUE(note_id, ord)
        );
        CREATE INDEX cards_due ON cards(state, due);
        CREATE TABLE revlog (
            id INTEGER PRIMARY KEY,
            card_id INTEGER NOT NULL REFERENCES cards(id),
            reviewed_at TEXT NOT NULL,      -- ISO 8601 UTC
            rating INTEGER NOT NULL,        -- 1 Again, 2 Hard, 3 Good, 4 Easy
            state TEXT NOT NULL,            -- state before the answer
            due TEXT,                       -- due before the answer
            stability REAL,                 -- after the answer
            difficulty REAL,                -- after the answer
            interval_days REAL,             -- scheduled interval after the answer
            duration_ms INTEGER,
            kind TEXT NOT NULL DEFAULT 'review',  -- review | cram | manual
            previous TEXT                   -- JSON of the card's schedule before, for undo
        );
        CREATE INDEX revlog_card ON revlog(card_id, reviewed_at);
        CREATE INDEX revlog_time ON revlog(reviewed_at);
        """
    )


@migrations()
def m002_card_retired(db: Database) -> None:
    """A cloze deletion (or reverse side) that disappears from its note retires only that card."""
    db.execute("ALTER TABLE cards ADD COLUMN retired INTEGER NOT NULL DEFAULT 0")
