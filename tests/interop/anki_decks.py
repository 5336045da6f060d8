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
