"""Search, FAQ anchors, pages without JavaScript, lazy sections and tables on a slow
connection, as a reader meets them.

Every page's accessibility, privacy, keyboard and print checks: test_every_page.py."""

from __future__ import annotations

import pytest

from tests.site.htmlindex import url_of

from .conftest import LAYOUT_SHIFTS, VIEWPORTS

# Each chunk's real height, drawn, against the estimate it carries for this width (px).
_CHUNK_HEIGHTS = """estimate => [...document.querySelectorAll('.kb-chunk')].map(chunk => {
  chunk.style.contentVisibility = 'visible';
  const em = parseFloat(getComputedStyle(chunk).fontSize);
  return [chunk.previousElementSibling.id, chunk.getBoundingClientRect().height,
          parseFloat(chunk.style.getPropertyValue(estimate)) * em];
})"""

pytestmark = pytest.mark.browser


def test_search_finds_collagen(visit):
    seen = visit("/")
    seen.page.keyboard.press("/")
    seen.page.keyboard.type("collagen", delay=30)
    results = seen.page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    assert "collagen" in results.first.inner_text().lower()
    assert not seen.foreign_requests


def test_first_tab_reaches_the_skip_link(visit):
    seen = visit("/treatments/meso-vs-needling/")
    seen.page.keyboard.press("Tab")
    focused = seen.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"


def test_faq_answer_link_opens_at_the_answer(visit, knowledge):
    entry = knowledge.faq[0]
    seen = visit(f"/faq/{entry.topic}/#{entry.id}", viewport="phone")
    heading = seen.page.locator(f"#{entry.id}")
    assert heading.inner_text() == entry.question
    assert heading.is_visible()
    box = heading.bounding_box()
    assert 0 <= box["y"] < 844, "the linked answer is not on screen"


def test_pages_work_without_javascript(visit, knowledge):
    seen = visit("/faq/", js=False)
    assert seen.page.locator(".kb-faq-index li a").count() == len(knowledge.faq)
    seen = visit("/compare/", js=False)
    assert seen.page.locator("tr[id^=row-]").count() == len(knowledge.attributes)


def test_far_sections_wait_until_a_reader_gets_near_and_anchors_into_them_land(visit):
    """The long-page speed-up (macros/chunks.py) is in force, and costs readers nothing."""
    page = visit("/compare/", viewport="phone").page
    chunks = page.locator(".kb-chunk")
    assert chunks.count() >= 4
    skipped = "el => !el.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
    assert chunks.last.evaluate(skipped), "the last chunk was rendered at load"
    last_heading = page.locator("article h2[id]").last
    page.goto(f"{page.url.split('#')[0]}#{last_heading.get_attribute('id')}", wait_until="load")
    page.wait_for_timeout(300)
    box = last_heading.bounding_box()
    assert 0 <= box["y"] <= 844 / 2, f"the heading is at {box['y']}px after following a link to it"
    assert not chunks.last.evaluate(skipped)


def test_tables_drawn_before_their_last_rows_arrive_keep_their_columns(browser, slow_server, site):
    """On a slow connection the browser draws a table while its later rows are
    still on the way. The comparison tables (and the embeds other sites frame)
    keep the columns they were first drawn with, so the rows already shown do
    not jump when the rest land. Before this, an embed moved by 0.37 (CLS)."""
    embeds = sorted(url_of(site, p) for p in site.glob("embed/table/*/index.html"))
    assert len(embeds) >= 3
    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    moved = {}
    try:
        for path in ["/compare/", "/evidence/", *embeds]:
            page = context.new_page()
            page.goto(slow_server + path, wait_until="load")
            rows_moved = [
                (round(value, 3), nodes)
                for value, nodes in page.evaluate(LAYOUT_SHIFTS)
                if any(node.startswith(("<tr", "<td", "<th", "<tbody", "<table")) for node in nodes)
            ]
            if rows_moved:
                moved[path] = rows_moved
            page.close()
    finally:
        context.close()
    assert not moved, f"table rows moved while the page arrived: {moved}"


@pytest.mark.parametrize(
    ("width", "estimate"), [(360, "--kb-phone"), (412, "--kb-phone"), (768, "--kb-wide"), (1366, "--kb-wide")]
)
def test_every_chunk_is_given_room_for_all_of_its_text_before_it_is_drawn(browser, server, site, width, estimate):
    """A chunk not yet drawn takes the height estimated when the site was built
    (macros/chunks.py). Too small, and a tool measuring the page without scrolling
    sees its text spill over the next chunk (Lighthouse then reported links as too
    close together); much too large, and the scroll bar misleads until it is drawn."""
    pages = sorted(url_of(site, p) for p in site.rglob("index.html")
                   if 'class="kb-chunk"' in p.read_text(encoding="utf-8"))
    assert len(pages) >= 10, pages
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    short, far_over, checked = [], [], 0
    try:
        for path in pages:
            page = context.new_page()
            page.goto(server + path, wait_until="load")
            for heading, real, guess in page.evaluate(_CHUNK_HEIGHTS, estimate):
                checked += 1
                if guess < real:
                    short.append(f"{path}#{heading}: {real:.0f} px drawn, {guess:.0f} px estimated")
                elif guess > 4 * real + 100:
                    far_over.append(f"{path}#{heading}: {real:.0f} px drawn, {guess:.0f} px estimated")
            page.close()
    finally:
        context.close()
    assert checked >= 50
    assert not short, f"estimates too small at {width} px:\n" + "\n".join(short)
    assert not far_over, f"estimates far too large at {width} px:\n" + "\n".join(far_over)
