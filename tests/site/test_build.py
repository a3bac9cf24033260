"""Checks on the strictly built site: what a reader would notice if it broke."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from macros import rendering

from .htmlindex import read_site, resolve


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


def content_pages(pages):
    """Pages a reader lands on: not the 404 page, not the bare embeds made for other sites."""
    return {url: p for url, p in pages.items() if url != "/404.html" and not url.startswith("/embed/")}


def test_the_slice_pages_exist(pages):
    for url in ["/", "/treatments/meso-vs-needling/", "/compare/", "/faq/", "/glossary/", "/references/", "/about/"]:
        assert url in pages, f"{url} was not built"


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for page in pages.values():
        for href in page.links:
            target = resolve(page.url, href)
            if target is None:
                continue
            url, fragment = target
            if url.endswith("/") and url in pages or url in pages:
                found = pages[url]
            else:
                file = site / url.lstrip("/")
                if not file.exists():
                    broken.append(f"{page.url}: {href} (no such page)")
                continue
            if fragment and fragment not in found.ids:
                broken.append(f"{page.url}: {href} (no #{fragment} on {url})")
    assert not broken, "\n".join(broken)


def test_no_id_is_used_twice_on_a_page(pages):
    for page in pages.values():
        repeated = [i for i, n in Counter(page.ids).items() if n > 1]
        assert not repeated, f"{page.url}: ids used more than once: {repeated}"


def test_no_macro_syntax_or_error_text_reaches_a_page(pages):
    for page in pages.values():
        for marker in ("{{", "}}", "{%", "Macro Syntax Error", "Macro Rendering Error", "Traceback"):
            assert marker not in page.text, f"{page.url} shows {marker!r}"


def test_nothing_is_loaded_from_another_host(pages):
    for page in pages.values():
        foreign = [a for a in page.assets if re.match(r"^(https?:)?//", a)]
        assert not foreign, f"{page.url} loads {foreign}"
        assert "fonts.googleapis" not in page.html and "fonts.gstatic" not in page.html


def test_every_faq_entry_appears_once_with_its_anchor(pages, knowledge):
    for entry in knowledge.faq:
        home = pages[f"/faq/{entry.topic}/"]
        assert home.ids.count(entry.id) == 1, f"#{entry.id} on its topic page"
        elsewhere = [p.url for p in pages.values() if p is not home and entry.id in p.ids]
        assert not elsewhere, f"#{entry.id} is also an anchor on {elsewhere}"
        assert any(
            resolve("/faq/", href) == (f"/faq/{entry.topic}/", entry.id) for href in pages["/faq/"].links
        ), f"/faq/ does not link to {entry.id}"


def test_faq_topic_pages_are_in_the_navigation(pages, knowledge):
    topics = {e.topic for e in knowledge.faq}
    nav_links = set(re.findall(r'<a href="([^"]+)" class="md-nav__link', pages["/faq/"].html))
    for topic in topics:
        assert any(resolve("/faq/", h)[0] == f"/faq/{topic}/" for h in nav_links), topic


def test_compare_tables_have_a_row_per_attribute_and_a_column_per_treatment(pages, knowledge):
    html = pages["/compare/"].html
    rows = re.findall(r'<tr id="row-([a-z0-9-]+)">', html)
    assert sorted(rows) == sorted(a.id for a in knowledge.attributes)
    for group in {a.group for a in knowledge.attributes}:
        table = html.split(f'<table id="table-{group}" class="kb-data">')[1].split("</table>")[0]
        headers = re.findall(r'<th scope="col">(.*?)</th>', table)
        assert headers[1:] == [t.name for t in knowledge.treatments]
        group_rows = re.findall(r'<tr id="row-', table)
        assert len(group_rows) == sum(a.group == group for a in knowledge.attributes)


def test_data_tables_are_left_where_they_are_by_the_theme(pages):
    """The theme moves every classless table into a scroll box of its own after
    load (a second layout of each while the page starts). The site's tables
    already scroll in their own region, so they carry a class."""
    found = 0
    for url, page in pages.items():
        for region in re.findall(r'<div class="kb-table[^"]*"[^>]*>\s*<table[^>]*>', page.html):
            found += 1
            assert 'class="kb-data' in region.split("<table", 1)[1], f"{url}: {region}"
    assert found >= 10


def test_glossary_and_references_list_every_entry(pages, knowledge):
    assert set(pages["/glossary/"].ids) >= {t.id for t in knowledge.glossary}
    assert set(pages["/references/"].ids) >= {f"ref-{r.id}" for r in knowledge.references}


def test_every_reference_is_cited_somewhere_and_shows_where(pages, knowledge):
    html = pages["/references/"].html
    for ref in knowledge.references:
        entry = html.split(f'id="ref-{ref.id}"')[1].split("</li>")[0]
        assert "Cited on:" in entry, f"{ref.id} is listed but not cited on any page"


def test_every_page_shows_audience_and_review_dates(pages):
    for page in content_pages(pages).values():
        audience = re.search(r'class="kb-page-audience">For (patients|trainees|patients and trainees)<', page.html)
        assert audience, page.url
        assert "Page last reviewed:" in page.text and "Next review due:" in page.text, page.url
        assert "It is not medical advice" in page.text, page.url


def test_article_citations_link_to_their_reference(pages, knowledge):
    page = pages["/treatments/meso-vs-needling/"]
    cited = set(re.findall(r'href="\.\./\.\./references/#ref-([a-z0-9-]+)"', page.html))
    assert len(cited) >= 10
    assert cited <= {r.id for r in knowledge.references}


def test_search_index_is_built_and_covers_generated_pages(site):
    index = (site / "search" / "search_index.json").read_text()
    assert "faq/basics/" in index and "collagen" in index.lower()


def test_labels_used_for_citations_are_unique(knowledge):
    labels = Counter(r.label for r in knowledge.references)
    # Two different sources with the same label would confuse a reader.
    assert not [label for label, n in labels.items() if n > 1]


def test_renderer_group_labels_cover_every_group(knowledge):
    assert {a.group for a in knowledge.attributes} <= set(rendering.GROUP_LABELS)


def test_site_output_is_complete(site: Path):
    assert len(list((site / "assets").glob("site.*.css"))) == 1  # fingerprinted: see test_deploy.py
    assert len(list((site / "assets").glob("kb.*.js"))) == 1
    assert (site / "sitemap.xml").exists()
    assert (site / "_headers").exists()


def test_glossary_terms_link_to_their_definition_with_a_tooltip(pages, knowledge):
    glossary_ids = {t.id for t in knowledge.glossary}
    article = pages["/treatments/meso-vs-needling/"].html
    terms = re.findall(r'<a class="kb-term" href="\.\./\.\./glossary/#([a-z0-9-]+)" title="([^"]+)"', article)
    assert len(terms) >= 5
    assert {t for t, _ in terms} <= glossary_ids
    assert len({t for t, _ in terms}) == len(terms), "a term is linked more than once on the page"
    assert 'class="kb-term"' not in pages["/glossary/"].html
