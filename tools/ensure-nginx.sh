#!/bin/sh
# The deploy tests and `make bench` serve the site with nginx and deploy/nginx.conf.
# Use $NGINX_PATH, an nginx on PATH or /usr/sbin/nginx; install Debian's when missing.
set -e
if [ -n "$NGINX_PATH" ]; then
    [ -x "$NGINX_PATH" ] && exit 0
    echo "error: NGINX_PATH=$NGINX_PATH is not an executable" >&2
    exit 1
fi
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing nginx from Debian's packages (needed by the deploy tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
    exit 0
fi
cat >&2 <<MSG
error: no nginx found for the deploy tests. Do one of:
  Debian or Ubuntu:  sudo apt-get install nginx-light
  any:               export NGINX_PATH=/path/to/nginx
MSG
exit 1
