"""Plain-text tables cut to the terminal's width (rich tables take minutes for 100k rows)."""

from __future__ import annotations


def natural_widths(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[int]:
    """Each column's width before fitting: its longest value, the header's included."""
    return [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]


def fit(widths: list[int], width: int, give_way: list[tuple[int, int]]) -> list[int]:
    """Column widths narrowed to fit `width` with two spaces between columns: the `give_way`
    columns (index, narrowest it may get) are narrowed in turn, figures never."""
    widths = list(widths)
    for i, least in give_way:
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        widths[i] -= max(0, min(excess, widths[i] - least))
    return widths


def table_lines(
    header: tuple[str, ...], rows: list[tuple[str, ...]], widths: list[int], *, numbers: bool = False
) -> list[str]:
    """The header's line, then one line per row, each value padded or cut to its column's width.

    With `numbers`, every column but the first is a count, aligned right."""
    return [_line(row, widths, numbers) for row in [header, *rows]]


def _line(values: tuple[str, ...], widths: list[int], numbers: bool) -> str:
    """Values padded to their column widths; too long ones cut with … (a path keeps its end: the
    first column of a table of counts, else the last)."""
    from revise.render import shorten

    cells = []
    for i, (value, width) in enumerate(zip(values, widths)):
        value = shorten(value, width, keep_end=i == (0 if numbers else len(values) - 1))
        cells.append(value.rjust(width) if numbers and i else value.ljust(width))
    return "  ".join(cells).rstrip()
