"""Change history, the review model and "cite this", as a reader meets them in the built
site: every page and every FAQ answer offers a citation to its own address with its own
review date; every page says what changed in it lately; /about/changes/ lists every
change, newest first; and no page names a reviewer or a credential."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date

import pytest

from macros.pages import front_matter, url_of
from tests.conftest import PROJECT

from .htmlindex import read_site, resolve, sitemap_urls

CHANGES = "/about/changes/"
PLACEHOLDER = "Accessed [date you read it]."
SITE_NAME = "Mesotherapy and microneedling, explained."


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


@pytest.fixture(scope="module")
def articles(site, pages):
    """Every page a reader can land on (not the embeds, the 404 page or redirects)."""
    return {url: pages[url] for url in sitemap_urls(site)}


@pytest.fixture(scope="module")
def reviewed(knowledge) -> dict[str, str]:
    """Page URL -> the review date its source gives: front matter, or the FAQ topic's data."""
    dates = {}
    for md in (PROJECT / "docs").rglob("*.md"):
        meta = front_matter(md.read_text(encoding="utf-8"))
        dates[url_of(md.relative_to(PROJECT / "docs").as_posix())] = meta["reviewed"].isoformat()
    for topic in knowledge.faq_topics:
        dates[f"/faq/{topic.id}/"] = topic.reviewed.isoformat()
    return dates


