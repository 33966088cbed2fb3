#!/usr/bin/env bash
# The budgets of design.md, measured: the SPA's first-load size, and the catalogue's read
# throughput and latency on this machine (wrk, loopback only, bounded in time).
# Usage: scripts/bench.sh path/to/lianban-server
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== SPA first load (index.html + JS + Wasm + CSS)"
node scripts/first-load-size.mjs dist
source scripts/start-server.sh "$1"
q=$(node -e 'console.log(encodeURIComponent("营业执照"))')
for path in "/api/v1/matters?per_page=20" "/api/v1/matters?q=${q}" "/api/v1/matters/SCJG-001" "/api/v1/themes/open-restaurant" "/api/v1/halls"; do
  echo; echo "== GET ${path}  (wrk: 2 threads, 64 connections, 10 s)"
  wrk -t2 -c64 -d10s --latency "${BASE_URL}${path}" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors' || true
done

echo; echo "== booking rush"
node scripts/booking-rush.mjs "$BASE_URL" 300 3
echo; echo "== Lighthouse, mobile: home, a guide, a theme, a hall"; node scripts/lighthouse.mjs "$BASE_URL"
