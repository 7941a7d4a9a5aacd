#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report's browser tests, if missing.
# Never fails: without a browser those tests skip with a clear reason.
set -u
for bin in chromium chromium-browser; do
    if command -v "$bin" >/dev/null 2>&1; then
        exit 0
    fi
done
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install_browser: not root and no sudo; browser tests will skip" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get; browser tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
    echo "install_browser: apt-get install chromium failed; browser tests will skip" >&2
fi
exit 0
