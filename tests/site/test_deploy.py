"""What the build leaves for the web server: lean assets, and headers that match the pages."""

from __future__ import annotations

import re
import subprocess
import sys

from macros.deploy import script_hashes
from tests.conftest import PROJECT


def test_the_committed_nginx_conf_matches_the_built_site(site):
    result = subprocess.run([sys.executable, str(PROJECT / "tools" / "deploy.py"), "--site-dir", str(site), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_every_inline_script_is_allowed_by_hash_and_no_other(site):
    headers = (site / "_headers").read_text()
    policies = re.findall(r"Content-Security-Policy: (.*)", headers)
    assert policies
    hashes = script_hashes(site)
    assert 3 <= len(hashes) <= 12, hashes  # the theme's few small scripts, not one per page
    for policy in policies:
        script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
        assert script_src == ["'self'", *hashes]


def test_headers_file_covers_every_top_level_path_once(site):
    rules = re.findall(r"^(/\S*)$", (site / "_headers").read_text(), re.M)
    framing = [r for r in rules if r not in ("/*",) and not re.search(r"\.[0-9a-f]{8}\.", r)]
    for entry in site.iterdir():
        if entry.name.startswith(("_", ".")):
            continue
        rule = f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}"
        assert framing.count(rule) == 1, rule
    assert "/embed/*" in framing


def test_the_sites_own_assets_carry_content_hashes(site):
    own = sorted(p.name for p in (site / "assets").glob("*.*"))
    assert own and all(re.fullmatch(r"[a-z-]+\.[0-9a-f]{8}\.(css|js|svg)", name) for name in own), own
    html = (site / "index.html").read_text()
    for name in own:
        assert f"assets/{name}" in html
    assert not list(site.rglob("*.map"))


def test_no_script_file_holds_back_the_first_paint(site):
    """Every <script src> is deferred, in the order that matters: the search holder before the theme's bundle."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))
        if not tags:
            continue
        blocking = [t for t in tags if not re.search(r"\s(defer|async)[\s>]", t)]
        assert not blocking, f"{page.relative_to(site)}: {blocking}"
        names = [re.search(r'src="([^"]+)"', t).group(1).rsplit("/", 1)[-1] for t in tags]
        bundle = next(i for i, n in enumerate(names) if n.startswith("bundle."))
        assert names[bundle - 1].startswith("search-on-demand."), f"{page.relative_to(site)}: {names}"


def test_the_theme_palette_component_is_replaced_everywhere(site):
    """The theme's component would start again (and cost its style recalculations) if a page used its markup."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'data-md-component="palette"' not in text, page.relative_to(site)
        if "data-kb-palette" in text:
            assert text.count("window.__kb_palette =") == 1, page.relative_to(site)
