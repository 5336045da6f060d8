"""`revise stats --html`: the graphs of `revise stats --graphs` as one self-contained HTML page of SVG charts."""

from revise.stats.html.page import page_html, write_page  # noqa: F401
