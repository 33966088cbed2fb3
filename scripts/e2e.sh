#!/usr/bin/env bash
# Runs the Playwright suite in Debian's Chromium against a real server on a free port with a
# fresh database. Usage: scripts/e2e.sh path/to/lianban-server
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/start-server.sh "$1"
LIANBAN_BASE_URL="$BASE_URL" npx playwright test
