"""Reading a `revise stats --html` page back: a strict parse (every element closed in order) that
collects each chart's <svg> attributes and the figures its marks carry as data attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}
GRAPHS = ["reviews", "retention", "intervals", "stability", "difficulty", "retrievability", "buttons", "hours"]
SVG_EMPTY = {"rect", "line", "polyline", "circle", "path"}  # may be written <rect/>


@dataclass
class Page:
    """What a page holds: the charts' <svg> attributes by graph key, their marks, links and sources."""

    svgs: dict[str, dict[str, str]] = field(default_factory=dict)
    marks: dict[str, list[tuple[str, dict[str, str]]]] = field(default_factory=dict)  # key → (tag, data)
    urls: list[str] = field(default_factory=list)  # every href and src
    tags: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class StrictParser(HTMLParser):
    """html.parser with the checks it leaves out: an end tag must close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.open, self.graph = Page(), [], None

    def handle_starttag(self, tag, attrs):
        self._element(tag, dict(attrs))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        assert tag in SVG_EMPTY or tag in VOID, f"<{tag}/> is not an empty element"
        self._element(tag, dict(attrs))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()
        if tag == "svg":
            self.graph = None

    def handle_data(self, data):
        if data.strip():
            self.page.text.append(data.strip())

    def _element(self, tag: str, attrs: dict[str, str]) -> None:
        self.page.tags.append(tag)
        self.page.urls += [attrs[name] for name in ("href", "src") if name in attrs]
        if tag == "svg":
            assert self.graph is None, "an <svg> inside an <svg>"
            self.graph = attrs["data-graph"]
            assert self.graph not in self.page.svgs, f"two charts of {self.graph}"
            self.page.svgs[self.graph] = attrs
            self.page.marks[self.graph] = []
        elif self.graph and any(name.startswith("data-") for name in attrs):
            data = {name[5:]: value for name, value in attrs.items() if name.startswith("data-")}
            self.page.marks[self.graph].append((tag, data))


def parse_page(text: str) -> Page:
    """Parse `text` strictly (AssertionError on a badly nested page) into a `Page`."""
    parser = StrictParser()
    parser.feed(text)
    parser.close()
    assert not parser.open, f"never closed: {parser.open}"
    return parser.page


def number(text: str) -> int | float | None:
    """A data attribute's number as the JSON holds it: int, float, or None for an empty one."""
    if text == "":
        return None
    return float(text) if "." in text else int(text)


def assert_same_figures(page, data) -> None:
    """Every chart's figures, read back from its data attributes, equal the JSON's."""
    assert list(page.svgs) == GRAPHS
    _assert_reviews(page.svgs["reviews"], page.marks["reviews"], data["reviews"])
    _assert_retention(page.marks["retention"], data["reviews"])
    for key in ("intervals", "stability", "difficulty", "retrievability"):
        _assert_distribution(page.svgs[key], page.marks[key], data[key])
    assert number(page.svgs["retrievability"]["data-recall-sum"]) == data["retrievability"]["recall_sum"]
    buttons = {}
    for _, mark in page.marks["buttons"]:
        buttons.setdefault(mark["group"], {})[mark["button"]] = number(mark["answers"])
    assert buttons == data["buttons"]
    hours = [{"hour": number(m["hour"]), "reviews": number(m["reviews"]), "correct": number(m["correct"])}
             for tag, m in page.marks["hours"] if tag == "g"]
    assert hours == data["hours"]


def _assert_reviews(svg, bars, reviews) -> None:
    """A bar per day (or a few days) that holds answers, with the sums of the JSON's figures of its days."""
    figures = [{key.replace("-", "_"): value if key in ("from", "to") else number(value) for key, value in bar.items()}
               for _, bar in bars]
    if svg["data-slot-days"] == "1":  # a bar a day: the days of the JSON, figure for figure
        days = [{"date": f["from"], **{k: v for k, v in f.items() if k not in ("from", "to")}} for f in figures]
        assert all(f["from"] == f["to"] for f in figures) and days == reviews and reviews
        return
    for bar in figures:
        inside = [d for d in reviews if bar["from"] <= d["date"] <= bar["to"]]
        for key in ("new", "learning", "relearning", "young", "mature", "young_passed", "mature_passed"):
            assert bar[key] == sum(d[key] for d in inside), key
        assert bar["seconds"] == pytest.approx(sum(d["seconds"] for d in inside), abs=0.051)
    assert sum(bar["new"] + bar["mature"] for bar in figures) == sum(d["new"] + d["mature"] for d in reviews)


def _assert_retention(points, reviews) -> None:
    """Each point's answers of review cards, and those not Again, are the JSON's days between its dates."""
    assert points
    for _, point in points:
        inside = [d for d in reviews if point["from"] <= d["date"] <= point["to"]]
        assert number(point["answers"]) == sum(d["young"] + d["mature"] for d in inside)
        assert number(point["passed"]) == sum(d["young_passed"] + d["mature_passed"] for d in inside)
    assert sum(number(p["answers"]) for _, p in points) == sum(d["young"] + d["mature"] for d in reviews)


def _assert_distribution(svg, marks, figure) -> None:
    """The bins hold the JSON's cards between their first and last value, and all of them."""
    unit = "days" if "median_days" in figure else "percent"
    middle = figure.get("median_days", figure.get("median_percent", figure.get("average")))
    assert number(svg["data-cards"]) == figure["cards"] and number(svg["data-middle"]) == middle
    bins = [m for tag, m in marks if tag == "g"]
    assert sum(number(m["cards"]) for m in bins) == figure["cards"]
    for mark in bins:
        first, last = number(mark["from"]), number(mark["to"])
        inside = [c["cards"] for c in figure["counts"] if c[unit] >= first and (last is None or c[unit] <= last)]
        assert number(mark["cards"]) == sum(inside)
