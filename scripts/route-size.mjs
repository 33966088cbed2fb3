#!/usr/bin/env node
// What a phone downloads before each route is usable, measured in a real browser: Chromium
// opens the route with an empty cache and waits until the network is idle; every same-origin
// file it fetched (the page, its JS and the chunks that JS imports, the Wasm modules, CSS,
// fonts, the favicon and the manifest, the first screen's API calls) is then fetched again as
// a phone would get it over HTTPS (brotli), over plain HTTP (gzip) and uncompressed, and summed.
// Fails when a route's brotli total is over its budget in scripts/first-load-budgets.json.
//
// Usage: node scripts/route-size.mjs <base url> [--only /route] [--verbose]
// (1 KB = 1000 bytes here, the stricter reading of the budget.)

import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const only = flag("--only");
const verbose = args.includes("--verbose");
const base = args.find((a) => a.startsWith("http"));
if (!base) {
  console.error("usage: node scripts/route-size.mjs <base url> [--only /route] [--verbose]");
  process.exit(2);
}
const { routes } = JSON.parse(readFileSync(join(root, "scripts/first-load-budgets.json"), "utf8"));

/** The body's size on the wire for one Accept-Encoding (node's http does not decompress). */
function wireSize(url, encoding) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": encoding } }, (res) => {
      let n = 0;
      res.on("data", (c) => (n += c.length));
      res.on("end", () => resolve({ status: res.statusCode, bytes: n, encoding: res.headers["content-encoding"] || "identity" }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const origin = new URL(base).origin;
let failed = false;
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
console.log("route".padEnd(38), "files", "    raw", "   gzip", " brotli", " budget");
try {
  for (const [route, budgetKb] of Object.entries(routes)) {
    if (only && route !== only) continue;
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN" });
    const page = await context.newPage();
    const fetched = new Set();
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.origin === origin) fetched.add(url.pathname + url.search);
    });
    await page.goto(base + route, { waitUntil: "networkidle" });
    // Browsers ask for the favicon and the manifest on their own time; count them always.
    for (const sel of ['link[rel="icon"]', 'link[rel="manifest"]']) {
      const href = await page.locator(sel).first().getAttribute("href").catch(() => null);
      if (href) fetched.add(new URL(href, base).pathname);
    }
    await context.close();
    const total = { raw: 0, gzip: 0, br: 0 };
    const rows = [];
    for (const path of [...fetched].sort()) {
      const [raw, gzip, br] = await Promise.all(
        ["identity", "gzip", "br"].map((e) => wireSize(origin + path, e)),
      );
      total.raw += raw.bytes;
      total.gzip += gzip.bytes;
      total.br += br.bytes;
      rows.push([path, raw.status, raw.bytes, gzip.bytes, br.bytes]);
    }
    const over = total.br > budgetKb * 1000;
    failed ||= over;
    console.log(route.padEnd(38), String(fetched.size).padStart(5), kb(total.raw), kb(total.gzip), kb(total.br), String(budgetKb).padStart(7), over ? " OVER BUDGET" : "");
    if (verbose || over) {
      for (const [path, status, raw, gzip, br] of rows) {
        console.log("   ", path.slice(0, 60).padEnd(60), status, kb(raw), kb(gzip), kb(br));
      }
    }
  }
} finally {
  await browser.close();
}
if (failed) {
  console.error("route-size: a route's first load is over its budget (scripts/first-load-budgets.json)");
  process.exit(1);
}
console.log("route-size: every route within its budget (KB brotli, 1 KB = 1000 bytes)");
