"""The post-build steps and the header policy, on a small made-up site."""

from __future__ import annotations

import base64
import hashlib

from macros import deploy


def make_site(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "embed").mkdir()
    (site / "assets" / "kb.js").write_text("console.log(1)\n")
    (site / "assets" / "javascripts" / "bundle.0123abcd.min.js").write_text("x()\n//# sourceMappingURL=bundle.js.map\n")
    (site / "assets" / "javascripts" / "bundle.js.map").write_text("{}")
    (site / "index.html").write_text(
        '<script>var a=1</script><script type="application/ld+json">{"a":1}</script>'
        '<script src="assets/kb.js"></script><a href="assets/kb.jsx">not it</a>'
    )
    (site / "embed" / "index.html").write_text('<script>var a=1</script><script src="../assets/kb.js"></script>')
    return site


def test_finish_strips_maps_fingerprints_and_writes_headers(tmp_path):
    site = make_site(tmp_path)
    deploy.finish(site)
    assert not list(site.rglob("*.map"))
    assert "sourceMappingURL" not in (site / "assets/javascripts/bundle.0123abcd.min.js").read_text()
    digest = hashlib.sha256(b"console.log(1)\n").hexdigest()[:8]
    assert (site / f"assets/kb.{digest}.js").exists() and not (site / "assets/kb.js").exists()
    index = (site / "index.html").read_text()
    assert f'src="assets/kb.{digest}.js"' in index and 'href="assets/kb.jsx"' in index
    assert f'src="../assets/kb.{digest}.js"' in (site / "embed/index.html").read_text()
    headers = (site / "_headers").read_text()
    assert f"/assets/kb.{digest}.js\n  Cache-Control: public, max-age=31536000, immutable" in headers


def test_own_scripts_and_styles_are_minified_and_the_themes_left_alone(tmp_path):
    site = make_site(tmp_path)
    (site / "assets" / "kb.js").write_text('/* What it does. */\nfunction add(a, b) {\n  return a + b;  // sum\n}\n')
    (site / "assets" / "site.css").write_text("/* Colours. */\n.a {\n  color: red;\n}\n")
    theme = (site / "assets" / "javascripts" / "bundle.0123abcd.min.js").read_text()
    assert deploy.minify(site) > 30
    assert (site / "assets" / "kb.js").read_text() == "function add(a,b){return a+b;}\n"
    assert (site / "assets" / "site.css").read_text() == ".a{color:red}\n"
    assert (site / "assets" / "javascripts" / "bundle.0123abcd.min.js").read_text() == theme


def test_only_executable_inline_scripts_are_hashed(tmp_path):
    site = make_site(tmp_path)
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert deploy.script_hashes(site) == [f"'sha256-{expected}'"]


def test_policy_never_allows_inline_or_eval_scripts_and_frames_only_embeds():
    page = deploy.csp(["'sha256-x'"], framable=False)
    embed = deploy.csp(["'sha256-x'"], framable=True)
    for policy in (page, embed):
        script_src = policy.split("script-src ")[1].split(";")[0]
        assert "unsafe" not in script_src
    assert "frame-ancestors 'none'" in page and "frame-ancestors *" in embed
    assert "X-Frame-Options" in deploy.security_headers([], framable=False)
    assert "X-Frame-Options" not in deploy.security_headers([], framable=True)


def test_nginx_and_headers_file_state_the_same_headers(tmp_path):
    site = make_site(tmp_path)
    deploy.finish(site)
    policy = deploy.policy_for(site)
    conf, headers = deploy.nginx_conf(policy), deploy.headers_file(policy)
    for framable in (False, True):
        for name, value in deploy.security_headers(policy.hashes, framable=framable).items():
            assert f'add_header {name} "{value}" always;' in conf
            assert f"  {name}: {value}" in headers
