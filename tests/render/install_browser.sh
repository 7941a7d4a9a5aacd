#!/usr/bin/env bash
# Installs Debian's chromium (and its driver) for the HTML report's browser tests, if missing.
# For workstations: without a browser those tests skip with a clear reason. Under CI (CI set)
# they fail instead, and so does this script when it cannot install the browser; .ci/run
# installs it with the other system packages.
set -u
fail() {
    echo "install_browser: $1; browser tests will skip (and fail under CI)" >&2
    case "${CI:-}" in "" | 0 | false | no) exit 0 ;; *) exit 1 ;; esac
}
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
    fail "not root and no sudo"
fi
command -v apt-get >/dev/null 2>&1 || fail "no apt-get"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq </dev/null >/dev/null 2>&1 || true
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver </dev/null >/dev/null 2>&1; then
    fail "apt-get install chromium failed"
fi
exit 0
