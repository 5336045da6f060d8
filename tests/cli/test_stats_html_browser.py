"""The `revise stats --html` page in a real browser (headless Chromium, skipped where it is not
installed): it draws its charts in the palette's colours, dark where the system is dark, and prints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from revise.cli import app
from revise.stats.html.page import DARK, LIGHT, PALETTE
from tests.cli.test_stats_html import learned_collection
from tests.stats.html.pages import GRAPHS, parse_page

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")
BARS = ("k-young", "k-learning", "stability", "difficulty", "retrievability", "b-again", "b-good")


def chromium(tmp_path: Path, page: Path, *options: str) -> str:
    """Run headless Chromium on `page` with `options`, offline and with a profile of its own; its stdout."""
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={tmp_path / 'profile'}", *options, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def page(tmp_path) -> Path:
    learned_collection(tmp_path)
    out = tmp_path / "graphs.html"
    assert CliRunner().invoke(app, ["stats", "--html", str(out), "--days", "60"]).exit_code == 0
    return out


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _variable(scheme: str, name: str) -> tuple[int, int, int]:
    return _rgb(dict(item.split(":") for item in scheme.split(";"))[name])


def screenshot(tmp_path: Path, page: Path, name: str, *options: str) -> Image.Image:
    out = tmp_path / name
    chromium(tmp_path, page, f"--screenshot={out}", "--window-size=1200,3000", *options)
    assert out.exists()
    return Image.open(out).convert("RGB")


def test_the_charts_are_drawn_in_the_light_palette(tmp_path, page):
    image = screenshot(tmp_path, page, "light.png")
    colours = {colour: n for n, colour in image.getcolors(maxcolors=1 << 20)}
    assert len(colours) > 1 and image.getpixel((5, 5)) == _variable(LIGHT, "--bg")
    for bar in BARS:  # each chart's bars fill whole areas in their exact colour
        assert colours.get(_rgb(PALETTE[bar][0]), 0) > 200, bar


def test_a_dark_system_gets_the_dark_palette(tmp_path, page):
    image = screenshot(tmp_path, page, "dark.png", "--force-dark-mode", "--blink-settings=preferredColorScheme=0")
    colours = {colour: n for n, colour in image.getcolors(maxcolors=1 << 20)}
    assert image.getpixel((5, 5)) == _variable(DARK, "--bg")
    for bar in BARS:
        assert colours.get(_rgb(PALETTE[bar][1]), 0) > 200, bar


def test_the_browser_builds_every_chart(tmp_path, page):
    dom = parse_page(chromium(tmp_path, page, "--dump-dom"))
    written = parse_page(page.read_text(encoding="utf-8"))
    assert list(dom.svgs) == GRAPHS
    assert {key: len(marks) for key, marks in dom.marks.items()} == {key: len(m) for key, m in written.marks.items()}


def test_the_page_prints(tmp_path, page):
    pdf = tmp_path / "graphs.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", data)  # a page object, not the /Pages tree
    assert data.startswith(b"%PDF") and len(pages) >= 3  # eight charts do not fit one A4 or Letter page
