#!/bin/sh
# The browser tests need a Chromium. Use, in order: $CHROMIUM_PATH, Debian's
# /usr/bin/chromium, or Playwright's own build; install Debian's when missing.
set -e
if [ -n "$CHROMIUM_PATH" ]; then
    [ -x "$CHROMIUM_PATH" ] && exit 0
    echo "error: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
    exit 1
fi
# On Ubuntu /usr/bin/chromium is a snap shim that cannot run headless here.
if [ -x /usr/bin/chromium ] && ! grep -q snap /usr/bin/chromium 2>/dev/null; then
    exit 0
fi
if ls "$HOME"/.cache/ms-playwright/chromium-*/chrome-linux*/chrome >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
   ! grep -qi ubuntu /etc/os-release 2>/dev/null; then
    echo "Installing Chromium from Debian's packages (needed by the browser tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi
cat >&2 <<MSG
error: no Chromium found for the browser tests. Do one of:
  Debian:  sudo apt-get install chromium
  Ubuntu:  .venv/bin/python -m playwright install chromium
  any:     export CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
