"""Anki packages made once per test session by the real Anki library (skipped without it)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def anki_packages(tmp_path_factory):
    """name → (package path, expected cards): current, legacy, colpkg and fsrs packages."""
    pytest.importorskip("anki")
    from tests.interop.anki_decks import build_packages

    return build_packages(tmp_path_factory.mktemp("anki"))
