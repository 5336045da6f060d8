"""A real revise collection to export: notes of every kind imported through the CLI, some answered."""

from __future__ import annotations

import base64
from pathlib import Path

from typer.testing import CliRunner

from revise.cli import app

# A 1×1 PNG: the image a note refers to, which the package must carry as media.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

NOTES = """---
deck: Course::Week 1
tags: [course]
---

Q: What does ReLU compute? #activation
A: $\\max(0, z)$, shown as ![plot](img/relu.png)

epoch ::: one full pass over the training set

C: The [sigmoid] squashes $z$ into [(0, 1)].

Adam combines :: **momentum** and RMSprop #optim/adaptive
"""

OTHER = "---\ndeck: Languages\n---\n\nchat :: cat\n"

# Cards: 1 basic + 2 reversed + 2 cloze + 1 basic in Course::Week 1, 1 in Languages.
NOTE_COUNT, CARD_COUNT = 5, 7


def make_collection(folder: Path, answers: str = "") -> Path:
    """Import the notes under `folder` into the test's collection; answer keys `answers` in one review."""
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "relu.png").write_bytes(PNG)
    (folder / "week1.md").write_text(NOTES)
    (folder / "languages.md").write_text(OTHER)
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    if answers:
        result = runner.invoke(app, ["review"], input=answers)
        assert result.exit_code == 0, result.output
    return folder


def export(*args: str) -> str:
    """Run `revise export …`; its stdout (it must succeed)."""
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout
