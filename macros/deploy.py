"""What the built site needs before it is served: lean assets and one set of HTTP headers.

After every build (hooks/kb.py, on_post_build):

- the theme's source maps are removed (about 1 MB nobody reading the site needs);
- the site's own CSS and JavaScript are minified (comments and spaces are for
  the people editing docs/assets/, not for readers: about 3 KB compressed);
- the site's own CSS and JavaScript get a content hash in their names, so every
  asset can be cached for a year and a changed file is a new URL;
- `_headers` (Netlify, Cloudflare Pages) is written from the policy below.

`make deploy` writes `deploy/nginx.conf` from the same policy, so the two
cannot drift; a test fails when the committed file is stale.

The Content-Security-Policy allows scripts from the site itself and, inline,
only the theme's own small scripts, by the SHA-256 hash of each one as built.
No `unsafe-inline` or `unsafe-eval` for scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

# Site assets that carry no hash in their names yet (the theme's already do).
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.(?:min\.)?(?:css|js|svg)$")
_OWN_ASSET = re.compile(r"^assets/[^/]+\.(?:css|js|svg)$")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""")
_SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*]# sourceMappingURL=[^\s*]+(?: \*/)?\s*$")

EMBED_PREFIX = "/embed/"
YEAR = 31_536_000


def strip_source_maps(site: Path) -> int:
    """Delete *.map files and the comments that point at them; return how many files went."""
    removed = 0
    for source_map in site.rglob("*.map"):
        source_map.unlink()
        removed += 1
    for asset in [*site.rglob("*.js"), *site.rglob("*.css")]:
        data = asset.read_bytes()
        stripped = _SOURCE_MAP_COMMENT.sub(b"\n", data)
        if stripped != data:
            asset.write_bytes(stripped)
    return removed


def own_assets(site: Path) -> list[tuple[Path, str]]:
    """The site's own top-level assets not yet fingerprinted, with their paths relative to the site root.

    The theme's files are minified already and carry a hash in their names: they are not among them."""
    found = []
    for asset in sorted((site / "assets").glob("*")):
        relative = asset.relative_to(site).as_posix()
        if asset.is_file() and _OWN_ASSET.match(relative) and not _FINGERPRINTED.search(relative):
            found.append((asset, relative))
    return found


def minify(site: Path) -> int:
    """Minify the site's own top-level CSS and JavaScript in place; return the bytes saved."""
    saved = 0
    for asset, _ in own_assets(site):
        minifier = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}.get(asset.suffix)
        if minifier is None:
            continue
        text = asset.read_text(encoding="utf-8")
        small = minifier(text).strip() + "\n"
        saved += len(text.encode()) - len(small.encode())
        asset.write_text(small, encoding="utf-8")
    return saved


def fingerprint(site: Path) -> dict[str, str]:
    """Give the site's own top-level assets a content hash in their names, and point every page at them.

    Returns {old path: new path}, both relative to the site root."""
    renamed: dict[str, str] = {}
    for asset, relative in own_assets(site):
        digest = hashlib.sha256(asset.read_bytes()).hexdigest()[:8]
        target = asset.with_name(f"{asset.stem}.{digest}{asset.suffix}")
        asset.rename(target)
        renamed[relative] = target.relative_to(site).as_posix()
    if renamed:
        names = "|".join(map(re.escape, renamed))
        pattern = re.compile(r"""(?<=[/"'])(""" + names + r""")(?=["'?#])""")
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            new = pattern.sub(lambda m: renamed[m.group(1)], html)
            if new != html:
                page.write_text(new, encoding="utf-8")
    return renamed


def script_hashes(site: Path) -> list[str]:
    """CSP source expressions ('sha256-...') for every distinct inline script in the built pages."""
    hashes = set()
    for page in site.rglob("*.html"):
        for attrs, body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if _DATA_BLOCK.search(attrs):
                continue  # JSON and JSON-LD are data, never run: CSP does not apply
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def immutable_assets(site: Path) -> list[str]:
    """URL paths of assets whose names carry a content hash: safe to cache for a year."""
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if _FINGERPRINTED.search(p.name))


# --- The header policy: the one source for nginx and for _headers -------------------


def csp(hashes: list[str], *, framable: bool) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *hashes]),
        # The theme and the diagrams set style attributes; styles cannot run code.
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "frame-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        # Other sites may frame the embeds and nothing else.
        "frame-ancestors": "*" if framable else "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(hashes: list[str], *, framable: bool) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": csp(hashes, framable=framable),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }
    if not framable:
        headers["X-Frame-Options"] = "DENY"  # for browsers that predate frame-ancestors
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return headers


CACHE_IMMUTABLE = f"public, max-age={YEAR}, immutable"
CACHE_REVALIDATE = "no-cache"  # keep a copy, but ask the server (a 304 costs a few hundred bytes)
CACHE_IMAGES = "public, max-age=604800"
HSTS = "max-age=31536000"


