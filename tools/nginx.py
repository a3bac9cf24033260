"""Serve a built site with Debian's nginx and deploy/nginx.conf, on a loopback port.

Used by the deploy tests and by `make bench`; by hand:

    python tools/nginx.py [--site-dir site] [--port 8080]

nginx comes from $NGINX_PATH, PATH or /usr/sbin/nginx (`make nginx` installs
Debian's package when it is missing).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONF = PROJECT / "deploy" / "nginx.conf"
ACCESS_LOG_FORMAT = '$request_method $request_uri $status $bytes_sent "$sent_http_content_encoding"'


def find_nginx() -> str | None:
    explicit = os.environ.get("NGINX_PATH")
    if explicit:
        return explicit
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_block(site: Path, port: int) -> str:
    """deploy/nginx.conf as committed, with only its address and root changed for a local run."""
    text = CONF.read_text(encoding="utf-8")
    for line, replacement in (("    listen 80;", f"    listen 127.0.0.1:{port};"),
                              ("    root site;", f"    root {site.resolve()};")):
        if text.count(line + "\n") != 1:
            raise RuntimeError(f"{CONF}: expected one line {line.strip()!r}")
        text = text.replace(line + "\n", replacement + "\n")
    return text


@contextlib.contextmanager
def running(site: Path, port: int = 0):
    """Start nginx on 127.0.0.1; yield (base URL, path of its access log); stop it afterwards."""
    nginx = find_nginx()
    if not nginx:
        raise FileNotFoundError("nginx not found: run `make nginx` (Debian: apt-get install nginx-light)")
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="kb-nginx-") as tmp:
        work = Path(tmp)
        (work / "server.conf").write_text(server_block(site, port), encoding="utf-8")
        mime = next((p for p in ("/etc/nginx/mime.types",) if Path(p).exists()), None)
        # Workers run as root only when nginx is started by root, so they can read
        # a site in a private temporary folder.
        conf = [
            "user root;" if os.geteuid() == 0 else "",
            "worker_processes 1;",
            f"pid {work}/nginx.pid;",
            f"error_log {work}/error.log warn;",
            "daemon off;",
            "events { worker_connections 256; }",
            "http {",
            f"  include {mime};" if mime else "  types { text/html html; text/css css; application/javascript js; }",
            "  default_type application/octet-stream;",
            f"  log_format kb '{ACCESS_LOG_FORMAT}';",
            f"  access_log {work}/access.log kb;",
            *(f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
            f"  include {work}/server.conf;",
            "}",
        ]
        (work / "nginx.conf").write_text("\n".join(conf) + "\n", encoding="utf-8")
        check = subprocess.run([nginx, "-t", "-q", "-p", str(work), "-c", str(work / "nginx.conf")],
                               capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
        process = subprocess.Popen([nginx, "-p", str(work), "-c", str(work / "nginx.conf")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"nginx did not start:\n{process.stderr.read().decode()}") from None
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}", work / "access.log"
        finally:
            process.terminate()
            process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with running(args.site_dir, args.port) as (url, _):
        print(f"serving {args.site_dir} with deploy/nginx.conf at {url}/ (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
