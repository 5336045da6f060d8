"""An Anki deck with pictures, made by the real Anki library from real PNG files, through the real
CLI: its subdeck's images resolve from the Markdown it becomes, show in review as placeholders
(with their size), warn of nothing, and go back into an exported package."""

from __future__ import annotations

import zipfile

import pytest
from typer.testing import CliRunner

from revise.cli import app
from tests.render.test_images import picture

anki = pytest.importorskip("anki")


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def atlas(tmp_path):
    """An Anki package: a note with a picture in a subdeck (Atlas::Europe), one in a top deck."""
    from anki.collection import Collection

    from tests.interop.anki_decks import export

    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    media = tmp_path / "anki" / "collection.media"
    picture(media / "france map.png", (64, 40))
    picture(media / "flag.png", (30, 20))
    for deck, front, back in (("Atlas::Europe", 'Which country? <img src="france map.png">', "France"),
                              ("Flags", "Whose flag?", 'France<br><img src="flag.png">')):
        note = col.new_note(col.models.by_name("Basic"))
        note.fields[0], note.fields[1] = front, back
        col.add_note(note, col.decks.id(deck))
    package = export(col, tmp_path / "atlas.apkg")
    col.close()
    return package


def test_pictures_of_an_anki_deck_show_in_review_and_go_back(tmp_path):
    out = tmp_path / "atlas"
    imported = run("import", str(atlas(tmp_path)), "--to", str(out))
    assert "2 media files" in imported.stdout and "Warning" not in imported.output
    assert "![](../media/france%20map.png)" in (out / "Atlas" / "Europe.md").read_text()
    assert "Warning" not in run("preview", str(out)).output
    screen = run("review", "--deck", "Atlas", input="\n3\nq\n").stdout
    assert "Which country? 🖼\n[image: france map.png 64×40 — o to open]" in "\n".join(
        line.rstrip() for line in screen.splitlines())
    screen = run("review", "--deck", "Flags", input="\n3\nq\n").stdout
    assert "[image: flag.png 30×20 — o to open]" in screen
    run("export", str(tmp_path / "back.apkg"))
    with zipfile.ZipFile(tmp_path / "back.apkg") as package:
        assert len([name for name in package.namelist() if name.isdigit()]) == 2  # both pictures
