"""The collection's schema, as append-only `sqlite_utils.Migrations` steps.

Never edit a step that has shipped: add a new one at the end.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("revise")

# m001's script, one table (with its indexes) per constant. SQLite stores each CREATE as written, so
# this text is the schema itself: never re-indent or reword it.

# The Markdown files imported, so that `revise sync` skips those unchanged.
_SOURCES = """
        CREATE TABLE sources (
            path TEXT PRIMARY KEY,          -- absolute path of a Markdown file
            root TEXT NOT NULL,             -- the folder (or file) the user imported it from
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            hash TEXT NOT NULL,             -- sha256 of the bytes
            synced_at TEXT NOT NULL
        );"""


# One row per note of a file; its cards hang from it (reversed and cloze siblings share a note).
_NOTES = """
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
        CREATE INDEX notes_explicit_id ON notes(explicit_id);"""


# One row per card, with its FSRS schedule.
_CARDS = """
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
        CREATE INDEX cards_due ON cards(state, due);"""


# The review log: append-only, one row per answer.
_REVLOG = """
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


@migrations()
def m001_initial(db: Database) -> None:
    """Sources, notes, cards (with their FSRS schedule) and the review log."""
    db.executescript(_SOURCES + _NOTES + _CARDS + _REVLOG)


@migrations()
def m002_card_retired(db: Database) -> None:
    """A cloze deletion (or reverse side) that disappears from its note retires only that card."""
    db.execute("ALTER TABLE cards ADD COLUMN retired INTEGER NOT NULL DEFAULT 0")


# Facts about each review (kind 'review'), kept by triggers, so that `revise stats` aggregates
# narrow covering indexes instead of parsing revlog.previous JSON for a million rows.
_PREVIOUS = "CASE WHEN json_valid({row}.previous) THEN json_extract({row}.previous, '$.{key}') END"
_REVIEW_FACT = """
    SELECT {row}.id, {row}.card_id,
        CAST(strftime('%s', {row}.reviewed_at) AS INTEGER),
        {row}.state, {row}.rating,
        {stability},
        CAST(strftime('%s', {row}.reviewed_at) AS INTEGER) - CAST(strftime('%s', {last_review}) AS INTEGER),
        CAST(strftime('%s', {due}) AS INTEGER) - CAST(strftime('%s', {last_review}) AS INTEGER) >= 21 * 86400,
        {row}.duration_ms
"""


def _review_fact(row: str) -> str:
    """The review_facts values of revlog row `row` (missing or malformed `previous` JSON gives NULLs)."""
    previous = {key: _PREVIOUS.format(row=row, key=key) for key in ("stability", "last_review", "due")}
    return _REVIEW_FACT.format(row=row, **previous)


_FACT_COLUMNS = "revlog_id, card_id, at_s, state, rating, prev_stability, elapsed_s, mature, duration_ms"

# A review counts in stats when its time parses; otherwise it is left out rather than refused.
_COUNTED = "{row}.kind = 'review' AND strftime('%s', {row}.reviewed_at) IS NOT NULL"


