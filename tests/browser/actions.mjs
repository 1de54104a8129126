// What the build writes for readers to take away, in every language: a
// template's "Download .fz" is exactly the code shown, "Open in FlowZap"
// carries that code (base64url in `?code=`), "Download SVG" and each
// figure's SVG link give a standalone drawing (its stylesheet inside), the
// counts are the diagram's; a missing page under a language's prefix gets
// that language's 404 page, with search and links to the gallery.
// Imported by gallery.test.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

/** base64url (no padding) → UTF-8 text. */
function fromBase64url(s) {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

const TEMPLATES = [
  ['en', '/templates/webhook-integration/'],
  ['zh', '/zh/templates/api-key-rotation/'],
  ['fr', '/fr/templates/callback-pattern/'],
];

describe('template actions', () => {
  for (const [lang, path] of TEMPLATES) {
    test(`${lang}: .fz, FlowZap link, SVG file and counts match the code shown`, async () => {
      const { page, problems } = await open(browser, server.base + path);
      const shown = await page.$eval('pre.fz-source code', (c) => c.textContent);
      assert.ok(shown.length > 100, shown);
      const links = await page.evaluate(() => {
        const href = (sel) => document.querySelector(sel)?.href || '';
        return {
          fz: href('.actions a[href$=".fz"]'),
          fzTools: href('.code-tools a[href$=".fz"]'),
          svg: href('.actions a[type="image/svg+xml"]'),
          figureSvg: document.querySelector('figure.diagram[data-svg]')?.dataset.svg || '',
          figureLink: href('figure.diagram[data-svg] .fz-actions a[download]'),
          flowzap: href('.actions a.primary'),
        };
      });
      // The .fz file is the code, byte for byte.
      const fz = await fetch(links.fz);
      assert.equal(fz.status, 200);
      assert.match(fz.headers.get('content-type'), /^text\/plain/);
      assert.equal(await fz.text(), shown);
      assert.equal(links.fzTools, links.fz);
      // The FlowZap link decodes to it.
      const url = new URL(links.flowzap);
      assert.equal(url.origin + url.pathname, 'https://flowzap.xyz/playground');
      assert.equal(fromBase64url(url.searchParams.get('code')), shown);
      // The SVG file: the figure's own, standalone (the stylesheet inside),
      // in the page's language, and the figure links to it without script.
      assert.equal(new URL(links.figureSvg, server.base).href, links.svg);
      assert.equal(links.figureLink, links.svg);
      const svg = await fetch(links.svg);
      assert.equal(svg.status, 200);
      const text = await svg.text();
      const inline = await page.$eval('figure.diagram[data-svg] > svg', (s) => s.querySelector('title').textContent);
      const file = await page.evaluate((t) => {
        const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
        return {
          error: !!doc.querySelector('parsererror'),
          root: doc.documentElement.localName,
          style: doc.querySelector('style')?.textContent.length || 0,
          title: doc.querySelector('title')?.textContent,
          lanes: doc.querySelectorAll('g.fz-lane').length,
          nodes: doc.querySelectorAll('g.fz-node').length,
          edges: doc.querySelectorAll('g.fz-edge').length,
        };
      }, text);
      assert.ok(!file.error && file.root === 'svg', JSON.stringify(file));
      assert.ok(file.style > 1000, 'the stylesheet is inside');
      assert.equal(file.title, inline);
      // The counts in the header are the diagram's.
      const counts = await page.$$eval('.page-header ul.stats li', (li) => li.map((l) => Number(l.textContent.match(/\d+/)[0])));
      assert.deepEqual(counts, [file.lanes, file.nodes, file.edges]);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('cards show the counts of their template', async () => {
    const { page } = await open(browser, `${server.base}/templates/`);
    const stats = await page.$$eval('.card .card-stats', (s) => s.map((x) => x.textContent));
    assert.ok(stats.length >= 10, `${stats.length} cards with counts`);
    assert.ok(stats.every((s) => /^\d+ lanes? · \d+ steps?$/.test(s.trim())), stats.join(' | '));
    await page.close();
  });

  test('without JavaScript every figure with a file links to it', async () => {
    const { page } = await open(browser, `${server.base}/fr/docs/flowzap-language/`, { js: false });
    const figures = await page.$$eval('figure.diagram[data-svg]', (f) => f.map((x) => ({
      svg: x.dataset.svg,
      link: x.querySelector('.fz-actions a[download]')?.getAttribute('href'),
      text: x.querySelector('.fz-actions a[download]')?.textContent,
      visible: (x.querySelector('.fz-actions a')?.getBoundingClientRect().height || 0) > 0,
    })));
    assert.ok(figures.length >= 5, `${figures.length} figures`);
    for (const f of figures) {
      assert.equal(f.link, f.svg);
      assert.equal(f.text, 'Télécharger le SVG');
      assert.ok(f.visible, f.svg);
      const r = await fetch(new URL(f.svg, server.base));
      assert.equal(r.status, 200, f.svg);
    }
    await page.close();
  });
});

describe('404 pages', () => {
  for (const [lang, prefix, gallery] of [['en', '', '/templates/'], ['zh', '/zh', '/zh/templates/'], ['fr', '/fr', '/fr/templates/']]) {
    test(`${lang}: a missing page under its prefix gets its language's 404`, async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${server.base}${prefix}/no/such/page/`);
      assert.equal(response.status(), 404);
      const p = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        search: !!document.querySelector('.site-search input[type="search"], .site-search input'),
        links: [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')),
        canonical: !!document.querySelector('link[rel="canonical"]'),
      }));
      assert.equal(p.lang, lang);
      assert.ok(p.search, 'a search box');
      assert.ok(p.links.includes(gallery), `${gallery} in ${p.links}`);
      assert.ok(!p.canonical, 'no canonical link on a 404 page');
      await page.close();
    });
  }
});
