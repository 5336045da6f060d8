"""Reading an Anki package (.apkg or .colpkg) safely: the zip checked before anything is taken out
of it, the collection chosen by format version, the media map, each media file.

The current format (Anki 2.1.50+, `meta` version 3) holds `collection.anki21b` and media files
compressed with zstd, and a protobuf media map; the legacy one (`meta` version 2, or no `meta`)
holds `collection.anki21` or `collection.anki2` and a JSON media map, raw files. Every package Anki
exports also holds a dummy `collection.anki2`, so the newest collection present wins."""

from __future__ import annotations

import io
import json
import lzma
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from revise.errors import ReviseError
from revise.interop import protobuf

# What zipfile raises on a damaged entry: its own errors, and those of the decompressor under it
# (a bad deflate stream is a zlib.error, a bad lzma one an LZMAError, an unknown method NotImplementedError).
DAMAGED_ENTRY = (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, lzma.LZMAError, NotImplementedError)

COLLECTIONS = {3: "collection.anki21b", 2: "collection.anki21", 1: "collection.anki2"}


@dataclass(frozen=True)
class Limits:
    """What a package may unpack to: more is taken for a zip bomb."""

    total: int = 4 << 30  # bytes, all entries together
    ratio: int = 200  # uncompressed / compressed, for an entry over `small`
    small: int = 16 << 20


class Package:
    """An open, checked package: its format version, collection bytes and media."""

    def __init__(self, path: Path, limits: Limits = Limits()) -> None:
        self.path, self.limits = path, limits
        self.zip = _open_zip(path)
        _check_entries(path, self.zip, limits)
        self.names = {info.filename for info in self.zip.infolist()}
        self.version = self._version()

    def _version(self) -> int:
        """The package's format version: `meta`'s, else that of the newest collection present."""
        if "meta" in self.names:
            version = protobuf.first_int(protobuf.fields(self.read("meta"), f"{self.path}: meta"), 1)
            if version not in COLLECTIONS:
                raise ReviseError(f"{self.path} was made by an Anki whose package format (version {version}) "
                                  "revise does not know — export it again with “Support older Anki versions” ticked")
            return version
        for version in (2, 1):
            if COLLECTIONS[version] in self.names:
                return version
        raise ReviseError(f"{self.path} holds no Anki collection (collection.anki21b, collection.anki21 "
                          "or collection.anki2) — is it an Anki package?")

    def read(self, name: str) -> bytes:
        """One entry's bytes (a damaged entry is an error naming the package)."""
        try:
            return self.zip.read(name)
        except DAMAGED_ENTRY as exc:
            raise ReviseError(f"{self.path} is damaged ({exc}) — download or export it again") from None
        except KeyError:
            raise ReviseError(f"{self.path} has no entry {name!r}") from None

    def collection(self) -> bytes:
        """The SQLite bytes of the newest collection the package holds."""
        for version in range(self.version, 0, -1):
            name = COLLECTIONS[version]
            if name in self.names:
                data = self.read(name)
                return self._unzstd(data, name) if version == 3 else data
        raise ReviseError(f"{self.path} holds no Anki collection for its format version {self.version}")

    def media(self) -> dict[str, str]:
        """Zip entry → the media file's name in the collection."""
        if "media" not in self.names:
            return {}
        data = self.read("media")
        if self.version == 3:
            return _protobuf_media(self._unzstd(data, "media"), self.path)
        try:
            names = json.loads(data.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ReviseError(f"{self.path}: its media list is damaged") from None
        return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}

    def media_file(self, entry: str) -> bytes | None:
        """A media file's bytes (None when the package lacks it)."""
        if entry not in self.names:
            return None
        data = self.read(entry)
        return self._unzstd(data, entry) if self.version == 3 else data

    def _unzstd(self, data: bytes, name: str) -> bytes:
        """A zstd frame decompressed, refused once it outgrows the limits (a bomb in a small entry)."""
        import zstandard

        most = min(self.limits.total, max(self.limits.small, len(data) * self.limits.ratio))
        try:
            out = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read(most + 1)
        except zstandard.ZstdError as exc:
            raise ReviseError(f"{self.path}: {name} is damaged ({exc}) — export the package again") from None
        if len(out) > most:
            raise ReviseError(f"{self.path}: {name} unpacks to more than {most} bytes: refused as a zip bomb")
        return out


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ReviseError(f"{path} does not exist") from None
    except DAMAGED_ENTRY as exc:  # NotImplementedError: a zip "version" no zip tool writes
        reason = "not a zip archive" if isinstance(exc, zipfile.BadZipFile) else str(exc)
        raise ReviseError(f"{path} is not an Anki package ({reason}; truncated or not an export?) — "
                          "export it from Anki again with File › Export") from None


def _check_entries(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse what no Anki writes: paths leaving the folder, links, sizes out of proportion."""
    total = 0
    for info in archive.infolist():
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            raise ReviseError(f"{path} holds an entry named {name!r} that points outside the package: refused")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ReviseError(f"{path} holds a symbolic link ({name!r}): refused")
        total += info.file_size
        bomb = info.file_size > limits.small and info.file_size > limits.ratio * max(1, info.compress_size)
        if bomb or total > limits.total:
            raise ReviseError(f"{path} unpacks to more than it could hold ({name!r}: {info.file_size} bytes): "
                              "refused as a zip bomb")


def _protobuf_media(data: bytes, path: Path) -> dict[str, str]:
    """The current format's media map: entry i is stored as `str(i)` unless it names another."""
    what = f"{path}: media list"
    names: dict[str, str] = {}
    for i, entry in enumerate(protobuf.fields(data, what).get(1, [])):
        if not isinstance(entry, bytes):
            raise ReviseError(f"{what} is damaged")
        found = protobuf.fields(entry, what)
        zip_name = str(protobuf.first_int(found, 255, i))
        names[zip_name] = protobuf.first_bytes(found, 1).decode("utf-8", "replace")
    return names
