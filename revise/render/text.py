"""Plain text made safe for a terminal: control characters made inert, long text shortened."""

from __future__ import annotations

import re

# C0 controls (except tab and newline), DEL and C1 controls: any of them could start a terminal
# escape sequence (ESC, and CSI 0x9b on terminals that honour 8-bit controls).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<{code:02X}>"  # C1 controls have no control picture; show the byte, e.g. <9B>


def make_inert(text: str) -> str:
    """Replace control characters (except newline and tab) by visible stand-ins."""
    return _CONTROL.sub(_visible_control, text.replace("\r\n", "\n"))


def shorten(text: str, width: int, *, keep_end: bool = False) -> str:
    """`text` cut to `width` characters with …, at the start when `keep_end` (a path keeps its file:line)."""
    if len(text) <= width:
        return text
    return "…" + text[len(text) - width + 1 :] if keep_end else text[: width - 1] + "…"
