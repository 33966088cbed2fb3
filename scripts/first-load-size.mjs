#!/usr/bin/env node
// Prints what a phone downloads before the home page is usable — index.html and the JS, Wasm
// and CSS it references — raw, gzip and brotli, and fails when brotli exceeds the budget.
//
// Usage: node scripts/first-load-size.mjs [dist] [--max-brotli-kb 250]
// (1 KB = 1000 bytes here, the stricter reading of the budget.)

import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const at = args.indexOf("--max-brotli-kb");
const max = at >= 0 ? Number(args.splice(at, 2)[1]) : Infinity;
const dist = args[0] || "dist";

const html = readFileSync(join(dist, "index.html"), "utf8");
// Every same-origin asset the page loads at start: scripts, modulepreloads, stylesheets, and
// the Wasm named in trunk's loader.
const refs = new Set();
for (const m of html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']\/?([^"'?#]+\.(?:js|wasm|css))["']/g)) {
  refs.add(m[1]);
}

const brotli = (b) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const rows = [["index.html", Buffer.from(html)], ...[...refs].sort().map((r) => [r, readFileSync(join(dist, r))])];
let total = { raw: 0, gzip: 0, brotli: 0 };
console.log("file".padEnd(44), "raw".padStart(9), "gzip".padStart(9), "brotli".padStart(9));
for (const [name, data] of rows) {
  const s = { raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli(data) };
  for (const k of Object.keys(total)) total[k] += s[k];
  console.log(name.padEnd(44), String(s.raw).padStart(9), String(s.gzip).padStart(9), String(s.brotli).padStart(9));
}
console.log("total".padEnd(44), String(total.raw).padStart(9), String(total.gzip).padStart(9), String(total.brotli).padStart(9));
if (!refs.size) {
  console.error("first-load-size: index.html references no JS, Wasm or CSS — is this trunk's output?");
  process.exit(1);
}
if (total.brotli > max * 1000) {
  console.error(`first-load-size: ${total.brotli} bytes brotli exceeds the budget of ${max} KB`);
  process.exit(1);
}
console.log(`first-load-size: within budget (${(total.brotli / 1000).toFixed(1)} KB of ${max} KB brotli)`);
