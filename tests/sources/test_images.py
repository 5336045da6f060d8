"""A card's missing image: a warning with file:line at import, sync and preview; never an error,
and the card is still imported."""

from __future__ import annotations

from revise import sources
from revise.sources.images import missing_image_warnings
from revise.sources.preview import preview_paths
from tests.render.test_images import picture

NOTE = """\
# Maps

Q: Which country is this?
![the outline](img/france.png)
A: France, whose flag is
![](img/flag.png)

Q: And this one?
![](<img/no such.png>)
A: Spain

## Notes

Prose around cards is not checked: ![](img/prose.png)

```
![](img/in-code.png)
```
"""


def warned(warnings):
    return [(w.file.rsplit("/", 1)[-1], w.line, w.message.split(" — ")[0]) for w in warnings]


def test_import_warns_of_each_missing_image_at_its_line(db, tmp_path):
    folder = tmp_path / "maps"
    picture(folder / "img" / "france.png", (32, 20))
    (folder / "maps.md").write_text(NOTE)
    report = sources.import_paths(db, [folder])
    assert report.total("added") == 2 and not report.errors
    (result,) = report.files
    assert warned(result.warnings) == [
        ("maps.md", 6, f"image 'img/flag.png' not found at {folder / 'img' / 'flag.png'}, nor by name in {folder}"),
        ("maps.md", 9, f"image 'img/no such.png' not found at {folder / 'img' / 'no such.png'}, nor by name in {folder}"),
    ]
    assert result.warnings[0].message.endswith("— fix the link, or put the picture there")
    picture(folder / "img" / "flag.png", (32, 20))
    (folder / "maps.md").write_text(NOTE + "\n")  # changed: parsed again, one image fewer missing
    assert [w.line for w in sources.sync_sources(db).files[0].warnings] == [9]


def test_preview_warns_too(tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "maps.md").write_text(NOTE)
    ((file, result),) = preview_paths([str(folder)])[0]
    assert [(w.line, w.message.split("'")[1]) for w in result.warnings] == [
        (4, "img/france.png"), (6, "img/flag.png"), (9, "img/no such.png")]


def test_notes_without_images_are_not_looked_at(tmp_path):
    assert missing_image_warnings(str(tmp_path / "gone.md"), [("Q: a\nA: b", 1), ("x :: y", 3)]) == []


VAULT_NOTE = """\
#flashcards

Q: Which country is this?
![[france.png|300]]
A: France ![[attachments/flag.png]]

Q: And this one?
![[spain.png]]
A: Spain, beside ![[Portugal]]
"""


def test_obsidian_embeds_are_found_in_the_vault_and_warned_of_at_their_line(db, tmp_path):
    from revise.render import attachments

    attachments._indexes.clear()
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    picture(vault / "attachments" / "france.png", (32, 20))  # Obsidian's attachment folder, not the note's
    picture(vault / "attachments" / "flag.png", (32, 20))
    (vault / "Flashcards").mkdir()
    (vault / "Flashcards" / "maps.md").write_text(VAULT_NOTE)
    report = sources.import_paths(db, [vault / "Flashcards"])  # only a folder of the vault is imported
    assert report.total("added") == 2
    (result,) = report.files
    assert warned(result.warnings) == [  # `![[Portugal]]` embeds a note: no image, no warning
        ("maps.md", 8, f"image 'spain.png' not found at {vault / 'Flashcards' / 'spain.png'}, nor by name in {vault}"),
    ]
