"""A page's text cut into chunks between its headings, for the browser to render lazily.

Each run of content after a top-level h2 or h3 (up to the next one) is wrapped in
<div class="kb-chunk">. assets/site.css gives the chunks `content-visibility:
auto`, so the browser skips styling, laying out and painting the chunks that are
off screen until a reader scrolls near them. On the longest pages that is most
of the work of the first paint, and of the theme's script, which measures the
page as it starts (about three quarters of the blocked main thread on /compare/,
under Lighthouse's mobile CPU setting).

Only pages that ask for it (front matter `lazy_sections: true`) are cut: those
made of long tables, where it matters most. Elsewhere the cost of skipped text
outweighs the gain: an audit tool that measures the page without scrolling
(Lighthouse's accessibility check, for one) sees the text of a skipped chunk laid
out at a guessed height, overlapping the next, and reports small links as too
close together (WCAG 2.2 target size) where readers never see them so.

The headings stay outside the chunks: the theme's table of contents measures
where every heading is, and a heading inside a skipped chunk would make the
browser lay that chunk out at once. Text in skipped chunks is still in the
accessibility tree and found by the browser's find-in-page, and a link to an
anchor inside one renders it.
"""

from __future__ import annotations

from html.parser import HTMLParser

HEADINGS = frozenset({"h2", "h3"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
OPEN = '<div class="kb-chunk">'


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
        parts.append(f"{OPEN}{body}</div>\n" if body.strip() else body)
    return "".join(parts)
