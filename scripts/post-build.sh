#!/usr/bin/env bash
# trunk's post_build hook. trunk runs the hooks of one stage at the same time, so the steps
# that depend on each other are one hook, in order: build the split Wasm into the staging
# directory, make every script ES2017, check every module is WebAssembly 1.0.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build-wasm.mjs
node scripts/es2017.mjs
node scripts/check-wasm-mvp.mjs
