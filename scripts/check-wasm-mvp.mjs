#!/usr/bin/env node
// Fails when a .wasm file uses anything beyond WebAssembly 1.0 (MVP) + mutable globals, the
// features every webview the city's citizens use can load (old WeChat XWeb is Chromium 78).
//
// Usage: node scripts/check-wasm-mvp.mjs [file.wasm | dir]...
// With no argument it checks $TRUNK_STAGING_DIR (trunk's post_build hook) or dist/.
//
// The validator is binaryen's wasm-opt (node_modules/.bin/wasm-opt, or $WASM_OPT) run with
// `--mvp-features --enable-mutable-globals`: its validator rejects sign extension, reference
// types, bulk memory, multi-value and saturating conversions. One trap: when a module carries
// a `target_features` custom section (an un-optimised build does), wasm-opt turns on the
// features that section lists and then accepts them. So this script first removes that
// section, then validates; it also reports what the section claimed.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const localWasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
const wasmOpt = process.env.WASM_OPT || (existsSync(localWasmOpt) ? localWasmOpt : "wasm-opt");

function leb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, at];
}

/** Splits a module into its sections: [{ id, name?, start, end, payloadStart }]. */
function sections(bytes) {
  const magic = bytes.subarray(0, 8).toString("hex");
  if (magic !== "0061736d01000000") throw new Error("not a WebAssembly 1 binary");
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const payloadStart = at;
    const end = at + size;
    const s = { id, start, end, payloadStart };
    if (id === 0) {
      let len, p;
      [len, p] = leb(bytes, at);
      s.name = bytes.subarray(p, p + len).toString("utf8");
      s.contentStart = p + len;
    }
    out.push(s);
    at = end;
  }
  return out;
}

/** The features a target_features section lists, e.g. ["+mutable-globals", "+sign-ext"]. */
function claimedFeatures(bytes, s) {
  let [count, at] = leb(bytes, s.contentStart);
  const features = [];
  for (let i = 0; i < count; i++) {
    const prefix = String.fromCharCode(bytes[at++]);
    let len;
    [len, at] = leb(bytes, at);
    features.push(prefix + bytes.subarray(at, at + len).toString("utf8"));
    at += len;
  }
  return features;
}

function check(file, scratch) {
  const bytes = readFileSync(file);
  const all = sections(bytes);
  const tf = all.filter((s) => s.id === 0 && s.name === "target_features");
  const claimed = tf.flatMap((s) => claimedFeatures(bytes, s));
  const kept = all.filter((s) => !tf.includes(s));
  const stripped = Buffer.concat([bytes.subarray(0, 8), ...kept.map((s) => bytes.subarray(s.start, s.end))]);
  const tmp = join(scratch, "stripped.wasm");
  writeFileSync(tmp, stripped);
  try {
    execFileSync(wasmOpt, ["--mvp-features", "--enable-mutable-globals", tmp, "-o", "/dev/null"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const log = String(e.stderr || e.stdout || e.message).split("\n").filter((l) => !l.startsWith("warning: no passes")).slice(0, 12).join("\n");
    console.error(`check-wasm-mvp: ${file} uses WebAssembly features beyond 1.0 + mutable-globals:`);
    console.error(log);
    if (claimed.length) console.error(`  (its target_features section claims: ${claimed.join(" ")})`);
    console.error("  Was RUSTFLAGS set? It replaces the rustflags of .cargo/config.toml.");
    return false;
  }
  const extra = claimed.filter((f) => f.startsWith("+") && f !== "+mutable-globals");
  const note = extra.length ? ` (section claims ${extra.join(" ")} but none is used)` : "";
  console.log(`check-wasm-mvp: ${file}: WebAssembly 1.0 + mutable-globals, ${bytes.length} bytes${note}`);
  return true;
}

function wasmFiles(path) {
  if (statSync(path).isDirectory()) {
    // Recursive: the split build keeps its main module and chunks under pkg/<build id>/.
    return readdirSync(path, { recursive: true }).filter((f) => f.endsWith(".wasm")).map((f) => join(path, f));
  }
  return [path];
}

const targets = process.argv.slice(2);
if (!targets.length) targets.push(process.env.TRUNK_STAGING_DIR || join(root, "dist"));
const files = targets.flatMap(wasmFiles);
if (!files.length) {
  console.error(`check-wasm-mvp: no .wasm file in ${targets.join(", ")}`);
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), "wasm-mvp-"));
let ok = true;
try {
  for (const f of files) ok = check(f, scratch) && ok;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
