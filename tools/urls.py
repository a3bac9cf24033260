"""The manifest of published URLs and anchors, which only ever grows.

Clinics link to pages, to FAQ answers and to table rows. Once published, a
link must keep working (SITE.md). `urls.txt` lists every page URL and every
permanent anchor (FAQ answers, tables and their rows, claims, glossary terms,
references); `make urls` adds what a fresh build has and never removes a line.
A test fails when a listed URL or anchor no longer resolves in the built site.

    python tools/urls.py update [--site-dir site]   # add new URLs to urls.txt
    python tools/urls.py list [--site-dir site]     # print what the build publishes
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = PROJECT / "urls.txt"
HEADER = """\
# Published URLs and permanent anchors. Append-only: `make urls` adds, nothing removes.
# A line that stops resolving fails the tests; give a moved page a redirect instead.
"""
# Anchors that are promises: answers, tables and rows, claims, terms, references, figures,
# advice blocks and regulation entries.
PERMANENT = re.compile(
    r'id="((?:table|row|evidence|signal|phase|ref|checklist|advice|regulation)-[a-z0-9-]+|depth-diagram|healing-timeline)"'
)


def page_url(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    return "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel


def published(site: Path, knowledge) -> set[str]:
    """Every page URL and permanent anchor in a built site."""
    urls: set[str] = set()
    faq_ids = {e.id for e in knowledge.faq}
    claim_ids = {c.id for c in knowledge.claims}
    glossary_ids = {t.id for t in knowledge.glossary}
    for html in sorted(site.rglob("*.html")):
        url = page_url(site, html)
        if url == "/404.html":
            continue
        urls.add(url)
        text = html.read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', text))
        chosen = set(PERMANENT.findall(text))
        if url.startswith("/faq/") and url != "/faq/":
            chosen |= ids & faq_ids
        if url == "/evidence/claims/":
            chosen |= ids & claim_ids
        if url == "/glossary/":
            chosen |= ids & glossary_ids
        urls |= {f"{url}#{anchor}" for anchor in chosen}
    return urls


def read_manifest() -> list[str]:
    if not MANIFEST.exists():
        return []
    return [line.strip() for line in MANIFEST.read_text().splitlines() if line.strip() and not line.startswith("#")]


def main() -> int:
    sys.path.insert(0, str(PROJECT))
    from macros.loading import load
    from macros.pages import data_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "list"])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    args = parser.parse_args()
    knowledge = load(data_path(PROJECT), PROJECT / "docs")
    now = published(args.site_dir, knowledge)
    if args.command == "list":
        print("\n".join(sorted(now)))
        return 0
    before = set(read_manifest())
    MANIFEST.write_text(HEADER + "\n".join(sorted(before | now)) + "\n")
    print(f"urls.txt: {len(before | now)} entries ({len(now - before)} new)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
