"""The few protobuf messages of an Anki package, read by hand: the package's `meta` (its format
version), the media map, and a note type's kind. Three messages of two or three fields each do not
earn the `protobuf` package and its generated code; this reader knows varints and length-delimited
fields, and refuses anything else as damaged."""

from __future__ import annotations

from revise.errors import ReviseError


def fields(data: bytes, what: str = "data") -> dict[int, list[int | bytes]]:
    """Each field number's values in order: ints for varints, bytes for length-delimited fields."""
    found: dict[int, list[int | bytes]] = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos, what)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos, what)
        elif wire == 2:
            size, pos = _varint(data, pos, what)
            if pos + size > len(data):
                raise ReviseError(f"{what} is damaged (a field runs past its end)")
            value, pos = data[pos : pos + size], pos + size
        elif wire in (1, 5):  # fixed 64/32-bit: skipped, none of ours uses them
            pos += 8 if wire == 1 else 4
            continue
        else:
            raise ReviseError(f"{what} is damaged (protobuf wire type {wire})")
        found.setdefault(number, []).append(value)
    return found


def _varint(data: bytes, pos: int, what: str) -> tuple[int, int]:
    """The varint at `pos` and the position after it."""
    value = shift = 0
    while pos < len(data) and shift < 70:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise ReviseError(f"{what} is damaged (a number runs past its end)")


def first_int(found: dict[int, list[int | bytes]], number: int, default: int = 0) -> int:
    """A varint field's value (the last one, as protobuf reads a repeated scalar), or `default`."""
    values = [v for v in found.get(number, []) if isinstance(v, int)]
    return values[-1] if values else default


def first_bytes(found: dict[int, list[int | bytes]], number: int) -> bytes:
    """A length-delimited field's value, or b""."""
    values = [v for v in found.get(number, []) if isinstance(v, bytes)]
    return values[-1] if values else b""
