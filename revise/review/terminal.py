"""Where keys come from: single keypresses from a terminal in cbreak mode (with job control and
resizing), or one key per line from a pipe or file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# A key source: called with a timeout in seconds (None waits for ever), returns one key, or None
# when the timeout passed first; raises EOFError when input has ended.
KeySource = Callable[[float | None], str | None]

REDRAW = "redraw"  # a pseudo-key from TerminalKeys: the terminal was resized, or the session resumed after Ctrl-Z


class TerminalKeys:
    """Single keypresses from a terminal in cbreak mode (restored on exit, even on Ctrl-C).

    For the length of the session it also handles job control and resizing: Ctrl-Z gives the shell
    back a normal terminal before stopping, `fg` (SIGCONT) re-enters cbreak mode, and both SIGCONT and
    SIGWINCH make the next call return REDRAW so the screen is drawn again. The old handlers come back
    on exit. With a `screen` (the session's AltScreen), the shell and the editor get the normal screen.
    """

    whole_lines = False  # a typed answer comes a key at a time

    def __init__(self, fd: int, screen: Any = None) -> None:
        self.fd, self.screen = fd, screen
        self.saved: list | None = None
        self.wanted = False  # cbreak mode is ours: not while paused for the editor
        self.wake: tuple[int, int] | None = None  # a pipe the signal handlers write to
        self.old_handlers: dict[int, Any] = {}

    def __enter__(self) -> "TerminalKeys":
        import termios

        self.saved = termios.tcgetattr(self.fd)
        self._cbreak()
        self._install_handlers()
        return self

    def __exit__(self, *exc: object) -> None:
        self._remove_handlers()
        self._normal()

    def _cbreak(self) -> None:
        import tty

        tty.setcbreak(self.fd)  # keys arrive without Enter; Ctrl-C still raises KeyboardInterrupt
        self.wanted = True
        if self.screen is not None:
            self.screen.resume()

    def _normal(self) -> None:
        import termios

        if self.wanted and self.screen is not None:
            self.screen.pause()
        self.wanted = False
        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def _install_handlers(self) -> None:
        import signal

        self.wake = os.pipe()
        os.set_blocking(self.wake[1], False)
        handlers = {signal.SIGTSTP: self._on_stop, signal.SIGCONT: self._on_continue, signal.SIGWINCH: self._on_resize}
        if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
            # Inherited from a shell without job control (`revise review &`, a test run in the
            # background): Python then keeps Ctrl-C ignored, yet these keys are ours and Ctrl-C ends the session.
            handlers[signal.SIGINT] = signal.default_int_handler
        try:
            for signum, handler in handlers.items():
                self.old_handlers[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: no job control or resizing, keys still work
            self._remove_handlers()

    def _remove_handlers(self) -> None:
        import signal

        for signum, handler in self.old_handlers.items():
            signal.signal(signum, handler)
        self.old_handlers = {}
        if self.wake:
            for fd in self.wake:
                os.close(fd)
            self.wake = None

    def _on_stop(self, signum: int, frame: object) -> None:
        """Ctrl-Z: the shell gets the terminal as it was (icanon, echo), then the process stops for real."""
        import signal

        ours = self.wanted
        if ours:
            self._normal()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until `fg`
        signal.signal(signal.SIGTSTP, self._on_stop)
        if ours:
            self._continue()

    def _on_continue(self, signum: int, frame: object) -> None:
        if self.wanted:  # the shell may have set its own modes while we were stopped
            self._continue()

    def _continue(self) -> None:
        self._cbreak()
        self._redraw()

    def _on_resize(self, signum: int, frame: object) -> None:
        if self.wanted:
            self._redraw()

    def _redraw(self) -> None:
        if self.wake:
            try:
                os.write(self.wake[1], b"r")
            except BlockingIOError:  # the pipe is full: a redraw is already on its way
                pass

    def __call__(self, timeout: float | None = None) -> str | None:
        """One key: a character, `escape` (Esc alone), an escape sequence (an arrow, …), REDRAW, or None
        if `timeout` seconds passed; Ctrl-D ends input."""
        ready = _ready([self.fd, *self.wake[:1]] if self.wake else [self.fd], timeout)
        if self.wake and self.wake[0] in ready:
            os.read(self.wake[0], 4096)
            return REDRAW
        if not ready:
            return None
        data = os.read(self.fd, 1)
        if data in (b"", b"\x04"):
            raise EOFError
        if data == b"\x1b" or data[0] >= 0xC0:  # an escape sequence or a multi-byte character
            while _readable(self.fd, 0.02):
                data += os.read(self.fd, 1)
        return "escape" if data == b"\x1b" else data.decode("utf-8", "replace")

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Give the terminal back (normal mode) for the length of the block, e.g. for $EDITOR."""
        self._normal()
        try:
            yield
        finally:
            self._cbreak()


class LineKeys:
    """Keys from a stream that is not a terminal: each line is one key (an empty line reveals), or a
    whole typed answer."""

    whole_lines = True

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        try:
            self.fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):
            self.fd = None  # e.g. a StringIO: read lines, no timeout
        self.buffer = b""

    def __enter__(self) -> "LineKeys":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def __call__(self, timeout: float | None = None) -> str | None:
        """The next line, stripped ('' reveals); None on timeout; EOFError at the end of input."""
        if self.fd is None:
            line = self.stream.readline()
            if not line:
                raise EOFError
            return line.strip()
        while b"\n" not in self.buffer:
            if not _readable(self.fd, timeout):
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                if not self.buffer:
                    raise EOFError
                self.buffer += b"\n"  # a last line without a newline still counts
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace").strip()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Nothing to give back: the stream is not a terminal."""
        yield


def _readable(fd: int, timeout: float | None) -> bool:
    return bool(_ready([fd], timeout))


def _ready(fds: list[int], timeout: float | None) -> list[int]:
    """Those of `fds` that can be read, waiting at most `timeout` seconds (None: until one can)."""
    import select

    ready, _, _ = select.select(fds, [], [], timeout)
    return ready


def key_source(stream: Any, screen: Any = None) -> TerminalKeys | LineKeys:
    """Single keys from a terminal (leaving `screen` while paused), else one key per line (use as a
    context manager)."""
    try:
        if stream.isatty():
            return TerminalKeys(stream.fileno(), screen)
    except (AttributeError, OSError, ValueError):
        pass
    return LineKeys(stream)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back until the block (an answer being saved and counted) is done, then
    delivered: the answer is saved and counted, or neither."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread has handlers
        yield
        return
    caught: list[int] = []
    with _signals_blocked():  # a signal between two swaps would leave a handler swapped for good
        previous = {signum: signal.signal(signum, lambda number, frame: caught.append(number))
                    for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        with _signals_blocked():
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        _deliver(caught[:1], previous)


def _deliver(caught: list[int], handlers: dict[int, Any]) -> None:
    """The signals held back, to the handlers they would have reached."""
    for signum in caught:
        if callable(handlers[signum]):
            handlers[signum](signum, None)  # Python's Ctrl-C handler, or the CLI's SIGTERM one: they raise
        else:
            os.kill(os.getpid(), signum)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM kept pending for the block (delivered once it ends), where POSIX masks exist."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
