"""Every page in the sitemap, as readers meet it: phone and desktop, light and dark.

For each page: zero axe-core violations (WCAG 2.0, 2.1, 2.2 A and AA, and best
practices), no request to any other host, no console error, and nothing that
jumps while the page loads (layout shift). On the desktop,
also: the first Tab reaches a visible skip link, every visible control can be
reached with Tab and shows where the focus is, and the page prints without
the site's navigation. The page list is read from the built site, so a new
page is tested without anyone adding it here.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from tests.conftest import PROJECT
from tests.site.htmlindex import sitemap_urls

from .conftest import LAYOUT_SHIFTS, MAX_LAYOUT_SHIFT, VIEWPORTS

pytestmark = pytest.mark.browser

# Built pages are not known at collection time, so collect from the sources:
# every Markdown page and every generated one maps to the same URLs. A test
# below checks that this list and the built site's agree.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],  # details of passes are not needed, and cost a third of the time
}
# axe-core as shipped inside axe-playwright-python: loaded into every page of a context.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
# Text in chunks far off screen is not laid out (content-visibility: auto, see
# macros/chunks.py), so axe could not measure its contrast and would pass over it:
# every chunk is drawn before axe runs.
_AXE_RUN = r"""async (options) => {
  document.head.insertAdjacentHTML('beforeend', '<style>* { content-visibility: visible !important; }</style>');
  const results = await axe.run(document, options);
  return results.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map(n => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n'));
}"""


def _source_urls() -> list[str]:
    from macros.loading import load
    from macros.pages import data_path, generated_pages, url_of

    docs = PROJECT / "docs"
    knowledge = load(data_path(PROJECT), docs)
    urls = {url_of(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")}
    urls |= {url_of(src_uri) for src_uri in generated_pages(knowledge)}
    return sorted(u for u in urls if not u.startswith("/embed/"))


PAGES = _source_urls()
# Embeds are not in the sitemap (other sites frame them); they share one template.
EMBEDS = ["/embed/table/practicalities/", "/embed/faq/are-they-the-same/"]


def test_the_page_list_is_the_sitemap(site):
    assert sorted(sitemap_urls(site)) == PAGES


@pytest.fixture(scope="session")
def contexts(browser):
    """One browser context per window size and colour scheme, shared by every page."""
    opened = {}

    def get(viewport: str, scheme: str):
        if (viewport, scheme) not in opened:
            context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, service_workers="block")
            context.add_init_script(AXE_SOURCE)
            opened[viewport, scheme] = context
        return opened[viewport, scheme]

    yield get
    for context in opened.values():
        context.close()


def open_page(context, url: str):
    """Load url in a new tab; return (page, requests, console errors)."""
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="load")
    return page, requests, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES + EMBEDS)
def test_accessible_private_and_error_free(contexts, server, path, viewport, scheme):
    page, requests, errors = open_page(contexts(viewport, scheme), server + path)
    try:
        foreign = [u for u in requests if not u.startswith(server + "/") and not u.startswith("data:")]
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not errors, f"console errors: {errors}"
        shifts = page.evaluate(LAYOUT_SHIFTS)
        assert sum(value for value, _ in shifts) <= MAX_LAYOUT_SHIFT, f"content moved while loading: {shifts}"
        violations = page.evaluate(_AXE_RUN, AXE_OPTIONS)
        assert not violations, f"{len(violations)} axe-core violation(s):\n" + "\n".join(violations)
    finally:
        page.close()


# Collects the page's visible, enabled, focusable controls and gives each a number.
_CONTROLS = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const seen = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.closest('[inert], [hidden]') || el.tabIndex < 0) continue;
    if (el.type === 'hidden') continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
    el.dataset.kbControl = seen.length;
    seen.push((el.getAttribute('href') || el.textContent || el.getAttribute('aria-label') || el.id || el.tagName)
      .trim().slice(0, 60));
  }
  return seen;
}"""
# What has the focus now, and whether it shows: an outline or a shadow drawn for focus.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden radio button (the theme's colour switch) shows its focus on the label after it.
  const box = el.getBoundingClientRect();
  const next = el.nextElementSibling;
  const shown = (box.width < 2 || box.height < 2) && next && next.tagName === 'LABEL' ? next : el;
  const style = getComputedStyle(shown);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {id: el.dataset.kbControl ?? null, visible: outline || shadow,
          text: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60)};
}"""
# Records, from now on, each element that takes the focus (as _FOCUSED describes it).
# Elements of one kind share their focus style: after three of a kind, only which
# element it was is recorded, which keeps long pages (the references) quick.
_RECORD = (
    "() => { window.kbFocus = []; const kinds = new Map(); const describe = " + _FOCUSED + ";"
    " document.addEventListener('focusin', (event) => {"
    "   const el = event.target;"
    "   const kind = el.tagName + '.' + el.className + '@' + (el.closest('header, nav, main, footer') || {}).tagName;"
    "   const count = (kinds.get(kind) || 0) + 1; kinds.set(kind, count);"
    "   window.kbFocus.push(count <= 3 ? describe() : {id: el.dataset.kbControl ?? null, visible: true});"
    " }); }"
)
TAB = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}


def press_tab(page, times: int) -> None:
    """Press Tab `times` times, as real key events.

    One at a time, each press is a round trip from Python through Playwright's
    driver to Chromium (10 to 40 ms here), and the longest pages have over a
    thousand controls. So the raw key events are sent all at once, through the
    driver's own asyncio loop, and Chromium handles them in order: the same
    focus path, about four times quicker. If a later Playwright changes these
    internals, it falls back to one press at a time."""
    import asyncio

    keys = page.context.new_cdp_session(page)
    event = {"type": "rawKeyDown", **TAB}
    try:
        session = keys._impl_obj

        async def burst():
            await asyncio.gather(*(session.send("Input.dispatchKeyEvent", event, None) for _ in range(times)))

        keys._sync(burst())
    except (AttributeError, TypeError):
        for _ in range(times):
            keys.send("Input.dispatchKeyEvent", event)
    finally:
        keys.detach()


# The site's navigation chrome; printing must hide all of it.
_CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-search, .kb-copy"


@pytest.mark.parametrize("path", PAGES)
def test_keyboard_reaches_every_control_and_print_drops_the_chrome(contexts, server, path):
    page, _, _ = open_page(contexts("desktop", "light"), server + path)
    try:
        page.keyboard.press("Tab")
        first = page.evaluate(_FOCUSED)
        assert first and first["text"] == "Skip to content", f"first Tab reached {first}"
        assert first["visible"], "the skip link gets the focus but does not show it"

        controls = page.evaluate(_CONTROLS)
        page.evaluate(_RECORD)
        press_tab(page, len(controls) + 20)  # the theme adds a few controls of its own
        reached, invisible = set(), []
        for focused in page.evaluate("window.kbFocus"):
            if focused["id"] is not None:
                reached.add(focused["id"])
            if not focused["visible"]:
                invisible.append(focused["text"])
        missed = [controls[int(i)] for i in range(len(controls)) if str(i) not in reached]
        assert not missed, f"{len(missed)} of {len(controls)} controls never get the focus: {missed[:10]}"
        assert not invisible, f"focus not shown on: {invisible[:10]}"

        page.emulate_media(media="print")
        shown = page.evaluate(
            """(sel) => [...document.querySelectorAll(sel)]
                 .filter(el => el.getClientRects().length && getComputedStyle(el).display !== 'none')
                 .map(el => el.className)""",
            _CHROME,
        )
        assert not shown, f"printed with navigation chrome: {shown}"
        lazy = page.evaluate("""() => [...document.querySelectorAll(
            '.kb-chunk, .kb-faq-group')]
            .filter(el => getComputedStyle(el).contentVisibility !== 'visible').length""")
        assert not lazy, f"{lazy} sections would be left out of the print (content-visibility)"
    finally:
        page.close()
