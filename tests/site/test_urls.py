"""Published URLs and anchors keep working (SITE.md: links from clinics must not break)."""

from __future__ import annotations

import re
import sys

from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "tools"))
import urls  # noqa: E402

from macros import redirects  # noqa: E402


def test_manifest_exists_and_only_lists_site_paths():
    entries = urls.read_manifest()
    assert len(entries) > 300
    assert all(re.fullmatch(r"/([a-z0-9.-]+/?)*(#[a-z0-9-]+)?", e) for e in entries)


def resolves(site, entry: str, moved: dict[str, str]) -> str | None:
    """None when the entry works (directly or through a redirect), else the reason."""
    path, _, anchor = entry.partition("#")
    path = moved.get(path, path)
    html = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    if not html.exists():
        return "no such page"
    if anchor and f'id="{anchor}"' not in html.read_text(encoding="utf-8"):
        return "no such anchor"
    return None


def test_every_published_url_and_anchor_still_resolves(site):
    moved = redirects.load()
    broken = [f"{entry}: {why}" for entry in urls.read_manifest() if (why := resolves(site, entry, moved))]
    assert not broken, "published links that no longer work (add a redirect, never delete):\n" + "\n".join(broken)


def test_manifest_lists_everything_the_site_publishes(site, knowledge):
    missing = urls.published(site, knowledge) - set(urls.read_manifest())
    assert not missing, f"run `make urls` and commit urls.txt; not yet listed: {sorted(missing)[:10]}"


def test_a_moved_page_keeps_its_old_address_through_a_redirect(site, tmp_path):
    moved = {"/old-compare/": "/compare/"}
    assert resolves(site, "/old-compare/#row-downtime", moved) is None
    assert resolves(site, "/old-compare/#no-such-row", moved) == "no such anchor"
    assert resolves(site, "/old-compare/", {}) == "no such page"
    page = redirects.page("/old-compare/", "/compare/")
    assert '<meta http-equiv="refresh" content="0; url=../compare/">' in page
