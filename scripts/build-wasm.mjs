#!/usr/bin/env node
// Builds the SPA's Wasm, split into a main module and one chunk per area (route-level
// splitting), and writes it with its loader into trunk's staging directory.
//
//   cargo build (wasm32, relocations kept) → wasm-split-cli (main + chunks + __wasm_split.js)
//   → wasm-bindgen on the main module → wasm-opt -Oz on every module (release)
//   → /pkg/<build id>/ in the staging directory → the loader tags in index.html
//
// trunk 0.21 cannot split (its Rust pipeline runs wasm-bindgen straight after cargo), so
// index.html has no `data-trunk rel="rust"` link and trunk runs this as a post_build hook
// (scripts/post-build.sh). All files of one build live under one directory named after the
// hash of their contents: the chunks import the main module by a relative name, so the names
// inside the files stay as the tools wrote them and the directory is cached for a year.
//
// Usage: node scripts/build-wasm.mjs [staging dir]   (TRUNK_PROFILE=debug for a debug build)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const staging = process.argv[2] || process.env.TRUNK_STAGING_DIR || join(root, "dist");
const release = (process.env.TRUNK_PROFILE || "release") === "release";
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const fail = (msg) => {
  console.error(`build-wasm: ${msg}`);
  process.exit(1);
};
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });

// 1. The Wasm, with its relocations: wasm-split needs them to move functions between modules.
// Offline, like trunk (Trunk.toml): the Makefile runs `cargo fetch` first.
const cargoArgs = ["build", "--locked", "--offline", "--target", "wasm32-unknown-unknown", "-p", "lianban", "--bin", "lianban"];
if (release) cargoArgs.push("--release");
run("cargo", cargoArgs);
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
const input = join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", "lianban.wasm");

// 2. Split at each area's #[wasm_split] function.
const work = join(targetDir, "wasm-split", release ? "release" : "debug");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
run("wasm-split-cli", [input, work, "--target", "web", "--out-name", "lianban"]);

// 3. wasm-bindgen on the main module; it must keep the exports the chunks link against.
const bindgen = join(work, "bindgen");
run("wasm-bindgen", [
  "--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
  "--out-dir", bindgen, "--out-name", "lianban", join(work, "lianban.wasm"),
]);

// 4. The files of this build: the glue, the main module, the chunk loader and the chunks.
const files = new Map();
files.set("lianban.js", readFileSync(join(bindgen, "lianban.js")));
files.set("lianban_bg.wasm", readFileSync(join(bindgen, "lianban_bg.wasm")));
if (existsSync(join(bindgen, "snippets"))) fail("wasm-bindgen wrote snippets; copy them too");
for (const name of readdirSync(work)) {
  if (name === "__wasm_split.js" || (name.endsWith(".wasm") && name !== "lianban.wasm")) {
    files.set(name, readFileSync(join(work, name)));
  }
}
const chunks = [...files.keys()].filter((n) => n.endsWith(".wasm") && n !== "lianban_bg.wasm");
if (!files.has("__wasm_split.js") || !chunks.length) fail("wasm-split found no split points");

if (release) {
  // Each module on its own: binaryen's -Oz, WebAssembly 1.0 + mutable globals only.
  const wasmOpt = existsSync(join(root, "node_modules/.bin/wasm-opt")) ? join(root, "node_modules/.bin/wasm-opt") : "wasm-opt";
  for (const [name] of files) {
    if (!name.endsWith(".wasm")) continue;
    const path = join(work, `opt-${name}`);
    writeFileSync(path, files.get(name));
    run(wasmOpt, ["-Oz", "--mvp-features", "--enable-mutable-globals", "--strip-target-features", "--strip-debug", "--strip-producers", path, "-o", path]);
    files.set(name, readFileSync(path));
  }
}

// 5. One directory per build, named after the contents; `import.meta` (ES2020) is replaced by
// that directory's address, so every file parses as ES2017 for old webviews.
const id = createHash("sha256");
for (const [name, data] of [...files].sort()) id.update(name).update(data);
const buildId = id.digest("hex").slice(0, 16);
const base = `${publicUrl}pkg/${buildId}/`;
for (const name of ["lianban.js", "__wasm_split.js"]) {
  const here = `new URL(${JSON.stringify(base)}, location.href).href`;
  let js = files.get(name).toString("utf8").split("import.meta.url").join(here);
  files.set(name, Buffer.from(js));
}
const out = join(staging, "pkg", buildId);
rmSync(join(staging, "pkg"), { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [name, data] of files) writeFileSync(join(out, name), data);

// 6. The loader. The page's first screen is already in the HTML (the static shell, or the
// server's paint of a deep link), so the Wasm is fetched only once that has been painted: a
// preload would race the paint for the phone's bandwidth and push the largest contentful
// paint back (measured in Lighthouse: 3.5 s with the preload, about 1 s without). The two
// small scripts are preloaded; `init` resolves relative URLs against the page, hence absolute.
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");
const tags = [
  `<link rel="modulepreload" href="${base}lianban.js">`,
  `<link rel="modulepreload" href="${base}__wasm_split.js">`,
  // After the next frame; a hidden page (no frames) starts after 300 ms all the same.
  `<script type="module">import init from "${base}lianban.js"; var started = false; function start() { if (!started) { started = true; init({ module_or_path: "${base}lianban_bg.wasm" }); } } requestAnimationFrame(function () { setTimeout(start, 0); }); setTimeout(start, 300);</script>`,
].join("\n  ");
if (!html.includes("</head>")) fail("index.html has no </head>");
html = html.replace("</head>", `  ${tags}\n</head>`);
writeFileSync(htmlPath, html);
console.log(`build-wasm: ${files.size} files in pkg/${buildId}/ (main + ${chunks.length} chunks)`);
