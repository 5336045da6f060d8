"""A real terminal for tests: a tmux server of our own (its own socket) with one 80x24 window."""

import os
import subprocess
import time


class Tmux:
    """One window running the shell command `command` (with `env`, else this process's environment)."""

    def __init__(self, command: str, env: dict[str, str] | None = None) -> None:
        self.socket = f"revise-test-{os.getpid()}-{time.monotonic_ns()}"
        subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24",
                        "-s", "review", command], check=True, env=env)

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Type `keys` (tmux key names, or text with `literal`)."""
        subprocess.run(["tmux", "-L", self.socket, "send-keys", "-t", "review", *(["-l"] if literal else []), *keys],
                       check=True)

    def record(self, path) -> None:
        """From now on, append every byte the window is sent to `path` (what a transient display drew)."""
        subprocess.run(["tmux", "-L", self.socket, "pipe-pane", "-o", "-t", "review", f"cat >> '{path}'"], check=True)

    def screen(self, history: bool = False) -> str:
        """What the window shows now; with `history`, its scrollback above it too."""
        return subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p", "-t", "review",
                               *(["-S", "-1000"] if history else [])], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """The screen once it shows `text`; an AssertionError with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while text not in (shown := self.screen()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never showed; the screen:\n{shown}")
            time.sleep(0.1)
        return shown

    def close(self) -> None:
        """End the tmux server and what runs in it."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
