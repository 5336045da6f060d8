"""One graph's part of the page: its SVG, a caption of figures, a legend and a table, as HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]  # headers, rows (the first column names the row)


@dataclass(frozen=True)
class Figure:
    """A graph drawn: the <svg>, its legend as (CSS class, text), caption phrases and an optional table."""

    svg: str
    legend: list[tuple[str, str]] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)
    table: Table | None = None


def section_html(key: str, title: str, figure: Figure) -> str:
    """The graph's <section>: heading, caption, chart, legend, then its table."""
    parts = [f'<section class="graph" id="{key}">', f"<h2>{escape(title)}</h2>"]
    if figure.caption:
        parts.append(f'<p class="caption">{escape(" · ".join(figure.caption))}</p>')
    parts.append(figure.svg)
    if figure.legend:
        items = "".join(f'<li><span class="swatch {css}"></span>{escape(text)}</li>' for css, text in figure.legend)
        parts.append(f'<ul class="legend">{items}</ul>')
    if figure.table:
        parts.append(_table_html(*figure.table))
    return "\n".join(parts) + "\n</section>"


def _table_html(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + f"<th>{escape(row[0])}</th>" + "".join(f"<td>{escape(c)}</td>" for c in row[1:]) + "</tr>"
                   for row in rows)
    return f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
