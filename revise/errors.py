"""The one exception type the CLI turns into `Error: …` and exit code 1."""


class ReviseError(Exception):
    """A user-facing error: the message names the file, line or card and what to do."""
