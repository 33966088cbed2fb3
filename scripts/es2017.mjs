#!/usr/bin/env node
// Every script the page loads must run in old webviews (old WeChat XWeb reports Chromium 78):
// - wasm-bindgen's glue uses optional chaining `?.` (Chromium 80): each known use is rewritten;
// - then every .js file of the build and every inline module script of index.html is parsed
//   as ES2017 (acorn), and the build fails on anything newer (`?.`, `??`, `import.meta`,
//   top-level await, class fields, BigInt literals...), so a new tool version cannot slip one
//   past.
// In a release build (TRUNK_PROFILE=release, trunk's default here) the .js files are minified
// after the rewrite (terser, ES2017 out, export names kept) and parsed again.
//
// Run by trunk's post_build hook (scripts/post-build.sh, on $TRUNK_STAGING_DIR), or:
// node scripts/es2017.mjs dist

import { parse } from "acorn";
import { minify } from "terser";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist";
const release = (process.env.TRUNK_PROFILE || "release") === "release";
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

function check(source, name, sourceType) {
  try {
    parse(source, { ecmaVersion: 2017, sourceType });
  } catch (e) {
    const line = source.split("\n")[e.loc.line - 1] || "";
    fail(`${name}:${e.loc.line}:${e.loc.column}: not ES2017 (${e.message})\n  ${line.trim().slice(0, 160)}`);
  }
}

let count = 0;
for (const name of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js"))) {
  const path = join(dir, name);
  const before = readFileSync(path, "utf8");
  let js = before;
  for (const [from, to] of KNOWN) js = js.split(from).join(to);
  check(js, name, "module");
  if (release) {
    js = (await minify(js, { module: true, ecma: 2017, compress: { passes: 2 } })).code;
    check(js, `${name} (minified)`, "module");
  }
  if (js !== before) writeFileSync(path, js);
  count++;
}

const html = readFileSync(join(dir, "index.html"), "utf8");
for (const m of html.matchAll(/<script(?: type="(module)")?>([\s\S]*?)<\/script>/g)) {
  check(m[2], "index.html (inline script)", m[1] ? "module" : "script");
  count++;
}
console.log(`es2017: ${count} scripts parse as ES2017`);
