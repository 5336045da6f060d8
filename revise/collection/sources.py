"""The remembered sources as the user imported them (a folder, a file, a converted package), for
`revise sources`: their files, cards and last sync; and where a converted folder came from."""

from __future__ import annotations

from sqlite_utils import Database

from revise.collection.database import writing


def source_roots(db: Database) -> list[dict]:
    """Each imported path (a source's root): its files, live cards, last sync, whether it was one file,
    and (for a folder written from an Anki package or a text deck) its kind and origin."""
    sql = """
        SELECT s.root AS root, count(*) AS files, sum(s.cards) AS cards, max(s.synced_at) AS synced_at,
          max(s.path = s.root) AS is_file, o.kind AS kind, o.origin AS origin
        FROM sources s LEFT JOIN source_origins o ON o.root = s.root
        GROUP BY s.root ORDER BY s.root
    """
    return list(db.query(sql))


def source_files(db: Database, root: str) -> list[str]:
    """The remembered files imported from `root`."""
    return [path for path, in db.execute("SELECT path FROM sources WHERE root = ? ORDER BY path", [root])]


def save_origin(db: Database, root: str, kind: str, origin: str) -> None:
    """Remember that the folder `root` was written from the file `origin` (kind: anki or text)."""
    with writing(db):
        db.execute("INSERT OR REPLACE INTO source_origins (root, kind, origin) VALUES (?, ?, ?)", [root, kind, origin])


def forget_origin(db: Database, root: str) -> None:
    """Forget where the folder `root` came from (its source is being removed)."""
    db.execute("DELETE FROM source_origins WHERE root = ?", [root])
