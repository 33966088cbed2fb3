#!/usr/bin/env bash
# Runs the Playwright suite in Debian's Chromium against a real server on a free port with a
# fresh database. Usage: scripts/e2e.sh path/to/lianban-server [playwright arguments, e.g. a spec]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/start-server.sh "$1"
shift
# The database file too: a test that needs a booking made days ago moves one to today.
LIANBAN_BASE_URL="$BASE_URL" LIANBAN_E2E_DATABASE="${work}/lianban.db" npx playwright test "$@"
