#!/usr/bin/env node
// Lighthouse (the npm package pinned in package.json), mobile preset, in Debian's Chromium:
// the home page, a matter's guide, a theme and a hall, each run three times against a running
// server; prints the median performance, LCP, TBT, CLS, accessibility and best practices of
// each page against design.md's budgets, and the audits that cost points. Timing figures are
// benchmarks: this script reports, it never fails a build on them.
//
// Usage: node scripts/lighthouse.mjs BASE_URL [--runs N] [--out DIR]
// Never downloads a browser: CHROME_PATH defaults to /usr/bin/chromium.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const base = args.find((a) => !a.startsWith('--'))?.replace(/\/$/, '');
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
if (!base) {
  console.error('usage: node scripts/lighthouse.mjs BASE_URL [--runs N] [--out DIR]');
  process.exit(2);
}
const runs = Number(option('--runs', '3'));
const out = option('--out', null);

const PAGES = [
  ['home', '/'],
  ['matter', '/matters/SCJG-001'],
  ['theme', '/themes/open-restaurant'],
  ['hall', '/halls/city-centre'],
];
// design.md's budgets.
const TARGETS = { performance: 0.95, lcp: 2000, tbt: 150, cls: 0.02, accessibility: 1, bestPractices: 1 };
const CHROME_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
].join(' ');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');

function lighthouse(url, reportPath, profile) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        cli, url,
        '--output=json', `--output-path=${reportPath}`,
        '--only-categories=performance,accessibility,best-practices',
        `--chrome-flags=${CHROME_FLAGS} --user-data-dir=${profile}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, maxBuffer: 64 << 20 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${url}: ${stderr || error.message}`)) : resolve()),
    );
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'lianban-lighthouse-'));
if (out) mkdirSync(out, { recursive: true });
const rows = [];
try {
  for (const [name, path] of PAGES) {
    const samples = [];
    const lost = new Map();
    for (let i = 0; i < runs; i++) {
      const report = join(work, `${name}-${i}.json`);
      // A fresh profile each run: no cache, no service worker, no storage from the last one.
      const profile = mkdtempSync(join(work, 'profile-'));
      await lighthouse(`${base}${path}`, report, profile);
      const lhr = JSON.parse(readFileSync(report, 'utf8'));
      if (out) writeFileSync(join(out, `${name}-${i}.json`), JSON.stringify(lhr));
      const c = lhr.categories;
      const a = lhr.audits;
      samples.push({
        performance: c.performance.score,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        accessibility: c.accessibility.score,
        bestPractices: c['best-practices'].score,
        lcpElement: a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
      });
      for (const category of ['accessibility', 'best-practices']) {
        for (const ref of c[category].auditRefs) {
          const audit = a[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) lost.set(ref.id, audit.title);
        }
      }
      rmSync(profile, { recursive: true, force: true });
    }
    const m = {};
    for (const k of Object.keys(TARGETS)) m[k] = median(samples.map((s) => s[k]));
    rows.push({ name, path, m, lost, lcpElement: samples[0].lcpElement });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const mark = (ok) => (ok ? ' ' : '!');
console.log(`Lighthouse ${JSON.parse(readFileSync(join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version}, mobile, median of ${runs} (! = misses design.md's budget)`);
console.log('page     performance   LCP ms   TBT ms     CLS   accessibility  best practices');
for (const { name, m } of rows) {
  console.log(
    `${name.padEnd(8)} ${m.performance.toFixed(2).padStart(10)}${mark(m.performance >= TARGETS.performance)}` +
      ` ${Math.round(m.lcp).toString().padStart(7)}${mark(m.lcp <= TARGETS.lcp)}` +
      ` ${Math.round(m.tbt).toString().padStart(7)}${mark(m.tbt <= TARGETS.tbt)}` +
      ` ${m.cls.toFixed(3).padStart(7)}${mark(m.cls <= TARGETS.cls)}` +
      ` ${m.accessibility.toFixed(2).padStart(14)}${mark(m.accessibility >= TARGETS.accessibility)}` +
      ` ${m.bestPractices.toFixed(2).padStart(15)}${mark(m.bestPractices >= TARGETS.bestPractices)}`,
  );
}
for (const { name, path, lost, lcpElement } of rows) {
  if (lcpElement) console.log(`${name} (${path}): LCP element ${lcpElement}`);
  for (const [id, title] of lost) console.log(`${name} (${path}) loses points on ${id}: ${title}`);
}
