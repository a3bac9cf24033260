"""Page metadata: description, Open Graph, MedicalWebPage data with its review date; and,
where the public address is set, canonical links and a sitemap that lists every page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

from .htmlindex import read_site, sitemap_urls


@pytest.fixture(scope="module")
def pages(site):
    # Embeds are fragments for other sites' frames (noindex); they carry no page metadata.
    listed = set(sitemap_urls(site))
    return {url: p for url, p in read_site(site).items() if url in listed}


def front_matter(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    pages = [json.loads(b) for b in blocks if '"MedicalWebPage"' in b]
    assert len(pages) == 1
    return pages[0]


def test_every_page_has_description_open_graph_and_medical_web_page_data(pages):
    for url, page in pages.items():
        description = re.search(r'<meta name="description" content="([^"]+)">', page.html)
        assert description, url
        assert f'<meta property="og:description" content="{description.group(1)}">' in page.html, url
        data = front_matter(page.html)
        assert data["@type"] == "MedicalWebPage" and re.fullmatch(r"\d{4}-\d\d-\d\d", data["lastReviewed"]), url
        assert {a["audienceType"] for a in data["audience"]} <= {"Patient", "Clinician"}


def test_review_date_in_the_data_matches_the_page(pages):
    page = pages["/treatments/mesotherapy/"]
    shown = re.search(r'Page last reviewed: <time datetime="([\d-]+)">', page.html).group(1)
    assert front_matter(page.html)["lastReviewed"] == shown


def test_with_a_public_address_pages_get_canonical_links_and_the_sitemap_lists_them(tmp_path, pages):
    env = {**os.environ, "SITE_URL": "https://kb.invalid/", "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(out)],
                   cwd=PROJECT, env=env, check=True, capture_output=True)
    sitemap = (out / "sitemap.xml").read_text()
    listed = set(re.findall(r"<loc>https://kb\.invalid(/[^<]*)</loc>", sitemap))
    assert listed == set(pages)
    html = (out / "faq" / "basics" / "index.html").read_text()
    assert '<link rel="canonical" href="https://kb.invalid/faq/basics/">' in html
    assert '<meta property="og:url" content="https://kb.invalid/faq/basics/">' in html
