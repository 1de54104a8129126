// Page weight: what a reader's browser downloads for each page given
// (default: the home page, the gallery and a template page), by kind (HTML,
// CSS, JS, fonts, other), raw and gzipped (level 9), at 1280 px with a
// cold cache. Fonts count only when the page uses them, as browsers fetch
// them. The site is $ZAPDOC_PUBLIC (default public/), served like the tests.
//
//   ZAPDOC_PUBLIC=../../public CHROMIUM=$(command -v chromium) node weight.mjs [PATH…]
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { PUBLIC, launch, serve } from './harness.mjs';

const paths = process.argv.slice(2);
if (paths.length === 0) paths.push('/', '/templates/', '/templates/webhook-integration/');

function kind(url, type) {
  if (/\.(woff2?|otf|ttf)$/.test(url) || type === 'font') return 'fonts';
  if (url.endsWith('.css') || type === 'stylesheet') return 'CSS';
  if (url.endsWith('.js') || type === 'script') return 'JS';
  if (type === 'document') return 'HTML';
  return 'other';
}

const server = await serve();
const browser = await launch();
const kinds = ['HTML', 'CSS', 'JS', 'fonts', 'other'];
const kb = (n) => (n / 1024).toFixed(1);
console.log(`site: ${PUBLIC}`);
console.log(`| page | ${kinds.join(' | ')} | total |`);
console.log(`| --- | ${kinds.map(() => '---:').join(' | ')} | ---: |`);
for (const path of paths) {
  const page = await browser.newPage();
  await page.setCacheEnabled(false);
  await page.setViewport({ width: 1280, height: 900 });
  const seen = new Map();
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin === server.base && r.status() === 200) seen.set(url.pathname, r.request().resourceType());
  });
  await page.goto(server.base + path, { waitUntil: 'networkidle0' });
  await page.evaluate(() => document.fonts.ready);
  const sums = Object.fromEntries(kinds.map((k) => [k, { raw: 0, gz: 0 }]));
  for (const [p, type] of seen) {
    let file = join(PUBLIC, decodeURIComponent(p));
    if (p.endsWith('/')) file = join(file, 'index.html');
    const bytes = await readFile(file);
    const k = kind(p, type);
    sums[k].raw += bytes.length;
    sums[k].gz += gzipSync(bytes, { level: 9 }).length;
  }
  const total = kinds.reduce((t, k) => t + sums[k].gz, 0);
  console.log(`| ${path} | ${kinds.map((k) => (sums[k].raw ? `${kb(sums[k].gz)} (${kb(sums[k].raw)})` : '—')).join(' | ')} | ${kb(total)} |`);
  await page.close();
}
console.log('KB gzipped (raw in brackets)');
await browser.close();
await server.close();
