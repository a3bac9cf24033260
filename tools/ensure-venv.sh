#!/bin/sh
# Debian and Ubuntu ship Python's venv module in a separate package.
set -e
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python3-venv from Debian's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
else
    echo "error: Python's venv module is missing. Run: sudo apt-get install python3-venv" >&2
    exit 1
fi
