"""The few protobuf messages a package holds (its `meta` and media map), encoded by hand: two
message types with four fields do not justify the `protobuf` package and its generated code."""

from __future__ import annotations

LATEST, LEGACY_2 = 3, 2  # anki.import_export.PackageMetadata.Version


def varint(value: int) -> bytes:
    """An unsigned integer as a protobuf varint."""
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, wire_type: int, payload: bytes) -> bytes:
    return varint(number << 3 | wire_type) + payload


def _bytes_field(number: int, data: bytes) -> bytes:
    return _field(number, 2, varint(len(data)) + data)


def package_metadata(version: int) -> bytes:
    """`PackageMetadata {version}`: the package's `meta` entry (`08 03` for the current format)."""
    return _field(1, 0, varint(version))


def media_entries(entries: list[tuple[str, int, bytes]]) -> bytes:
    """`MediaEntries`: for each zip entry "0", "1", … its file's name, size and SHA-1."""
    encoded = b"".join(
        _bytes_field(1, _bytes_field(1, name.encode("utf-8")) + _field(2, 0, varint(size)) + _bytes_field(3, sha1))
        for name, size, sha1 in entries
    )
    return encoded
