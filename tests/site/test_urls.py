"""Published URLs and anchors keep working (SITE.md: links from clinics must not break)."""

from __future__ import annotations

import re
import sys

from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "tools"))
import urls  # noqa: E402


def test_manifest_exists_and_only_lists_site_paths():
    entries = urls.read_manifest()
    assert len(entries) > 300
    assert all(re.fullmatch(r"/([a-z0-9.-]+/?)*(#[a-z0-9-]+)?", e) for e in entries)


def test_every_published_url_and_anchor_still_resolves(site):
    broken = []
    for entry in urls.read_manifest():
        path, _, anchor = entry.partition("#")
        html = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if not html.exists():
            broken.append(f"{entry}: no such page")
        elif anchor and f'id="{anchor}"' not in html.read_text(encoding="utf-8"):
            broken.append(f"{entry}: no such anchor")
    assert not broken, "published links that no longer work (add a redirect, never delete):\n" + "\n".join(broken)


def test_manifest_lists_everything_the_site_publishes(site, knowledge):
    missing = urls.published(site, knowledge) - set(urls.read_manifest())
    assert not missing, f"run `make urls` and commit urls.txt; not yet listed: {sorted(missing)[:10]}"
