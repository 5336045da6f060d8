"""`revise export OUT.apkg`: packages that the real Anki 26.9 imports with the same notes, cards,
tags, decks, media and (with history) schedules and review log, in both formats."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest

from revise.interop.anki_export import database
from tests.interop.exports import CARD_COUNT, NOTE_COUNT, PNG, export, make_collection

anki = pytest.importorskip("anki")

ANSWERS = "\n3\n\n1\n\n3\n\n4\nq\n"  # four cards answered: Good, Again, Good, Easy


def anki_import(package, folder):
    """A fresh Anki collection with `package` imported, scheduling included."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(folder / "anki.anki2"))
    options = ImportAnkiPackageOptions(with_scheduling=True)
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))
    return col


def revise_rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("legacy", [False, True])
def test_anki_imports_every_note_card_tag_deck_and_image(tmp_path, legacy):
    make_collection(tmp_path / "notes")
    export(str(tmp_path / "out.apkg"), *(["--legacy"] if legacy else []))
    col = anki_import(tmp_path / "out.apkg", tmp_path)
    try:
        assert (col.note_count(), col.card_count()) == (NOTE_COUNT, CARD_COUNT)
        assert {"Course", "Course::Week 1", "Languages"} <= {d.name for d in col.decks.all_names_and_ids()}
        assert len(col.find_cards('"deck:Course::Week 1"')) == 6
        assert set(col.tags.all()) == {"course", "activation", "optim::adaptive"}
        assert (col.media.dir() and (tmp_path / "anki.media" / "relu.png").read_bytes()) == PNG
        assert col.db.scalar("select count() from revlog") == 0
        assert col.db.list("select distinct type from cards") == [0]  # without history: all new
    finally:
        col.close()


@pytest.mark.parametrize("legacy", [False, True])
def test_fields_are_html_with_mathjax_clozes_and_the_image(tmp_path, legacy):
    make_collection(tmp_path / "notes")
    export(str(tmp_path / "out.apkg"), *(["--legacy"] if legacy else []))
    col = anki_import(tmp_path / "out.apkg", tmp_path)
    try:
        relu = col.get_note(col.find_notes("ReLU")[0])
        assert relu["Back"] == '\\(\\max(0, z)\\), shown as <img alt="plot" src="relu.png">'
        cloze = col.get_note(col.find_notes("note:Cloze*")[0])
        assert cloze["Text"] == "The {{c1::sigmoid}} squashes \\(z\\) into {{c2::(0, 1)}}."
        adam = col.get_note(col.find_notes("Adam")[0])
        assert adam["Back"] == "<strong>momentum</strong> and RMSprop"
        first = col.get_card(min(cloze.card_ids(), key=lambda cid: col.get_card(cid).ord)).question()
        assert '[...]</span> squashes \\(z\\) into <span class="cloze-inactive" data-ordinal="2">(0, 1)' in first
        reversed_note = col.get_note(col.find_notes("epoch")[0])
        assert len(reversed_note.card_ids()) == 2
    finally:
        col.close()


@pytest.mark.parametrize("legacy", [False, True])
def test_with_history_every_review_and_schedule_arrive(tmp_path, legacy):
    make_collection(tmp_path / "notes", ANSWERS)
    out = export(str(tmp_path / "out.apkg"), "--with-history", *(["--legacy"] if legacy else []))
    assert "4 reviews" in out
    ours = revise_rows(tmp_path / "collection.db", "SELECT state, count(*) FROM cards GROUP BY state")
    col = anki_import(tmp_path / "out.apkg", tmp_path)
    try:
        assert col.db.scalar("select count() from revlog") == 4
        assert sorted(col.db.list("select ease from revlog")) == [1, 3, 3, 4]
        kinds = dict(col.db.all("select type, count() from cards group by type"))
        assert kinds == {0: dict(ours)["new"], 1: dict(ours)["learning"], 2: dict(ours)["review"]}
        review = col.get_card(col.db.scalar("select id from cards where type = 2"))
        stability, due = revise_rows(tmp_path / "collection.db",
                                     "SELECT stability, julianday(due) - julianday('now') FROM cards WHERE state = 'review'")[0]
        assert review.memory_state.stability == pytest.approx(stability, abs=1e-3)
        assert review.due - col.sched.today == round(due)  # the same day, in Anki's day numbers
        assert col.find_cards("is:learn") and len(col.find_cards("is:due")) >= 3  # the Again and Good ones
    finally:
        col.close()


def test_the_current_format_is_anki_26s(tmp_path):
    import zstandard

    make_collection(tmp_path / "notes")
    export(str(tmp_path / "out.apkg"))
    with zipfile.ZipFile(tmp_path / "out.apkg") as archive:
        assert archive.read("meta") == b"\x08\x03"
        assert {"collection.anki21b", "collection.anki2", "media", "0"} == set(archive.namelist()) - {"meta"}
        db = zstandard.ZstdDecompressor().stream_reader(archive.read("collection.anki21b")).read()
        media = zstandard.ZstdDecompressor().stream_reader(archive.read("media")).read()
        image = zstandard.ZstdDecompressor().stream_reader(archive.read("0")).read()
    from anki.import_export_pb2 import MediaEntries

    entries = MediaEntries.FromString(media).entries
    assert [(e.name, e.size) for e in entries] == [("relu.png", len(PNG))] and image == PNG
    (tmp_path / "c.db").write_bytes(db)
    assert revise_rows(tmp_path / "c.db", "SELECT ver FROM col") == [(18,)]


def test_the_legacy_format_has_schema_11_and_a_json_media_map(tmp_path):
    make_collection(tmp_path / "notes")
    export(str(tmp_path / "old.apkg"), "--legacy")
    with zipfile.ZipFile(tmp_path / "old.apkg") as archive:
        assert archive.read("meta") == b"\x08\x02"
        assert json.loads(archive.read("media")) == {"0": "relu.png"} and archive.read("0") == PNG
        (tmp_path / "c.db").write_bytes(archive.read("collection.anki21"))
    assert revise_rows(tmp_path / "c.db", "SELECT ver FROM col") == [(11,)]


def test_a_deck_option_exports_only_that_deck_and_its_subdecks(tmp_path):
    make_collection(tmp_path / "notes")
    assert "1 note (1 card" in export(str(tmp_path / "l.apkg"), "--deck", "Languages")
    assert "4 notes (6 cards" in export(str(tmp_path / "c.apkg"), "--deck", "Course")


def test_exporting_again_updates_the_same_notes_in_anki(tmp_path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    make_collection(tmp_path / "notes")
    export(str(tmp_path / "a.apkg"))
    col = anki_import(tmp_path / "a.apkg", tmp_path)
    try:
        export(str(tmp_path / "b.apkg"))
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(tmp_path / "b.apkg"),
                                                         options=ImportAnkiPackageOptions()))
        assert (col.note_count(), col.card_count()) == (NOTE_COUNT, CARD_COUNT)  # same guids: no duplicates
    finally:
        col.close()


def test_the_templates_hold_the_schema_anki_creates(tmp_path):
    from tests.interop.anki_templates import anki_collections

    def schema(conn):
        return sorted(sql for sql, in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))

    for version, made in anki_collections(tmp_path).items():
        template = sqlite3.connect(":memory:")
        template.create_collation("unicase", database.unicase)
        template.executescript((database.files(database.__package__) / f"schema{version}.sql").read_text())
        anki_db = sqlite3.connect(made)
        assert [s for s in schema(anki_db) if "sqlite_stat" not in s] == schema(template)
