"""Anki note guids ↔ the explicit ids written into our Markdown (`<!-- id: anki-… -->`), so that a
note keeps its guid from Anki to revise and back: Anki then updates it rather than adding a copy."""

from __future__ import annotations

import re

_WRITABLE = re.compile(r"[\w!#$%&()*+,./:;=?@^`{|}~\[\]-]+")  # what reads back inside an HTML comment


def note_id(guid: str) -> str:
    """The explicit id written for an Anki note: its guid, hex-encoded after an `x` if it would not read
    back (or starts with `x` itself, so that the two never meet)."""
    return f"anki-{guid}" if _writable(guid) and not guid.startswith("x") else f"anki-x{guid.encode().hex()}"


def guid_of(explicit_id: str | None) -> str | None:
    """The Anki guid an explicit id was written from (None if it was not written by `note_id`)."""
    if not explicit_id or not explicit_id.startswith("anki-") or len(explicit_id) == 5:
        return None
    guid = explicit_id[5:]
    if guid.startswith("x"):
        try:
            return bytes.fromhex(guid[1:]).decode()
        except ValueError:  # not hex, or not UTF-8: an id written by hand
            return guid
    return guid


def _writable(guid: str) -> bool:
    return bool(_WRITABLE.fullmatch(guid)) and "--" not in guid
