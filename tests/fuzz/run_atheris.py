"""An atheris (libFuzzer) run of one target: `python tests/fuzz/run_atheris.py TARGET CORPUS [libFuzzer options]`.

TARGET is parser, markdown, text, anki or anki_collection (see tests/fuzz/README.md). Any exception
other than ReviseError is a crash: libFuzzer stops and writes the input as crash-<hash>."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from revise.errors import ReviseError  # noqa: E402
from tests.fuzz import targets  # noqa: E402

FOLDER = Path(tempfile.mkdtemp(prefix="revise-fuzz-"))
SAMPLE = "# A\n\nQ :: A\n\n{{c1::x}} y\n\n- **t**: d\n".encode()


def _load_revise() -> None:
    """Run each target once, so that the modules revise imports only when needed are loaded (and instrumented)."""
    for run in (lambda: targets.import_markdown(SAMPLE), lambda: targets.import_text_deck(b"a\tb\n", ".txt", FOLDER),
                lambda: targets.import_anki_package(b"", FOLDER)):
        try:
            run()
        except ReviseError:
            pass


with atheris.instrument_imports(include=["revise"]):
    _load_revise()


def _parser(data: bytes) -> None:
    targets.parse_text(atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data)))


def _text(data: bytes) -> None:
    if data:
        targets.import_text_deck(data[1:], targets.TEXT_SUFFIXES[data[0] % 3], FOLDER)


RUNS = {
    "parser": _parser,
    "markdown": targets.import_markdown,
    "text": _text,
    "anki": lambda data: targets.import_anki_package(data, FOLDER),
    "anki_collection": lambda data: targets.import_anki_collection(data, b"{}", FOLDER),
}


def main() -> None:
    target = RUNS[sys.argv.pop(1)]

    def one_input(data: bytes) -> None:
        try:
            target(data)
        except ReviseError:
            pass  # a refusal with a message for the user: what a bad file should get

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
