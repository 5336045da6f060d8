"""Reading note files and folders into the collection: discovery, parallel parsing, sync."""

from revise.sources.importer import (  # noqa: F401
    MAX_FILE_BYTES,
    MARKDOWN_SUFFIXES,
    FLASHCARD_TAGS,
    PARALLEL_MIN_CHARS,
    PARALLEL_WORKERS,
    Progress,
    FileResult,
    FileError,
    COUNTS,
    ImportReport,
    import_paths,
    sync_sources,
    absolute_path,
    GONE_FOLDER,
    default_deck,
    ParsedFile,
    parse_file,
    parse_files,
)
