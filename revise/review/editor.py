"""Opening a card's file at its line in the learner's editor ($VISUAL, $EDITOR, else vi)."""

from __future__ import annotations

import os
from pathlib import Path

from revise.errors import ReviseError


def editor_command(editor: str, path: str, line: int) -> list[str]:
    """The command that opens `path` at `line`: `EDITOR +LINE FILE` (vi, vim, nano, emacs, micro, kak),
    or `EDITOR --wait -g FILE:LINE` for VS Code (code, codium) and `EDITOR --wait FILE:LINE` for subl."""
    import shlex

    words = shlex.split(editor) or ["vi"]
    name = Path(words[0]).name
    wait = [] if {"-w", "--wait"} & set(words) else ["--wait"]
    if name in ("code", "codium", "code-insiders", "code-oss"):
        return [*words, *wait, "-g", f"{path}:{line}"]
    if name == "subl":
        return [*words, *wait, f"{path}:{line}"]
    return [*words, f"+{line}", path]


def default_editor(path: str, line: int) -> None:
    """Open the card's file at its line in $VISUAL, else $EDITOR, else vi; return when it closes."""
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run(editor_command(editor, path, line), check=False)
    except OSError as exc:
        raise ReviseError(f"cannot run the editor '{editor}' ({exc}). Set $EDITOR to an editor command.") from exc
