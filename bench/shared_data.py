"""Where the shared test and benchmark data is (../shared/data beside the project, not part of it),
found from the main checkout or from any git worktree of it."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data(repo: Path = REPO) -> Path | None:
    """$REVISE_SHARED_DATA, else ../shared/data beside the checkout (the main one, for a git worktree),
    else None: a user's clone has no shared data."""
    if named := os.environ.get("REVISE_SHARED_DATA"):
        return Path(named) if Path(named).is_dir() else None
    for checkout in dict.fromkeys((repo, main_checkout(repo))):
        if (found := checkout.parent / "shared" / "data").is_dir():
            return found
    return None


def main_checkout(repo: Path) -> Path:
    """The main checkout of a git worktree (`repo` itself when it is one, or not a git checkout)."""
    git = repo / ".git"
    if not git.is_file():  # a worktree's .git is a file: "gitdir: <main>/.git/worktrees/<name>"
        return repo
    try:
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        common = (gitdir / (gitdir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    except (OSError, IndexError):
        return repo
    return common.parent
