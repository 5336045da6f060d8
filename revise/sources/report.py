"""What an import or sync did: per-file card counts, the files that failed, and their totals."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is imported only when a file has to be parsed
    from revise.notes import ParseWarning

COUNTS = ("added", "updated", "moved", "retired", "unchanged")


@dataclass
class FileResult:
    """What one import did to one file, counted in cards."""

    file: str
    added: int = 0
    updated: int = 0
    moved: int = 0
    retired: int = 0
    unchanged: int = 0
    parsed: bool = False
    gone: bool = False  # the file was remembered but no longer exists: its cards retired or moved away
    warnings: list[ParseWarning] = field(default_factory=list)


@dataclass(frozen=True)
class FileError:
    """A file that could not be imported; the others still were."""

    file: str
    message: str  # "<what> — <what to do>"

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass
class ImportReport:
    """Per-file results, their totals, and the files that failed."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # imported paths that hold no card

    def total(self, name: str) -> int:
        """The sum of one count ("added", "updated", …) over every file."""
        return sum(getattr(f, name) for f in self.files)

    @property
    def parsed(self) -> int:
        """How many files were parsed (the others were unchanged and skipped)."""
        return sum(f.parsed for f in self.files)

    @property
    def gone(self) -> int:
        """How many remembered files no longer exist (renamed, moved or deleted)."""
        return sum(f.gone for f in self.files)

    @property
    def warnings(self) -> list[ParseWarning]:
        """Every parse warning, file by file."""
        return [w for f in self.files for w in f.warnings]

    def as_json(self) -> dict:
        """The report as the stable `--json` object."""
        data: dict = {name: self.total(name) for name in COUNTS}
        data["parsed"] = self.parsed
        data["gone"] = self.gone
        data["warnings"] = [asdict(w) for w in self.warnings]
        data["errors"] = [asdict(e) for e in self.errors]
        data["empty"] = self.empty
        data["files"] = [
            {"file": f.file, **{name: getattr(f, name) for name in COUNTS}, "warnings": len(f.warnings),
             "gone": f.gone}
            for f in self.files
        ]
        return data
