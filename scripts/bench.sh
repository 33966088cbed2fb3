#!/usr/bin/env bash
# The budgets of design.md, measured: the SPA's first load per route, and the catalogue's read
# throughput and latency on this machine (wrk, loopback only, bounded in time).
# Usage: scripts/bench.sh path/to/lianban-server
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/start-server.sh "$1"
echo "== SPA first load per route (Chromium, to network idle; KB)"
node scripts/route-size.mjs "$BASE_URL" --verbose
q=$(node -e 'console.log(encodeURIComponent("营业执照"))')
# measure LABEL PATH [wrk args]: 2 threads, 64 connections, 10 s on one catalogue answer.
measure() {
  local label=$1 path=$2; shift 2
  echo; echo "== GET ${path}${label:+  ($label)}  (wrk: 2 threads, 64 connections, 10 s)"
  wrk -t2 -c64 -d10s --latency "$@" "${BASE_URL}${path}" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors' || true
}
for path in "/api/v1/matters?per_page=20" "/api/v1/matters?q=${q}" "/api/v1/matters/SCJG-001" "/api/v1/themes/open-restaurant" "/api/v1/halls"; do
  measure "" "$path"
done
# What a phone sends: brotli accepted, and the guide it has seen revalidated (304s: wrk
# counts only 4xx and 5xx as Non-2xx).
measure "brotli" "/api/v1/matters/SCJG-001" -H "Accept-Encoding: gzip, deflate, br"
tag=$(curl -fsS -o /dev/null -D - "${BASE_URL}/api/v1/matters/SCJG-001" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')
measure "If-None-Match, 304" "/api/v1/matters/SCJG-001" -H "If-None-Match: ${tag}"

echo; echo "== booking rush"
node scripts/booking-rush.mjs "$BASE_URL" 300 3
echo; scripts/bench-cases.sh "$1" 20000
echo; echo "== Lighthouse, mobile: home, a guide, a theme, a hall"; node scripts/lighthouse.mjs "$BASE_URL"
