"""Packages made by the real Anki library (a test-only dependency): a small collection with every
note type revise converts, reviewed with Anki's own scheduler, exported in each format."""

from __future__ import annotations

from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 24  # the bytes do not matter: they must arrive unchanged


def make_collection(folder: Path, fsrs: bool = False):
    """A collection: Basic, reversed, optional reversed (with and without), Cloze, HTML, MathJax, an
    image, tags, subdecks, a suspended card, and three reviews of each card of the first two notes."""
    from anki.collection import Collection

    col = Collection(str(folder / "collection.anki2"))
    col.set_config("fsrs", fsrs)
    (Path(col.media.dir()) / "pic one.png").write_bytes(PNG)
    add = _adder(col)
    add("Basic", "Geo::Europe", ["geo::europe", "capital"],
        "What is the capital of <b>France</b>?", 'Paris<br><img src="pic one.png">')
    add("Basic (and reversed card)", "Geo::Europe", ["geo"], "<i>der Hund</i>", "the dog")
    add("Basic (optional reversed card)", "Lang", [], "un chat", "a cat", "y")
    add("Basic (optional reversed card)", "Lang", [], "une souris", "a mouse", "")
    add("Cloze", "Math", ["math"], "{{c1::Euler}} wrote \\(e^{i\\pi} + 1 = 0\\) in {{c2::1748::year}}",
        "<ul><li>one</li><li>two</li></ul>")
    add("Basic", "Math", [], "Sum?", "\\[\\sum_{k=1}^n k = \\frac{n(n+1)}{2}\\]<br><table><tr><td>a</td><td>b</td></tr></table>")
    _review_first(col, 3)
    suspended = col.find_cards('"deck:Lang" "un chat"')[0]
    col.sched.suspend_cards([suspended])
    return col


def _adder(col):
    def add(model: str, deck: str, tags: list[str], *fields: str) -> None:
        note = col.new_note(col.models.by_name(model))
        for i, value in enumerate(fields):
            note.fields[i] = value
        note.tags = tags
        col.add_note(note, col.decks.id(deck))

    return add


def _review_first(col, notes: int) -> None:
    """Answer every card of the first notes Again, Good, Good with Anki's v3 scheduler."""
    wanted = {c for n in sorted(col.find_notes(""))[:notes] for c in col.card_ids_of_note(n)}
    for rating in (1, 3, 3):
        for cid in sorted(wanted):
            card = col.get_card(cid)
            card.start_timer()
            states = col._backend.get_scheduling_states(card.id)
            answer = col.sched.build_answer(card=card, states=states, rating=rating)
            col.sched.answer_card(answer)


def export(col, out: Path, legacy: bool = False, colpkg: bool = False) -> Path:
    """The collection as `out` (.apkg with scheduling and media, or the whole .colpkg)."""
    from anki.collection import ExportAnkiPackageOptions
    from anki.import_export_pb2 import ExportLimit

    if colpkg:
        col.export_collection_package(str(out), include_media=True, legacy=legacy)
        return out
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True, legacy=legacy)
    col.export_anki_package(out_path=str(out), options=options, limit=ExportLimit())
    return out


def expected_cards(col) -> dict[tuple[str, int], dict]:
    """What revise must show of each card, read from Anki itself: (explicit id, ord) → reviews,
    suspended, tags, and the Anki due of a review card (days from the collection's creation)."""
    from revise.interop.anki_ids import note_id

    crt = col.db.scalar("SELECT crt FROM col")
    found = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        ord_ = card.ord + 1 if note.note_type()["type"] == 1 else card.ord
        reviews = col.db.scalar("SELECT count() FROM revlog WHERE cid = ? AND type < 4", cid)
        due = crt + card.due * 86400 if card.type == 2 else None
        found[note_id(note.guid), ord_] = {
            "reviews": reviews, "suspended": card.queue == -1, "tags": sorted(note.tags), "due": due,
        }
    return found


def build_packages(folder: Path) -> dict[str, tuple[Path, dict]]:
    """Each kind of package Anki writes (current, legacy, .colpkg, current with FSRS on) with what it holds."""
    made = {}
    for name, fsrs in (("plain", False), ("fsrs", True)):
        home = folder / name
        home.mkdir()
        col = make_collection(home, fsrs=fsrs)
        expected = expected_cards(col)
        if fsrs:
            made["fsrs"] = (export(col, folder / "fsrs.apkg"), expected)
        else:
            made["current"] = (export(col, folder / "current.apkg"), expected)
            made["legacy"] = (export(col, folder / "legacy.apkg", legacy=True), expected)
            made["colpkg"] = (export(col, folder / "whole.colpkg", colpkg=True), expected)
        col.close()
    return made