@dataclass(frozen=True)
class SitePolicy:
    hashes: list[str]
    top_level: list[str]  # URL paths at the top of the site, "/x/" for folders
    immutable: list[str]


def policy_for(site: Path) -> SitePolicy:
    top = []
    for entry in sorted(site.iterdir()):
        if entry.name.startswith(("_", ".")):
            continue
        top.append(f"/{entry.name}/" if entry.is_dir() else f"/{entry.name}")
    return SitePolicy(script_hashes(site), top, immutable_assets(site))


def headers_file(policy: SitePolicy) -> str:
    """Netlify / Cloudflare Pages `_headers`.

    Both merge every rule that matches a path, so the two framing policies go on
    disjoint rules: one per top-level entry of the site, the embeds on their own."""
    lines = ["# Generated at build time by macros/deploy.py: edit the policy there, not this file.", ""]

    def rule(path: str, headers: dict[str, str]):
        lines.append(path)
        lines.extend(f"  {name}: {value}" for name, value in headers.items())
        lines.append("")

    rule("/*", {"Strict-Transport-Security": HSTS})
    rule("/", security_headers(policy.hashes, framable=False))
    for path in policy.top_level:
        framable = path == EMBED_PREFIX
        rule(path + "*" if path.endswith("/") else path, security_headers(policy.hashes, framable=framable))
    for path in policy.immutable:
        rule(path, {"Cache-Control": CACHE_IMMUTABLE})
    return "\n".join(lines)


def _nginx_headers(headers: dict[str, str], cache: str, indent: str) -> list[str]:
    out = [f'{indent}add_header Cache-Control "{cache}" always;']
    out += [f'{indent}add_header {name} "{value}" always;' for name, value in headers.items()]
    out.append(f"{indent}add_header Strict-Transport-Security $kb_hsts always;")
    return out


def nginx_conf(policy: SitePolicy) -> str:
    """A server block for nginx. nginx drops a level's add_header lines when a
    location has its own, so each location states the full set."""
    page = security_headers(policy.hashes, framable=False)
    embed = security_headers(policy.hashes, framable=True)
    i = " " * 8
    conf = [
        "# Generated by `make deploy` (macros/deploy.py) from the built site: do not edit by hand.",
        "# Serves the built site/ folder. Include it inside nginx's http {} block:",
        "#     include /srv/kb/deploy/nginx.conf;",
        "# `root` is relative to nginx's prefix (nginx -p /srv/kb); give an absolute path if you prefer.",
        "# Put TLS in front of it (or add `listen 443 ssl` with your certificate): the",
        "# Strict-Transport-Security header is sent only over HTTPS.",
        "",
        "map $scheme $kb_hsts {",
        f'    https "{HSTS}";',
        '    default "";',
        "}",
        "",
        "server {",
        "    listen 80;",
        "    server_name _;",
        "    root site;",
        "    index index.html;",
        "    charset utf-8;",
        "    server_tokens off;",
        "    etag on;",
        "",
        "    gzip on;",
        "    gzip_comp_level 9;",
        "    gzip_min_length 256;",
        "    gzip_vary on;",
        "    gzip_types text/css application/javascript application/json image/svg+xml",
        "               application/xml text/xml text/plain;",
        "",
        "    error_page 404 /404.html;",
        "",
        "    # Pages: always revalidated, so a corrected page reaches readers at once.",
        "    location / {",
        "        try_files $uri $uri/ =404;",
        *_nginx_headers(page, CACHE_REVALIDATE, i),
        "    }",
        "",
        "    # Embeds: the only pages other sites may frame.",
        f"    location {EMBED_PREFIX} {{",
        "        try_files $uri $uri/ =404;",
        *_nginx_headers(embed, CACHE_REVALIDATE, i),
        "    }",
        "",
        "    # Assets with a content hash in the name never change: cache them for a year.",
        '    location ~* "\\.[0-9a-f]{8}\\.(min\\.)?(css|js|svg)$" {',
        *_nginx_headers(page, CACHE_IMMUTABLE, i),
        "    }",
        "",
        "    location /assets/images/ {",
        *_nginx_headers(page, CACHE_IMAGES, i),
        "    }",
        "",
        "    location = /404.html {",
        "        internal;",
        *_nginx_headers(page, CACHE_REVALIDATE, i),
        "    }",
        "",
        "    # The static hosts' header file is not a page.",
        "    location = /_headers {",
        "        return 404;",
        "    }",
        "}",
        "",
    ]
    return "\n".join(conf)


def finish(site: Path) -> None:
    """Everything on_post_build does to the built site, in order."""
    strip_source_maps(site)
    minify(site)
    fingerprint(site)
    (site / "_headers").write_text(headers_file(policy_for(site)), encoding="utf-8")
