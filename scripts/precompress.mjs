#!/usr/bin/env node
// Writes `.br` and `.gz` siblings of the built SPA's text and Wasm files, so the server sends
// them as they are (tower-http's precompressed_br/precompressed_gzip) instead of compressing on
// every request. Brotli at quality 11, gzip at level 9; a sibling is kept only if smaller.
//
// Usage: node scripts/precompress.mjs [dist]

import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const COMPRESSIBLE = /\.(html|js|mjs|wasm|css|svg|json|webmanifest|txt|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(name)) yield path;
  }
}

const dist = process.argv[2] || "dist";
let count = 0;
for (const path of files(dist)) {
  const raw = readFileSync(path);
  const variants = [
    [".br", brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    })],
    [".gz", gzipSync(raw, { level: 9 })],
  ];
  for (const [ext, data] of variants) {
    try { unlinkSync(path + ext); } catch {}
    if (data.length < raw.length) {
      writeFileSync(path + ext, data);
      count++;
    }
  }
}
console.log(`precompress: wrote ${count} .br/.gz files in ${dist}`);