def text_of(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def citations(html: str) -> list[str]:
    return re.findall(r'<div class="kb-citation"[^>]*>.*?</div>', html, re.S)


def page_meta(html: str) -> str:
    return re.search(r'<aside class="kb-page-meta".*?</aside>', html, re.S).group(0)


def parts(block: str) -> dict:
    """What a citation says: its anchor, the address, the review date (machine and text)."""
    anchor = re.search(r'data-anchor="([^"]+)"', block)
    return {
        "anchor": anchor.group(1) if anchor else None,
        "url": text_of(re.search(r'<span class="kb-citation-url">(.*?)</span>', block).group(1)),
        "reviewed": re.search(r'Last reviewed <time datetime="([\d-]+)">', block).group(1),
        "title": text_of(re.search(r'<span class="kb-citation-title">(.*?)</span>', block).group(1)),
        "text": text_of(re.search(r'<p class="kb-citation-text">(.*?)</p>', block, re.S).group(1)),
    }


# --- cite this -------------------------------------------------------------------------------


def test_every_page_offers_a_citation_to_its_own_address_and_review_date(articles, reviewed):
    assert len(articles) > 30
    for url, page in articles.items():
        blocks = citations(page_meta(page.html))
        assert len(blocks) == 1, f"{url}: {len(blocks)} page citations"
        cite = parts(blocks[0])
        assert cite["anchor"] is None and cite["url"] == url, url
        shown = re.search(r'Page last reviewed: <time datetime="([\d-]+)">', page.html).group(1)
        assert cite["reviewed"] == shown == reviewed[url], url
        og_title = htmllib.unescape(re.search(r'<meta property="og:title" content="([^"]*)">', page.html).group(1))
        assert cite["title"].rstrip(".") == og_title.rstrip("."), url
        assert cite["text"].startswith(SITE_NAME) and cite["text"].endswith(PLACEHOLDER), url
        assert "Cite this page" in text_of(blocks[0]), url


def test_embeds_carry_no_citation(pages):
    embeds = [p for url, p in pages.items() if url.startswith("/embed/")]
    assert embeds and not [p.url for p in embeds if "kb-citation" in p.html]


def test_every_faq_answer_offers_a_citation_to_its_own_anchor(pages, knowledge):
    topics = knowledge.by_id["faq_topics"]
    seen = 0
    for topic in knowledge.faq_topics:
        url = f"/faq/{topic.id}/"
        page = pages[url]
        answers = re.findall(r'<article class="kb-faq" aria-labelledby="([a-z0-9-]+)">(.*?)</article>',
                             page.html, re.S)
        expected = [e.id for e in knowledge.faq if e.topic == topic.id]
        assert [a for a, _ in answers] == expected, url
        for answer_id, body in answers:
            blocks = citations(body)
            assert len(blocks) == 1, f"{url}#{answer_id}: {len(blocks)} citations"
            cite = parts(blocks[0])
            entry = knowledge.by_id["faq"][answer_id]
            assert cite["anchor"] == answer_id and cite["url"] == f"{url}#{answer_id}"
            assert answer_id in page.ids  # the anchor the citation names exists on the page
            shown = re.search(r'Page last reviewed: <time datetime="([\d-]+)">', page.html).group(1)
            assert cite["reviewed"] == shown == topics[entry.topic].reviewed.isoformat()
            assert cite["title"] == entry.question
            assert f"FAQ: {topic.title}." in cite["text"] and cite["text"].endswith(PLACEHOLDER)
            seen += 1
    assert seen == len(knowledge.faq)


def test_citations_add_no_ids_so_anchors_stay_unique(articles):
    for url, page in articles.items():
        for block in citations(page.html):
            assert " id=" not in block, url


# --- change history ----------------------------------------------------------------------------


def test_changes_page_lists_every_entry_newest_first_and_each_page_exists(pages, articles, knowledge):
    page = pages[CHANGES]
    body = re.search(r'<div class="kb-changes">.*?</div>', page.html, re.S).group(0)
    days = re.findall(r'<h2 id="changes-([\d-]+)"><time datetime="([\d-]+)">(.*?)</time></h2>\s*<ul>(.*?)</ul>',
                      body, re.S)
    assert days
    dates = [date.fromisoformat(d) for _, d, _, _ in days]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == len(dates)
    listed = []
    for anchor, day, label, items in days:
        assert anchor == day and label == f"{date.fromisoformat(day).day} {date.fromisoformat(day):%B %Y}"
        for target, item in re.findall(r'<li class="kb-change" data-page="([^"]+)">(.*?)</li>', items, re.S):
            link = re.match(r'<a href="([^"]+)">', item)
            if target != "/":
                assert link, f"{target}: not linked"
                assert resolve(CHANGES, link.group(1))[0] == target
                assert target in articles, f"{target}: no such page in the built site"
            summary = re.match(r"(?:<a [^>]*>.*?</a>|<strong>.*?</strong>): (.*)$", item, re.S).group(1)
            listed.append((day, target, text_of(summary)))
    expected = sorted(((c.date.isoformat(), c.page, " ".join(c.summary.split())) for c in knowledge.changes),
                      key=lambda row: row[0], reverse=True)
    assert listed == expected


def test_changes_page_is_under_about_in_the_navigation(pages):
    # Seen from a page outside About, so no table of contents sits between the links.
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link', pages["/glossary/"].html)
    targets = [resolve("/glossary/", href)[0] for href in nav]
    assert CHANGES in targets and targets.index(CHANGES) == targets.index("/about/regulation/") + 1


def test_every_page_says_what_changed_lately_beside_its_review_date(articles, knowledge):
    with_entries = 0
    for url, page in articles.items():
        meta = page_meta(page.html)
        block = re.search(r'<div class="kb-page-changes">.*?</div>', meta, re.S)
        assert block, url
        link = re.findall(r'<a href="([^"]+)">All changes, newest first</a>', block.group(0))
        assert [resolve(url, href)[0] for href in link] == [CHANGES], url
        mine = knowledge.changes_for(url)
        shown = re.findall(r'<li><time datetime="([\d-]+)">[^<]*</time>(?: \(whole site\))?: (.*?)</li>',
                           block.group(0), re.S)
        assert [(d, text_of(s)) for d, s in shown] == [
            (c.date.isoformat(), " ".join(c.summary.split())) for c in mine[:3]
        ], url
        if mine:
            with_entries += 1
            latest = re.search(r'Last changed in substance: <time datetime="([\d-]+)">', block.group(0)).group(1)
            assert latest == max(c.date for c in mine).isoformat(), url
        else:
            assert "No change in substance is listed for this page." in text_of(block.group(0)), url
    assert with_entries >= 5


# --- the review model, stated honestly ----------------------------------------------------------


def months_between(start: date, end: date) -> float:
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 31


def test_about_states_the_review_interval_the_pages_actually_use(pages, knowledge):
    text = text_of(pages["/about/"].html)
    stated = re.search(r"due for review (\w+) months after its last review", text)
    assert stated, "the About page must say how often pages are reviewed"
    words = {"three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}
    intervals = set()
    for md in (PROJECT / "docs").rglob("*.md"):
        meta = front_matter(md.read_text(encoding="utf-8"))
        intervals.add(round(months_between(meta["reviewed"], meta["review_due"])))
    intervals |= {round(months_between(t.reviewed, t.review_due)) for t in knowledge.faq_topics}
    assert intervals == {words[stated.group(1)]}, f"pages use {intervals}; About says {stated.group(1)}"
    assert CHANGES in {r[0] for r in (resolve("/about/", h) for h in pages["/about/"].links) if r}
    assert "not yet been reviewed by an independent clinician" in text


# Someone vouching for a page: a review verb followed by a person's name or title, a
# "medically reviewed" badge, or a clinical credential after a name.
VOUCHED = re.compile(
    r"\b(?:[Rr]eviewed|[Cc]hecked|[Aa]pproved|[Ee]ndorsed|[Vv]erified|[Vv]etted|[Ww]ritten|[Ee]dited|[Aa]uthored)"
    r" by (?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Nurse)\.? )?[A-Z][\w'-]+"
    r"|\b[Mm]edically (?:reviewed|approved|checked)\b"
    r"|\b(?:Dr|Prof)\.? [A-Z][a-z]+"
    r"|\b(?:MD|MBBS|MBChB|BMBS|FRCP|FRCS|MRCP|MRCS|FRCGP|RN|RGN|NMP|DPhil|PhD|FAAD|FACS|BDS|FBCD|DNP)\b"
    r"|\b[Bb]oard[- ]certified\b"
)
# The one place other people's names belong: the reference list (authors of cited work).
REFERENCE_LIST = re.compile(r'<ol class="kb-references">.*?</ol>', re.S)


def readable_text(html: str) -> str:
    html = REFERENCE_LIST.sub(" ", html)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_vouching_scan_finds_what_it_looks_for(pages):
    # A scan that matched nothing would pass every page.
    about = readable_text(pages["/about/"].html)
    assert not VOUCHED.search(about)
    for planted in ("Medically reviewed by Jane Smith.", "Checked by Dr Patel.", "Priya Shah, MBBS, FRCP",
                    "Reviewed by Nurse Jones", "written by Professor Lee", "A board-certified expert",
                    "Sam Doe RN"):
        assert VOUCHED.search(about + " " + planted), planted
    # Only the reference list is left out, and it is there to leave out.
    assert REFERENCE_LIST.search(pages["/references/"].html)
    assert len(readable_text(pages["/about/"].html)) > 2000


def test_no_page_names_a_reviewer_or_a_credential(pages):
    # The data holds no reviewer and no credential, so any on a page is invented.
    found = {}
    for url, page in pages.items():
        for match in VOUCHED.finditer(readable_text(page.html)):
            found.setdefault(url, []).append(match.group(0))
    assert not found, found
