#!/usr/bin/env bash
# The clerk's work list and 办件查询 with many cases on record: seeds COUNT (default 20000)
# cases into a fresh database (crates/server/examples/seed_cases.rs), starts the server on it
# and measures each with wrk (2 threads, 64 connections, 10 s, loopback).
# Usage: scripts/bench-cases.sh path/to/lianban-server [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
server_bin=$1
count=${2:-20000}
cargo build --release --quiet --example seed_cases -p lianban-server
work=$(mktemp -d)
port=$(python3 scripts/free-port.py)
base="http://127.0.0.1:${port}"
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  wait "${server_pid:-}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "== seeding ${count} cases"
start=$(date +%s)
./target/release/examples/seed_cases "sqlite://${work}/lianban.db" "$count" "${work}/numbers.txt" 2>/dev/null
echo "seeded in $(( $(date +%s) - start )) s"
"$server_bin" --listen "127.0.0.1:${port}" --database "sqlite://${work}/lianban.db" \
  --static-dir dist --data-dir data --upload-dir "${work}/uploads" --dev >"${work}/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "${base}/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
cookie=$(curl -fsS -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"scjgj.demo","password":"lianban-demo-2026"}' "${base}/api/v1/clerk/sessions" \
  | tr -d '\r' | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }')
echo; echo "== GET /api/v1/clerk/sub-cases  (the 市场监管局's work list, page 1 of its open sub-cases)"
wrk -t2 -c64 -d10s --latency -H "Cookie: ${cookie}" "${base}/api/v1/clerk/sub-cases" \
  | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors' || true
echo; echo "== GET /api/v1/clerk/sub-cases?page=50  (deep in the list)"
wrk -t2 -c64 -d10s --latency -H "Cookie: ${cookie}" "${base}/api/v1/clerk/sub-cases?page=50" \
  | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors' || true
# 办件查询 with right codes, a different case on each request (wrong codes would lock them).
cat >"${work}/track.lua" <<LUA
local cases = {}
for line in io.lines("${work}/numbers.txt") do
  local n, c = line:match("(%S+) (%S+)")
  cases[#cases + 1] = '{"number":"' .. n .. '","code":"' .. c .. '"}'
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/track", { ["Content-Type"] = "application/json" }, cases[(i % #cases) + 1])
end
LUA
echo; echo "== POST /api/v1/track  (right number and code, ${count} cases in turn)"
wrk -t2 -c64 -d10s --latency -s "${work}/track.lua" "${base}" \
  | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors' || true
