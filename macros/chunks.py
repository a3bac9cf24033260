"""A page's text cut into chunks between its headings, for the browser to render lazily.

Each run of content after a top-level h2 or h3 (up to the next one) is wrapped in
<div class="kb-chunk">. assets/site.css gives the chunks `content-visibility:
auto`, so the browser skips styling, laying out and painting the chunks that are
off screen until a reader scrolls near them. On long pages that is most of the
work of the first paint, and of the theme's script, which measures the page as
it starts (about three quarters of the blocked main thread on /compare/, under
Lighthouse's mobile CPU setting).

A skipped chunk takes up the height it is given in advance. Each chunk carries
two estimates made here from its HTML (`--kb-phone` for a 360-pixel phone,
`--kb-wide` for a tablet or desktop column), both on the generous side. A
guess that is too small would let the chunk's text, if a tool measured it
without scrolling to it, spill over the next chunk: Lighthouse's accessibility
check then reported links as too close together (WCAG 2.2 target size) where
readers never see them so. A guess too large only makes the scroll bar a little
long until the chunk is drawn; the browser then remembers the real height.
tests/browser/test_pages.py measures every chunk of every page to hold both.

The headings stay outside the chunks: the theme's table of contents measures
where every heading is, and a heading inside a skipped chunk would make the
browser lay that chunk out at once. Text in skipped chunks is still in the
accessibility tree and found by the browser's find-in-page, and a link to an
anchor inside one renders it. Pages opt out with `lazy_sections: false`.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

HEADINGS = frozenset({"h2", "h3"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
OPEN = '<div class="kb-chunk" style="--kb-phone:{phone}em;--kb-wide:{wide}em">'
# Text column widths the estimates are made for, in px: a 360 px phone less the
# theme's side padding, and a little under the narrowest column beside the
# sidebars (about 680 px) or on a tablet.
PHONE_COLUMN = 328
WIDE_COLUMN = 640


class UnbalancedHTML(ValueError):
    """The page's HTML does not close what it opens, so its top level is unknown."""


