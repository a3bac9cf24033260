"""Read a built site the way a link checker does: pages, their ids and their links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class Page:
    path: Path
    url: str  # site-relative, e.g. "/faq/basics/"
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    text: str = ""
    html: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.page.ids.append(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.page.ids.append(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.page.links.append(attrs["href"])
        for attr in ("src", "href"):
            if tag in ("script", "img", "link", "source", "iframe") and attrs.get(attr):
                self.page.assets.append(attrs[attr])
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.page.text += data


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def read_site(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page(path, url_of(site, path))
        page.html = path.read_text(encoding="utf-8")
        _Parser(page).feed(page.html)
        pages[page.url] = page
    return pages


def resolve(page_url: str, href: str) -> tuple[str, str] | None:
    """(target URL, fragment) of an internal link; None for another host or scheme."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = urljoin(page_url, parts.path) if parts.path else page_url
    return unquote(target), unquote(parts.fragment)


def sitemap_urls(site: Path) -> list[str]:
    """The pages a reader can land on, as the sitemap lists them: not the 404 page,
    not the embeds (fragments for other sites' frames), not redirect stubs."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        url = url_of(site, path)
        if url == "/404.html" or url.startswith("/embed/"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        urls.append(url)
    return urls
