"""Reading note files and folders into the collection: discovery, parallel parsing, sync."""

from revise.sources.files import absolute_path
from revise.sources.report import COUNTS, FileError, FileResult, ImportReport
from revise.sources.sync import Progress, import_paths, remove_source, sync_sources
from revise.sources.workers import PARALLEL_MIN_CHARS

__all__ = [
    "COUNTS", "FileError", "FileResult", "ImportReport", "PARALLEL_MIN_CHARS", "Progress",
    "absolute_path", "import_paths", "remove_source", "sync_sources",
]