@migrations()
def m003_stats_review_facts(db: Database) -> None:
    """review_facts: one narrow row per review, in Unix seconds, maintained by triggers on revlog."""
    columns = _FACT_COLUMNS
    db.executescript(
        f"""
        CREATE TABLE review_facts (
            revlog_id INTEGER PRIMARY KEY,  -- revlog.id (kind = 'review' only)
            card_id INTEGER NOT NULL,
            at_s INTEGER NOT NULL,          -- reviewed_at, Unix seconds
            state TEXT NOT NULL,            -- state before the answer
            rating INTEGER NOT NULL,
            prev_stability REAL,            -- stability before the answer
            elapsed_s INTEGER,              -- seconds since the previous review
            mature INTEGER,                 -- interval before the answer >= 21 days
            duration_ms INTEGER
        );
        INSERT INTO review_facts ({columns}) {_review_fact("revlog")}
            FROM revlog WHERE {_COUNTED.format(row="revlog")};
        CREATE INDEX review_facts_time ON review_facts(at_s, state, rating, duration_ms, card_id);
        CREATE INDEX review_facts_retention
            ON review_facts(state, mature, at_s, rating, prev_stability, elapsed_s);
        CREATE TRIGGER review_facts_insert AFTER INSERT ON revlog WHEN NEW.kind = 'review' BEGIN
            INSERT INTO review_facts ({columns}) {_review_fact("NEW")};
        END;
        CREATE TRIGGER review_facts_delete AFTER DELETE ON revlog BEGIN
            DELETE FROM review_facts WHERE revlog_id = OLD.id;
        END;
        CREATE TRIGGER review_facts_update AFTER UPDATE ON revlog BEGIN
            DELETE FROM review_facts WHERE revlog_id = OLD.id;
            INSERT INTO review_facts ({columns}) {_review_fact("NEW")} WHERE NEW.kind = 'review';
        END;
        """
    )


@migrations()
def m004_stats_retention_index(db: Database) -> None:
    """The retention index also covers card_id, so `revise stats --deck` reads no table rows."""
    db.executescript(
        """
        DROP INDEX review_facts_retention;
        CREATE INDEX review_facts_retention
            ON review_facts(state, mature, at_s, rating, prev_stability, elapsed_s, card_id);
        """
    )


@migrations()
def m005_stats_review_facts_triggers(db: Database) -> None:
    """review_facts triggers that never refuse a revlog row: an unparsable time skips the fact."""
    counted = _COUNTED.format(row="NEW")
    db.executescript(
        f"""
        DROP TRIGGER IF EXISTS review_facts_insert;
        DROP TRIGGER IF EXISTS review_facts_update;
        CREATE TRIGGER review_facts_insert AFTER INSERT ON revlog WHEN {counted} BEGIN
            INSERT INTO review_facts ({_FACT_COLUMNS}) {_review_fact("NEW")};
        END;
        CREATE TRIGGER review_facts_update AFTER UPDATE ON revlog BEGIN
            DELETE FROM review_facts WHERE revlog_id = OLD.id;
            INSERT INTO review_facts ({_FACT_COLUMNS}) {_review_fact("NEW")} WHERE {counted};
        END;
        """
    )


@migrations()
def m006_notes_reading_key(db: Database) -> None:
    """notes.read_key: the reading order of the note's file as a string, indexed with the note's place,
    so the review session reads its first new cards in order instead of sorting every card."""
    from revise.collection.order import reading_key

    db.execute("ALTER TABLE notes ADD COLUMN read_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT DISTINCT source FROM notes").fetchall()
    db.conn.executemany("UPDATE notes SET read_key = ? WHERE source IS ?", [(reading_key(s), s) for s, in rows])
    db.execute("CREATE INDEX notes_reading ON notes(read_key, position, line)")


@migrations()
def m007_sources_card_counts(db: Database) -> None:
    """sources.cards: each file's live cards, kept by every sync that writes the file, so a sync that
    parses nothing reports its unchanged counts without reading a card row."""
    db.execute("ALTER TABLE sources ADD COLUMN cards INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "UPDATE sources SET cards = (SELECT count(*) FROM notes JOIN cards ON cards.note_id = notes.id"
        " WHERE notes.source = sources.path AND notes.retired = 0 AND cards.retired = 0)"
    )


@migrations()
def m008_source_origins(db: Database) -> None:
    """source_origins: an imported folder written from another format (an Anki package, a text deck),
    so that `revise sources` can say what it came from."""
    db.execute(
        """
        CREATE TABLE source_origins (
            root TEXT PRIMARY KEY,          -- the folder the file was written to and imported from
            kind TEXT NOT NULL,             -- anki | text
            origin TEXT NOT NULL            -- the file it was written from
        )"""
    )
