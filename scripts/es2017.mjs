#!/usr/bin/env node
// Makes trunk's output load in old webviews (old WeChat XWeb reports Chromium 78):
// - trunk's loader in index.html awaits at the top level of a module (Chromium 89, Safari 15):
//   it becomes a promise chain;
// - wasm-bindgen's glue uses optional chaining `?.` (Chromium 80): each known use is rewritten.
// Then the subresource-integrity hashes of the changed files are recomputed, and the build
// fails if any `?.` or `??` is left, so a new wasm-bindgen version cannot slip one past.
//
// Run by trunk as a post_build hook (on $TRUNK_STAGING_DIR), or: node scripts/es2017.mjs dist

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist";
const fail = (msg) => {
  console.error(`es2017: ${msg}`);
  process.exit(1);
};

// Known optional chaining in wasm-bindgen 0.2.130's glue (debug-string of a JS value).
const KNOWN = [
  [
    "/\\[object ([^\\]]+)\\]/.exec(toStringOutput)?.[1]",
    "(/\\[object ([^\\]]+)\\]/.exec(toStringOutput) || [])[1]",
  ],
];

const sri = (data) => "sha384-" + createHash("sha384").update(data).digest("base64");
let html = readFileSync(join(dir, "index.html"), "utf8");

for (const name of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
  const path = join(dir, name);
  const before = readFileSync(path, "utf8");
  let js = before;
  for (const [from, to] of KNOWN) js = js.split(from).join(to);
  // Crude but safe: the glue has no `?.` or `??` inside strings or regular expressions.
  const left = js.split("\n").map((l, i) => [i + 1, l]).filter(([, l]) => /\?\.(?!\d)|\?\?/.test(l));
  if (left.length) {
    fail(`${name} still uses syntax newer than ES2017:\n` + left.map(([n, l]) => `  ${n}: ${l.trim()}`).join("\n"));
  }
  if (js !== before) {
    writeFileSync(path, js);
    html = html.split(sri(before)).join(sri(js));
  }
}

// trunk's loader: `const wasm = await init(...); ...rest` → `init(...).then(function (wasm) { ...rest });`
html = html.replace(
  /(<script type="module">[\s\S]*?)const wasm = await (init\([^;]*\));([\s\S]*?)(<\/script>)/,
  (_, head, call, rest, end) => `${head}${call}.then(function (wasm) {${rest}});\n${end}`,
);
for (const m of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
  if (/\bawait\b/.test(m[1])) fail("index.html: trunk's loader still awaits at the top level");
}
writeFileSync(join(dir, "index.html"), html);
console.log("es2017: loader and glue rewritten for ES2017 webviews");
