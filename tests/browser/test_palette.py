"""The light/dark switch: the scheme is right before anything is drawn, the switch works
by mouse and keyboard, and the choice is remembered.

The theme's own palette component is replaced (overrides/partials/palette.html, the
inline script in overrides/partials/javascripts/palette.html and assets/kb.js), so
these check what a reader sees of it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
META_SCHEME = "document.querySelector('meta[name=color-scheme]').content"


def visible_switch(page):
    return page.locator("[data-kb-palette] label:not([hidden])")


@pytest.mark.parametrize(("system", "scheme", "meta"), [("light", "default", "light"), ("dark", "slate", "dark")])
def test_the_system_setting_is_applied_before_any_script_file_runs(browser, server, system, scheme, meta):
    """The inline script alone sets the scheme as the page is parsed: no light flash for dark-mode readers."""
    context = browser.new_context(color_scheme=system, service_workers="block")
    try:
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())  # no theme bundle, no kb.js
        page.goto(server + "/treatments/microneedling/", wait_until="load")
        assert page.evaluate("typeof window.__kb_palette.apply") == "function"
        assert page.evaluate(SCHEME) == scheme
        assert page.evaluate(META_SCHEME) == meta
        assert visible_switch(page).count() == 1
    finally:
        context.close()


def test_the_switch_changes_the_scheme_and_is_remembered(visit):
    seen = visit("/", scheme="light")
    page = seen.page
    switch = visible_switch(page)
    assert switch.get_attribute("title") == "Switch to dark mode"
    switch.click()
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate(META_SCHEME) == "dark"
    expect(visible_switch(page)).to_have_attribute("title", "Switch to light mode")
    page.goto(seen.origin + "/glossary/", wait_until="load")  # another page: the choice holds
    assert page.evaluate(SCHEME) == "slate"
    expect(visible_switch(page)).to_have_attribute("title", "Switch to light mode")
    visible_switch(page).click()
    assert page.evaluate(SCHEME) == "default"
    page.reload(wait_until="load")
    assert page.evaluate(SCHEME) == "default"
    assert not seen.console_errors


def test_the_switch_works_from_the_keyboard(visit):
    page = visit("/", scheme="light").page
    page.locator("[data-kb-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate"
    assert page.url.endswith("/")  # Enter did not submit the switch's form
    assert page.evaluate("document.activeElement.matches('[data-kb-palette] input:checked')")
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "default"


def test_the_toolbar_colour_is_the_headers_in_both_schemes(visit):
    page = visit("/", scheme="light").page
    for _ in range(2):
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        red, green, blue = (int(n) for n in header[header.index("(") + 1 : header.index(")")].split(",")[:3])
        meta = page.evaluate("document.querySelector('meta[name=theme-color]').content")
        assert meta.lower() == f"#{red:02x}{green:02x}{blue:02x}", page.evaluate(SCHEME)
        visible_switch(page).click()


def test_until_a_reader_chooses_the_page_follows_the_system(visit):
    page = visit("/", scheme="light").page
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    visible_switch(page).click()  # now chosen: light, and kept
    assert page.evaluate(SCHEME) == "default"
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(200)
    assert page.evaluate(SCHEME) == "default"
