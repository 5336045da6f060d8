"""Make the empty Anki collections that `revise export` fills, from the real Anki library (test-only).

Run `python -m tests.interop.anki_templates` to rewrite `revise/interop/anki_export/schema{11,18}.sql`:
the schema Anki itself creates, with its stock note types Basic, Basic (and reversed card) and Cloze,
the Default deck and deck options, and its config, but no note, card or review. revise reads those
files at run time and never imports `anki`."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from pathlib import Path

TARGET = Path(__file__).resolve().parents[2] / "revise" / "interop" / "anki_export"
STOCK = ("Basic", "Basic (and reversed card)", "Cloze")
CONTENT_TABLES = ("notes", "cards", "revlog", "graves")  # filled at export time, never in the template


def anki_collections(folder: Path) -> dict[int, Path]:
    """Package an Anki collection holding one note of each stock type, in both formats; their databases by schema."""
    from anki.collection import Collection, ExportAnkiPackageOptions

    col = Collection(str(folder / "template.anki2"))
    for name in STOCK:
        note = col.new_note(col.models.by_name(name))
        note.fields[0] = "{{c1::x}}" if name == "Cloze" else "x"
        col.add_note(note, 1)
    databases = {}
    for schema, legacy in ((18, False), (11, True)):
        package = folder / f"{schema}.apkg"
        options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=True, with_media=False, legacy=legacy)
        col.export_anki_package(out_path=str(package), options=options, limit=None)
        databases[schema] = _database(package, folder / f"{schema}.db")
    col.close()
    return databases


def _database(package: Path, out: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        if "collection.anki21b" in archive.namelist():
            import zstandard

            out.write_bytes(zstandard.ZstdDecompressor().stream_reader(archive.read("collection.anki21b")).read())
        else:
            out.write_bytes(archive.read("collection.anki21"))
    return out


def template_sql(database: Path) -> str:
    """The database as an SQL script, without the rows of notes, cards, revlog and graves."""
    conn = sqlite3.connect(database)
    conn.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
    for table in CONTENT_TABLES:
        conn.execute(f"DELETE FROM {table}")
    if "notetypes" in _tables(conn):  # Anki's export leaves the fields and templates of unused note types behind
        for table in ("fields", "templates"):
            conn.execute(f"DELETE FROM {table} WHERE ntid NOT IN (SELECT id FROM notetypes)")
    conn.execute("DROP TABLE IF EXISTS sqlite_stat1")  # statistics of the template's rows, not of an export's
    conn.commit()
    lines = [line for line in conn.iterdump() if not line.startswith("ANALYZE")]
    conn.close()
    return "\n".join(lines) + "\n"


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def main() -> None:
    """Rewrite both template files from the installed Anki."""
    with tempfile.TemporaryDirectory() as tmp:
        for schema, database in anki_collections(Path(tmp)).items():
            (TARGET / f"schema{schema}.sql").write_text(template_sql(database))


if __name__ == "__main__":
    main()
