// Shared by the browser tests: a static server over the built site and a
// headless Chromium (Debian's, never a downloaded one).
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The built site: $ZAPDOC_PUBLIC, else public/ at the repository root. */
export const PUBLIC = resolve(process.env.ZAPDOC_PUBLIC || join(here, '..', '..', 'public'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.otf': 'font/otf', '.woff2': 'font/woff2', '.png': 'image/png',
  '.json': 'application/json', '.fz': 'text/plain; charset=utf-8',
};

/** The language prefixes of the built site: every top-level folder with
 *  its own 404 page (`zh/`, `fr/`). */
async function languagePrefixes() {
  const entries = await readdir(PUBLIC, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const found = await Promise.all(dirs.map(async (d) => ((await stat(join(PUBLIC, d, '404.html')).catch(() => null)) ? d : null)));
  return found.filter(Boolean).sort();
}

/** Serve PUBLIC on a free loopback port, like a static host: `dir/` → `dir/index.html`,
 *  anything missing → the 404 page of its language (`/zh/…` → `zh/404.html`, as the
 *  configuration docs tell hosts to) with status 404. */
export async function serve() {
  const prefixes = await languagePrefixes();
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(PUBLIC, path));
      if (file !== PUBLIC && !file.startsWith(PUBLIC + sep)) throw new Error('outside');
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      const first = new URL(req.url, 'http://x').pathname.split('/')[1];
      const page = prefixes.includes(first) ? join(first, '404.html') : '404.html';
      const body = await readFile(join(PUBLIC, page)).catch(() => 'not found');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(body);
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

/** One server and one browser shared by every test module of a run;
 *  `closeSite` (called once, by gallery.test.mjs) ends both. */
let shared = null;
export function site() {
  shared ??= (async () => ({ server: await serve(), browser: await launch() }))();
  return shared;
}
export async function closeSite() {
  if (!shared) return;
  const { server, browser } = await shared;
  shared = null;
  await browser.close();
  await server.close();
}

/** Chromium with a fresh profile, removed on close. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'zapdoc-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: 'shell',
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}

/** Every page of the site (the folders holding an `index.html`; a site
 *  built with a root-relative base_url has no sitemap), plus the 404 page
 *  of every language. */
export async function sitePaths() {
  const paths = [];
  const walk = async (dir, url) => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'index.html')) paths.push(url);
    for (const e of entries) if (e.isDirectory()) await walk(join(dir, e.name), `${url}${e.name}/`);
  };
  await walk(PUBLIC, '/');
  const notFound = ['/404.html', ...(await languagePrefixes()).map((p) => `/${p}/404.html`)];
  return paths.sort().concat(notFound);
}

/** Open `url` in a new page, recording console errors, page errors and
 *  failed or 4xx/5xx requests (the 404 page's own status excepted). */
export async function open(browser, url, { width = 1280, height = 900, dark = false, js = true } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.url() === url && url.endsWith('/404.html'))) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.setJavaScriptEnabled(js);
  await page.setViewport({ width, height });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return { page, problems };
}

/** Geometry of the page as laid out: sideways scrolling and, for every
 *  diagram (card previews included), its size and text outside its shape. */
export function inspect(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const out = {
      scrollWidth: doc.scrollWidth,
      clientWidth: doc.clientWidth,
      diagrams: [],
    };
    document.querySelectorAll('svg.fz').forEach((svg, i) => {
      // A view the gallery's switcher hides (display: none) is not on screen.
      if (!svg.getClientRects().length) return;
      const r = svg.getBoundingClientRect();
      const where = svg.closest('.card') ? `card preview ${i}` : `diagram ${i}`;
      const d = { where, width: r.width, height: r.height, nodes: 0, overflows: [], cut: '' };
      // A diagram in a figure is shown whole: inside its figure, which
      // neither scrolls nor leaves the window.
      const fig = svg.parentElement && svg.parentElement.matches('figure.diagram') ? svg.parentElement : null;
      if (fig) {
        const f = fig.getBoundingClientRect();
        if (r.left < f.left - 1 || r.right > f.right + 1 || r.top < f.top - 1 || r.bottom > f.bottom + 1) {
          d.cut = `diagram ${Math.round(r.width)}×${Math.round(r.height)} at ${Math.round(r.left)} outside its figure (${Math.round(f.left)}–${Math.round(f.right)})`;
        } else if (fig.scrollWidth > fig.clientWidth + 1) {
          d.cut = `figure scrolls: ${fig.scrollWidth} px in ${fig.clientWidth} px`;
        } else if (f.left < -1 || f.right > doc.clientWidth + 1) {
          d.cut = `figure ${Math.round(f.left)}–${Math.round(f.right)} outside the ${doc.clientWidth} px window`;
        }
      }
      // Steps of the workflow and sequence views, components of the architecture.
      for (const g of svg.querySelectorAll('g.fz-node, g.fz-component')) {
        d.nodes++;
        const shape = g.querySelector('rect, circle, ellipse, polygon, path');
        const box = (shape || g).getBoundingClientRect();
        if (box.width <= 0 || box.height <= 0) d.overflows.push(`${g.dataset.node}: shape has no size`);
        const scale = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? r.width / svg.viewBox.baseVal.width : 1;
        const tol = 1.5 * Math.max(scale, 0.2);
        for (const t of g.querySelectorAll('text')) {
          const tr = t.getBoundingClientRect();
          if (tr.width === 0) continue;
          if (tr.left < box.left - tol || tr.right > box.right + tol || tr.top < box.top - tol || tr.bottom > box.bottom + tol) {
            d.overflows.push(`${g.dataset.node}: "${t.textContent}" outside its shape`);
          }
        }
      }
      out.diagrams.push(d);
    });
    return out;
  });
}