class _TopLevelHeadings(HTMLParser):
    """Offsets where each top-level heading starts and where it ends."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.depth = 0
        self.open: list[str] = []
        self.headings: list[tuple[int, int]] = []
        self._start = -1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if not self.open and tag in HEADINGS:
            self._start = self._offset()
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            line, column = self.getpos()
            opened = self.open[-1] if self.open else "nothing"
            raise UnbalancedHTML(f"line {line}, column {column + 1}: </{tag}> does not close <{opened}>")
        self.open.pop()
        if not self.open and tag in HEADINGS:
            end = self.html.index(">", self._offset()) + 1
            self.headings.append((self._start, end))


def chunk(html: str) -> str:
    """html with the content after each top-level h2 or h3 wrapped in a kb-chunk div."""
    parser = _TopLevelHeadings(html)
    parser.feed(html)
    parser.close()
    if parser.open:
        raise UnbalancedHTML(f"<{parser.open[-1]}> is never closed")
    if not parser.headings:
        return html
    parts = [html[: parser.headings[0][0]]]
    for number, (start, end) in enumerate(parser.headings):
        following = parser.headings[number + 1][0] if number + 1 < len(parser.headings) else len(html)
        body = html[end:following]
        parts.append(html[start:end])
        if body.strip():
            opening = OPEN.format(phone=estimate_height(body, PHONE_COLUMN), wide=estimate_height(body, WIDE_COLUMN))
            parts.append(f"{opening}{body}</div>\n")
        else:
            parts.append(body)
    return "".join(parts)


# How each kind of block is drawn by the theme and assets/site.css, in em of the
# 16 px body text: (lines added, e.g. the treatment name shown above each answer
# in a data table on a phone; space around it; indent; font size).
_BLOCKS = {
    "p": (0, 1.0, 0, 1), "li": (0, 0.5, 1.25, 1), "dt": (0, 0.5, 0, 1), "dd": (0, 0.5, 1.875, 1),
    "h4": (0, 1.5, 0, 1), "h5": (0, 1.5, 0, 1), "h6": (0, 1.5, 0, 1), "caption": (0, 0.5, 0, 0.875),
    "th": (0, 1.3, 0, 0.875), "td": (1, 1.3, 0, 0.875), "summary": (0, 1.2, 1.5, 1),
    "figcaption": (0, 0.8, 0, 0.875), "blockquote": (0, 1.0, 1, 1), "pre": (0, 1.5, 0, 0.85),
    "h2": (0, 2.2, 0, 1.5625), "h3": (0, 2.4, 0, 1.25),  # inside boxes: top-level ones start chunks
}
# Space, in em, that boxes and lists add around their content: margins, padding, borders.
_CONTAINERS = {"ul": 1.0, "ol": 1.0, "dl": 1.0, "aside": 2.5, "figure": 1.0, "details": 2.0, "section": 1.0, "div": 0.5}
_FIXED = {"kb-notes-line": 2.0}  # boxes drawn at a set height, in em, with no text in them
_MARGIN = 1.1  # the estimate is made this much larger again, to stay on the generous side
_CHAR_WIDTH = 0.56  # em, an average letter of the system sans-serif fonts, rounded up
_LINE_HEIGHT = 1.6  # em, the theme's
_SVG_WIDTH = (35, 52.5)  # em: diagrams are drawn 560 px to 42rem wide (site.css), scrolling below that


def estimate_height(html: str, column_px: int) -> int:
    """A generous guess, in whole em, of how tall html is drawn in a text column column_px wide:
    lines of text per block at an average letter width, the space around blocks, data
    tables as the cards they become on a phone, other tables row by row, diagrams from
    their viewBox, and closed <details> as their summary alone."""
    estimator = _HeightEstimate(column_px / 16)
    estimator.feed(html)
    estimator.close()
    estimator.end_block("div")
    return math.ceil(estimator.height * _MARGIN)


class _HeightEstimate(HTMLParser):
    def __init__(self, width: float) -> None:
        super().__init__(convert_charrefs=True)
        self.width = width
        self.height = 0.0
        self.chars = 0  # letters in the block being read
        self.indent = 0.0
        self.open: list[tuple[str, str | None]] = []  # (tag, "hidden" | "closed" | None)
        self.tables: list[bool] = []  # per open table: drawn as cards on a phone (class kb-data)
        self.row: list[int] = []  # letters per cell in a plain table's row

    def hidden(self) -> bool:
        for depth, (_, state) in enumerate(self.open):
            if state == "hidden":
                return True
            if state == "closed" and not any(tag == "summary" for tag, _ in self.open[depth + 1:]):
                return True
        return False

    def in_plain_table(self) -> bool:
        return bool(self.tables) and not self.tables[-1]

    def end_block(self, tag: str) -> None:
        extra, space, _, scale = _BLOCKS.get(tag, (0, 0, 0, 1))
        if self.chars:
            per_line = max(8, (self.width - self.indent) / (_CHAR_WIDTH * scale))
            self.height += (math.ceil(self.chars / per_line) + extra) * _LINE_HEIGHT * scale
        self.height += space
        self.chars = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        state = None
        if "hidden" in attributes or "kb-sr-only" in classes:
            state = "hidden"
        elif tag == "svg":
            if not self.hidden():
                self.height += self._diagram(attributes.get("viewbox") or "")
            state = "hidden"  # its labels are drawn inside that box
        elif tag == "details" and "open" not in attributes:
            state = "closed"
        if tag in VOID:
            return
        # Pushed first, so that hidden() counts the element itself, as it will
        # when the element ends: a summary shows in a closed details, a [hidden] p does not.
        self.open.append((tag, state))
        if self.hidden():
            return
        self.height += sum(_FIXED.get(name, 0) for name in classes)
        if tag == "table":
            self.tables.append("kb-data" in classes)
        elif tag in _BLOCKS:
            self.end_block("div")
            if not (self.in_plain_table() and tag in ("th", "td")):
                self.indent += _BLOCKS[tag][2]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        hidden = self.hidden()
        while self.open and self.open.pop()[0] != tag:
            pass
        if tag == "details" and not self.hidden():
            self.height += _CONTAINERS["details"]  # closed or not, its box and summary show
        if hidden:
            return
        if tag == "table" and self.tables:
            self.tables.pop()
            self.height += 1
        elif self.in_plain_table() and tag in ("th", "td"):
            self.row.append(self.chars)
            self.chars = 0
        elif self.in_plain_table() and tag == "tr":
            if self.row:  # the tallest cell, in the theme's smaller table text
                per_line = max(6, self.width / len(self.row) / (_CHAR_WIDTH * 0.8))
                self.height += (max(math.ceil(c / per_line) for c in self.row) * _LINE_HEIGHT + 1.9) * 0.8
            self.row = []
        elif tag in _BLOCKS:
            self.end_block(tag)
            self.indent -= _BLOCKS[tag][2]
        elif tag in _CONTAINERS and tag != "details":
            self.height += _CONTAINERS[tag]

    def _diagram(self, view_box: str) -> float:
        """The height of an SVG diagram as drawn, from its viewBox (0 without one)."""
        try:
            _, _, width, height = (float(n) for n in view_box.replace(",", " ").split())
        except ValueError:
            return 0
        if width <= 0:
            return 0
        drawn = min(max(self.width, _SVG_WIDTH[0]), _SVG_WIDTH[1])
        return drawn * height / width + 1.5

    def handle_data(self, data):
        if data.strip() and not self.hidden():
            self.chars += len(re.sub(r"\s+", " ", data))
