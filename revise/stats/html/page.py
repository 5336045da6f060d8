"""`revise stats --html FILE`: the graphs' figures as one self-contained HTML page (inline SVG and
CSS, no script, nothing fetched), light or dark as the reader's system is, printable; written whole."""

from __future__ import annotations

import os
from datetime import timezone
from html import escape
from pathlib import Path

from revise.errors import ReviseError
from revise.stats.graphs.figures import Graphs
from revise.stats.graphs.over_time import RETENTION_HEADERS, retention_rows
from revise.stats.graphs.view import sections
from revise.stats.html.answers import buttons_figure, hours_figure
from revise.stats.html.cards import card_figures
from revise.stats.html.figure import Figure, section_html
from revise.stats.html.over_time import retention_figure, reviews_figure
from revise.stats.text import one_line

# CSS class → (light, dark) colour: Anki's hues (blue new, orange learning, greens young and mature)
PALETTE = {
    "k-new": ("#4a86d4", "#6ea8ec"), "k-learning": ("#e98b35", "#f2a25a"), "k-young": ("#94cf74", "#7fc45f"),
    "k-mature": ("#2e7a33", "#3d9f45"), "retention": ("#2e7a33", "#7cd67f"), "intervals": ("#4a86d4", "#6ea8ec"),
    "stability": ("#1c95a3", "#47c1cd"), "difficulty": ("#df7a26", "#f0964a"), "retrievability": ("#3a9745", "#5fc569"),
    "cumulative": ("#6a5aa8", "#b3a5f2"), "b-again": ("#d5504b", "#ef6d68"), "b-hard": ("#e5a031", "#f0b957"),
    "b-good": ("#4aa84e", "#66c56a"), "b-easy": ("#4a86d4", "#6ea8ec"), "h-answers": ("#4a86d4", "#6ea8ec"),
    "correct": ("#2e7a33", "#7cd67f"),
}
LIGHT = "--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--grid:#e4e7eb;--axis:#8c959f;--edge:#d8dee4"
DARK = "--bg:#0f1419;--fg:#e6edf3;--muted:#9ba5b0;--grid:#262d36;--axis:#5b6570;--edge:#30363d"
CSS = """
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1000px;margin:0 auto;padding:20px 24px 32px}
header h1{font-size:1.5rem;margin:0}
header p,footer{color:var(--muted);margin:4px 0 0;font-size:.9rem}
nav{margin:12px 0 0;font-size:.9rem}nav a{color:var(--muted);margin-right:14px}
section.graph{margin:22px 0 0;padding:14px 18px 16px;border:1px solid var(--edge);border-radius:8px}
h2{font-size:1.12rem;margin:0 0 2px}
p.caption{color:var(--muted);margin:0 0 6px;font-size:.9rem}
svg.chart{display:block;width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
svg text{fill:var(--muted)}svg text.value{fill:var(--fg);font-size:11px}svg text.note{font-size:16px}
svg .grid{stroke:var(--grid)}svg .axis,svg .tick{stroke:var(--axis)}
svg polyline{fill:none;stroke-width:2;stroke-linejoin:round}svg .mark:hover rect{opacity:.75}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0 0;padding:0}
ul.legend{font-size:.9rem;color:var(--muted)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
table.figures{border-collapse:collapse;margin:12px 0 0;font-size:.9rem;font-variant-numeric:tabular-nums}
table.figures th,table.figures td{padding:3px 14px;text-align:right;border-bottom:1px solid var(--grid)}
table.figures tbody th{text-align:left;font-weight:normal}
footer{margin-top:22px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{main{max-width:none;padding:0}nav{display:none}section.graph{break-inside:avoid}}
"""


def _colours(scheme: int) -> str:
    return ";".join(f"--{name}:{colours[scheme]}" for name, colours in PALETTE.items())


def _style() -> str:
    """The page's CSS: light by default, dark where the reader's system asks, light again on paper."""
    classes = "".join(f".{c}{{fill:var(--{c})}}polyline.{c}{{stroke:var(--{c});fill:none}}"
                      f".swatch.{c}{{background:var(--{c})}}" for c in PALETTE)
    light = f":root{{color-scheme:light dark;{LIGHT};{_colours(0)}}}"
    dark = f"@media (prefers-color-scheme:dark){{:root{{{DARK};{_colours(1)}}}}}"
    paper = f"@media print{{:root{{color-scheme:light;{LIGHT};{_colours(0)}}}}}"
    return light + dark + paper + CSS + classes


def figures(graphs: Graphs) -> dict[str, Figure]:
    """Every graph drawn, by the key `revise.stats.graphs.view.sections` gives it."""
    return {"reviews": reviews_figure(graphs.days),
            "retention": retention_figure(graphs.days, (RETENTION_HEADERS, retention_rows(graphs.days))),
            **card_figures(graphs), "buttons": buttons_figure(graphs.buttons), "hours": hours_figure(graphs.hours)}


def page_html(graphs: Graphs) -> str:
    """The whole page: a header naming the deck and day, the graphs in the terminal's order, a footer."""
    drawn, listed = figures(graphs), sections(graphs)
    where = f"deck {one_line(graphs.deck)}" if graphs.deck else "all decks"
    body = "\n".join(section_html(key, title, drawn[key]) for key, title, _ in listed)
    footer = ("<footer>Written by <code>revise stats --html</code>; the figures are those of "
              "<code>revise stats --graphs --json</code>.</footer>")
    return (f"{_head(f'revise stats · graphs · {where} · {graphs.today:%a %d %b %Y}')}<body>\n<main>\n"
            f"{_header(graphs, where, listed)}\n{body}\n{footer}\n</main>\n</body>\n</html>\n")


def _head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="color-scheme" content="light dark">\n<title>{escape(title)}</title>\n'
            f"<style>{_style()}</style>\n</head>\n")


def _header(graphs: Graphs, where: str, listed: list) -> str:
    """The page's title, what it covers and when it was computed, and links to each graph."""
    computed = graphs.now.astimezone(timezone.utc)
    links = "".join(f'<a href="#{key}">{escape(title.split(",")[0])}</a>' for key, title, _ in listed)
    return (f"<header><h1>revise stats · graphs</h1><p>{escape(where)} · {len(graphs.days):,} study days up to "
            f"{graphs.today:%a %-d %b %Y} · computed {computed:%Y-%m-%d %H:%M} UTC</p><nav>{links}</nav></header>")


def write_page(graphs: Graphs, path: Path) -> None:
    """Write the page to `path` whole: a temporary file beside it, renamed over it (or nothing on failure)."""
    text = page_html(graphs)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        reason = exc.strerror or exc
        raise ReviseError(f"cannot write {one_line(str(path))}: {reason} (name a file in a folder you can write to)") from None
    finally:
        partial.unlink(missing_ok=True)
