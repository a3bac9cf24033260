"""Link the first mention of each glossary term on a page to its definition.

The link carries the definition in its title, so it shows on hover (styled by
Material's tooltips) and, because a link can take focus, to keyboard users
too. Works on the HTML of a page's content: text inside headings, links,
code, figures and the like is left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .models import GlossaryTerm

# Text inside these elements is never linked.
SKIP = {"a", "abbr", "button", "code", "dt", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "kbd", "label", "pre", "script", "style", "summary", "svg", "textarea", "th", "title"}
# An element with this attribute gets no links inside (quiz options become buttons).
NO_TERMS = "data-kb-no-terms"
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")


def term_patterns(terms: Iterable[GlossaryTerm]) -> list[tuple[GlossaryTerm, re.Pattern]]:
    """One pattern per term: its wordings (plural allowed), longest first, and its abbreviation."""
    patterns = []
    for term in terms:
        words = sorted({term.term, *term.aliases}, key=len, reverse=True)
        # A line break inside a term ("granulation\ntissue") still counts as a space.
        wordings = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        options = [rf"(?i:\b(?:{wordings})(?:e?s)?\b)"]
        if term.abbr:
            options.append(rf"\b{re.escape(term.abbr)}\b")
        patterns.append((term, re.compile("|".join(options))))
    # Longer terms first, so "percutaneous collagen induction" wins over "collagen".
    return sorted(patterns, key=lambda p: -len(p[0].term))


def link_terms(
    content: str, terms: Iterable[GlossaryTerm], glossary_url: str, linked: set[str] | None = None
) -> str:
    """The content with terms linked; the ids linked are added to `linked` when given."""
    patterns = term_patterns(terms)
    done: set[str] = linked if linked is not None else set()
    stack: list[str] = []  # open elements; "!" marks one that asked for no links inside
    out = []
    for piece in _TAG.split(content):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            match = _NAME.match(piece)
            if not match or piece.startswith("<!--"):
                continue
            name = match.group(1).lower()
            if piece.startswith("</"):
                if name in stack or name + "!" in stack:
                    while stack and stack.pop().rstrip("!") != name:
                        pass
            elif name not in VOID and not piece.endswith("/>"):
                stack.append(name + ("!" if NO_TERMS in piece else ""))
            continue
        if any(tag in SKIP or tag.endswith("!") for tag in stack):
            out.append(piece)
            continue
        out.append(_link_first(piece, patterns, done, glossary_url))
    return "".join(out)


def _link_first(text: str, patterns, done: set[str], glossary_url: str) -> str:
    """Link, in one run of text, the first mention of each term not linked yet on the page."""
    spans = []  # (start, end, term) not overlapping
    for term, pattern in patterns:
        if term.id in done:
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, _ in spans):
                continue
            spans.append((match.start(), match.end(), term))
            done.add(term.id)
            break
    for start, end, term in sorted(spans, key=lambda s: s[0], reverse=True):
        title = html.escape(f"{term.term}: {term.definition}", quote=True)
        link = f'<a class="kb-term" href="{glossary_url}#{term.id}" title="{title}">{text[start:end]}</a>'
        text = text[:start] + link + text[end:]
    return text
