#!/usr/bin/env bash
# The first-load budget per route (scripts/first-load-budgets.json), measured in Chromium
# against a real server serving dist/. Usage: scripts/route-size.sh path/to/lianban-server
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/start-server.sh "$1"
node scripts/route-size.mjs "$BASE_URL" "${@:2}"
