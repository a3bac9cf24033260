"""Each page of the slice, as a reader sees it: phone and desktop, light and dark."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import screenshot_name

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/treatments/meso-vs-needling/",
    "/treatments/mesotherapy/",
    "/treatments/microneedling/",
    "/evidence/",
    "/evidence/claims/",
    "/trainees/",
    "/trainees/self-check/",
    "/trainees/complications/",
    "/trainees/consent/",
    "/clinics/",
    "/embed/table/practicalities/",
    "/embed/faq/are-they-the-same/",
    "/patients/before-your-consultation/",
    "/patients/is-it-right-for-me/",
    "/patients/after-treatment/",
    "/skin/layers/",
    "/skin/cytokines/",
    "/skin/wound-healing/",
    "/compare/",
    "/faq/",
    "/faq/basics/",
    "/faq/safety/",
    "/glossary/",
    "/references/",
    "/about/",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}
axe = Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_private_and_error_free(visit, path, viewport, scheme):
    seen = visit(path, viewport, scheme)
    seen.page.screenshot(path=screenshot_name(path, viewport, scheme), full_page=True)
    assert not seen.foreign_requests, f"requests to other hosts: {seen.foreign_requests}"
    assert not seen.console_errors, f"console errors: {seen.console_errors}"
    results = axe.run(seen.page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


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
