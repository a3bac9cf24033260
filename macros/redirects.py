"""Redirects for moved pages, kept beside the URL manifest (redirects.yml).

A published URL keeps working: when a page moves, its old address gets a small
page that sends the reader on, and the manifest test accepts it as long as the
target is a live page.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

FILE = Path(__file__).resolve().parent.parent / "redirects.yml"


def load(path: Path = FILE) -> dict[str, str]:
    """{old site URL: new site URL}, both like "/faq/old/"; empty when there are none yet."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text()) or {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.startswith("/") and v.startswith("/") for k, v in data.items()
    ):
        raise ValueError(f"{path.name}: expected a mapping of old URL to new URL, both starting with '/'")
    return data


def page(old: str, new: str) -> str:
    """A redirect page that works without JavaScript, from wherever the site is hosted."""
    depth = old.strip("/").count("/") + 1
    target = html.escape("../" * depth + new.lstrip("/"), quote=True)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<title>Moved</title><meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex"></head>'
        f'<body><main><h1>This page has moved</h1><p><a href="{target}">Go to its new address</a>.</p></main>'
        "</body></html>\n"
    )
