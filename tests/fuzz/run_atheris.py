"""An atheris (libFuzzer) run of one target: `python tests/fuzz/run_atheris.py TARGET CORPUS [libFuzzer options]`.

TARGET is parser, markdown, text, anki, anki_collection or anki_values (see tests/fuzz/README.md). Any exception
other than ReviseError is a crash: libFuzzer stops and writes the input as crash-<hash>."""

from __future__ import annotations

import shutil
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


def _packages() -> list[Path]:
    """The real packages (made by the `anki` library) whose values anki_values changes, built once."""
    if not _PACKAGES:
        from tests.interop.anki_decks import build_packages

        _PACKAGES.extend(path for path, _ in build_packages(Path(tempfile.mkdtemp(prefix="revise-fuzz-anki-"))).values())
    return _PACKAGES


_PACKAGES: list[Path] = []


def _anki_values(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    package = _packages()[fdp.ConsumeIntInRange(0, 3)]
    picks = (fdp.ConsumeIntInRange(0, 99), fdp.ConsumeIntInRange(0, 99), fdp.ConsumeIntInRange(0, 99))
    kinds = (lambda: None, lambda: fdp.ConsumeInt(8), fdp.ConsumeFloat, lambda: fdp.ConsumeUnicodeNoSurrogates(16),
             lambda: fdp.ConsumeBytes(16))
    value = kinds[fdp.ConsumeIntInRange(0, len(kinds) - 1)]()
    folder = Path(tempfile.mkdtemp(dir=FOLDER))
    try:
        targets.import_with_cli(targets.with_one_value(package, picks, value, folder), folder)
    except targets.Unstorable:
        pass
    finally:
        shutil.rmtree(folder)


RUNS = {
    "parser": _parser,
    "markdown": targets.import_markdown,
    "text": _text,
    "anki": lambda data: targets.import_anki_package(data, FOLDER),
    "anki_collection": lambda data: targets.import_anki_collection(data, b"{}", FOLDER),
    "anki_values": _anki_values,  # a sound package with one value no Anki writes, through `revise import`
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
