"""Write deploy/nginx.conf from the built site and the header policy in macros/deploy.py.

    python tools/deploy.py [--site-dir site] [--check]

--check writes nothing and exits 1 when the committed file differs from what
the built site needs (a theme upgrade changes its inline scripts, and so the
Content-Security-Policy hashes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from macros.deploy import nginx_conf, policy_for  # noqa: E402

NGINX_CONF = PROJECT / "deploy" / "nginx.conf"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    if not (args.site_dir / "index.html").exists():
        print(f"error: no built site in {args.site_dir}; run `make build` first", file=sys.stderr)
        return 2
    wanted = nginx_conf(policy_for(args.site_dir))
    if args.check:
        if NGINX_CONF.exists() and NGINX_CONF.read_text(encoding="utf-8") == wanted:
            print(f"{NGINX_CONF.relative_to(PROJECT)} is up to date")
            return 0
        print(f"{NGINX_CONF.relative_to(PROJECT)} is stale: run `make deploy`", file=sys.stderr)
        return 1
    NGINX_CONF.parent.mkdir(exist_ok=True)
    NGINX_CONF.write_text(wanted, encoding="utf-8")
    print(f"wrote {NGINX_CONF.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
