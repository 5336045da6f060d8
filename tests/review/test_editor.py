"""The `e` key: the editor's command line, a missing editor, and re-reading the edited file."""

from pathlib import Path

import pytest

from revise import sources
from revise.review.editor import editor_command
from tests.review.scripted import DECK, session, screens, revlog


@pytest.mark.parametrize(
    "editor, command",
    [
        ("vim", ["vim", "+7", "/n/a b.md"]),
        ("emacs -nw", ["emacs", "-nw", "+7", "/n/a b.md"]),
        ("code", ["code", "--wait", "-g", "/n/a b.md:7"]),
        ("/usr/bin/codium -w", ["/usr/bin/codium", "-w", "-g", "/n/a b.md:7"]),
        ("subl", ["subl", "--wait", "/n/a b.md:7"]),
    ],
)
def test_editor_command(editor, command):
    assert editor_command(editor, "/n/a b.md", 7) == command


def test_missing_editor_is_reported_and_the_session_goes_on(db, monkeypatch):
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.delenv("VISUAL", raising=False)
    summary, out, _ = session(db, ["e", "", "3", "q"])
    assert "Error: cannot run the editor '/nonexistent/editor'" in out
    assert summary.answered == 1


def test_edit_opens_the_file_then_shows_the_card_again(db, deck):
    edits = []

    def edit(path, line):
        edits.append((path, line))
        text = Path(path).read_text().replace("What does ReLU compute?", "What does ReLU output?")
        Path(path).write_text(text)

    _, out, _ = session(db, ["e", "q"], edit=edit, sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]))
    assert edits == [(str(deck / "act.md"), 5)]
    assert "What does ReLU output?" in out.split("What does ReLU compute?", 1)[1]


def test_card_edited_away_is_skipped(db, deck):
    def rewrite(path, line):
        Path(path).write_text(DECK.replace("Q: What does ReLU compute?\nA: max(0, z)\n", ""))

    summary, out, _ = session(db, ["e", "", "3", "q"], edit=rewrite,
                              sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]))
    assert "Card 1 is no longer in its note (edited away): skipped." in out
    assert [log["card_id"] for log in revlog(db)] == [2]


def test_problems_of_re_reading_an_edited_file_are_told(db):
    def break_card(path, line):
        Path(path).write_text(DECK + "\nQ: a question without its answer\n")

    _, out, _ = session(db, ["e", "q"], edit=break_card, terminal=True, width=200,
                        sync=lambda files: sources.sync_sources(db, [Path(f) for f in files]))
    last = screens(out)[-1]
    assert "Warning: " in last and "act.md:16: 'Q:' without an 'A:'" in last
