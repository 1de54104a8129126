// The bundled gallery in headless Chromium: every page at desktop and phone
// width, the language switcher, the copy button, the category filter, the
// keyboard and dark mode; then, from the modules imported below, what a
// reader does with diagrams, search, the header, docs pages, the theme
// toggle, print and accessibility. Build the site first
// (`cargo run --release -- build`). One server and one browser serve them all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, inspect, open, site, sitePaths } from './harness.mjs';
import './diagrams.mjs';
import './search.mjs';
import './layout.mjs';
import './docs.mjs';
import './reading.mjs';
import './accessibility.mjs';
import './actions.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});
after(closeSite);

describe('every page', async () => {
  const paths = await sitePaths();
  // One visit per page and width; the tests below read what was seen.
  const seen = { desktop: new Map(), phone: new Map() };
  before(async () => {
    const visits = paths.flatMap((path) => [['desktop', 1280], ['phone', 375]].map(([name, width]) => ({ path, name, width })));
    // Three tabs at a time: the pages load while others are measured.
    const work = async () => {
      for (let v = visits.shift(); v; v = visits.shift()) {
        const { page, problems } = await open(browser, server.base + v.path, { width: v.width, height: 800 });
        const geometry = await inspect(page);
        const title = await page.title();
        seen[v.name].set(v.path, { problems, geometry, title });
        await page.close();
      }
    };
    await Promise.all([work(), work(), work()]);
  });

  test('the sitemap covers every page type', () => {
    const kinds = {
      home: /^\/((zh|fr)\/)?$/, gallery: /^\/((zh|fr)\/)?templates\/$/,
      category: /\/templates\/category\/[^/]+\/$/, template: /\/templates\/(?!category\/)[^/]+\/$/,
      docs: /\/docs\/$/, doc: /\/docs\/[^/]+\/$/, notFound: /^\/404\.html$/,
    };
    for (const [kind, re] of Object.entries(kinds)) {
      assert.ok(paths.some((p) => re.test(p)), `no ${kind} page among ${paths.length}`);
    }
    assert.ok(paths.length >= 78, `only ${paths.length} pages`);
  });

  test('loads with no console error and no failed request', () => {
    const bad = [];
    for (const [width, pages] of Object.entries(seen)) {
      for (const [path, { problems, title }] of pages) {
        if (!title) bad.push(`${path} (${width}): no <title>`);
        for (const p of problems) bad.push(`${path} (${width}): ${p}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('every diagram has a size on screen and its text inside its shapes', () => {
    const bad = [];
    let diagrams = 0;
    for (const [width, pages] of Object.entries(seen)) {
      for (const [path, { geometry }] of pages) {
        for (const d of geometry.diagrams) {
          diagrams++;
          if (!(d.width > 0 && d.height > 0)) bad.push(`${path} (${width}) ${d.where}: ${d.width}×${d.height}`);
          if (d.nodes === 0) bad.push(`${path} (${width}) ${d.where}: no nodes`);
          for (const o of d.overflows) bad.push(`${path} (${width}) ${d.where}: ${o}`);
        }
      }
    }
    assert.ok(diagrams > 200, `only ${diagrams} diagrams seen`);
    assert.deepEqual(bad, []);
  });

  test('every diagram is shown whole, inside its figure and the window', () => {
    const bad = [];
    for (const [width, pages] of Object.entries(seen)) {
      for (const [path, { geometry }] of pages) {
        for (const d of geometry.diagrams) if (d.cut) bad.push(`${path} (${width}) ${d.where}: ${d.cut}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('at 375 px wide (and at 1280 px) no page scrolls sideways', () => {
    const bad = [];
    for (const [width, pages] of Object.entries(seen)) {
      for (const [path, { geometry }] of pages) {
        if (geometry.scrollWidth > geometry.clientWidth) {
          bad.push(`${path} (${width}): ${geometry.scrollWidth}px of content in ${geometry.clientWidth}px`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });
});

describe('template pages', () => {
  test('the language switcher reaches the same template in zh and fr', async () => {
    for (const slug of ['api-key-rotation', 'circuit-breaker']) {
      const { page } = await open(browser, `${server.base}/templates/${slug}/`);
      // The same template: the same diagram (lanes and nodes; labels may be translated).
      const shape = () => page.$$eval('figure.diagram g.fz-node', (nodes) => nodes.map((g) => `${g.dataset.lane}.${g.dataset.node}`).join(' '));
      const nodes = await shape();
      assert.ok(nodes.length > 0);
      for (const lang of ['zh', 'fr', 'en']) {
        await Promise.all([page.waitForNavigation(), page.click(`.langs a[hreflang="${lang}"]`)]);
        const prefix = lang === 'en' ? '' : `/${lang}`;
        assert.equal(new URL(page.url()).pathname, `${prefix}/templates/${slug}/`);
        assert.equal(await page.$eval('html', (h) => h.lang), lang);
        assert.equal(await shape(), nodes);
        assert.equal(await page.$eval('.langs a[aria-current]', (a) => a.hreflang), lang);
      }
      await page.close();
    }
  });

  test('the copy button puts the FlowZap code on the clipboard', async () => {
    const url = `${server.base}/fr/templates/webhook-integration/`;
    await browser.defaultBrowserContext().overridePermissions(server.base, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const { page, problems } = await open(browser, url);
    const code = await page.$eval('#flowzap-source', (c) => c.textContent);
    assert.match(code, /^\S+ \{ # /);
    assert.match(code, /->/);
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.click('button.copy');
    await page.waitForFunction(() => document.querySelector('.copy-status').textContent !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    assert.equal(await page.$eval('.copy-status', (s) => s.textContent), 'Copié dans le presse-papiers.');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('without JavaScript the code is there and the copy button is hidden', async () => {
    const { page } = await open(browser, `${server.base}/zh/templates/audit-log/`, { js: false });
    const code = await page.$eval('pre.fz-source', (p) => ({ text: p.innerText, visible: p.getBoundingClientRect().height > 100 }));
    assert.ok(code.visible);
    assert.match(code.text, /handle\(/);
    assert.equal(await page.$eval('button.copy', (b) => getComputedStyle(b).display), 'none');
    assert.ok(await page.$eval('figure.diagram svg.fz', (s) => s.getBoundingClientRect().width > 300));
    await page.close();
  });
});

describe('gallery', () => {
  test('the category filter shows one category in place, and all again', async () => {
    const { page, problems } = await open(browser, `${server.base}/templates/`);
    const visible = () => page.$$eval('[data-filter-list] .card', (cards) => cards
      .filter((c) => c.getBoundingClientRect().height > 0).map((c) => c.dataset.category));
    const all = await visible();
    assert.ok(all.length >= 16);
    await page.click('.filter a[data-filter="patterns"]');
    const patterns = await visible();
    assert.ok(patterns.length > 0 && patterns.length < all.length);
    assert.ok(patterns.every((c) => c === 'patterns'), patterns.join());
    assert.equal(new URL(page.url()).hash, '#patterns');
    assert.equal(await page.$eval('#list-count', (h) => h.textContent), `${patterns.length} templates`);
    assert.equal(await page.$eval('.filter a[aria-current]', (a) => a.dataset.filter), 'patterns');
    await page.click('.filter a[data-filter=""]');
    assert.equal((await visible()).length, all.length);
    // A shared #category link opens filtered.
    await page.goto(`${server.base}/templates/#business-operations`, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    assert.ok((await visible()).every((c) => c === 'business-operations'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('without JavaScript the filter entries lead to the category pages', async () => {
    const { page } = await open(browser, `${server.base}/zh/templates/`, { js: false });
    assert.equal((await page.$$('[data-filter-list] .card')).length >= 16, true);
    await Promise.all([page.waitForNavigation(), page.click('.filter a[data-filter="patterns"]')]);
    assert.equal(new URL(page.url()).pathname, '/zh/templates/category/patterns/');
    assert.equal(await page.$eval('h1', (h) => h.textContent), '设计模式');
    await page.close();
  });

  test('the keyboard reaches everything with a visible focus', async () => {
    const { page } = await open(browser, `${server.base}/templates/`);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const ring = (e) => {
        const s = getComputedStyle(e);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      };
      const card = el.closest('.card');
      return { tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40), visible: ring(el) || (card && ring(card)) };
    });
    await page.keyboard.press('Tab');
    const skip = await focused();
    assert.equal(skip.cls, 'skip');
    assert.ok(skip.visible, 'the skip link shows its focus');
    let cards = 0;
    const invisible = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f.tag === 'BODY') break; // past the last link
      if (!f.visible) invisible.push(`${f.tag}.${f.cls} "${f.text}"`);
      if (f.tag === 'A' && (await page.evaluate(() => !!document.activeElement.closest('.card')))) cards++;
    }
    assert.deepEqual(invisible, []);
    assert.ok(cards >= 16, `only ${cards} cards reached by Tab`);
    await page.close();
  });

  test('dark mode darkens the page and the diagrams alike', async () => {
    const colours = async (dark) => {
      const { page } = await open(browser, `${server.base}/fr/templates/circuit-breaker/`, { dark });
      const c = await page.evaluate(() => {
        const lum = (css) => {
          const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        const band = document.querySelector('figure.diagram .fz-lane-band');
        return {
          page: lum(getComputedStyle(document.body).backgroundColor),
          text: lum(getComputedStyle(document.body).color),
          lane: lum(getComputedStyle(band).fill),
          code: lum(getComputedStyle(document.querySelector('pre.fz-source')).backgroundColor),
        };
      });
      await page.close();
      return c;
    };
    const light = await colours(false);
    const dark = await colours(true);
    assert.ok(light.page > 0.9 && light.text < 0.2, JSON.stringify(light));
    assert.ok(dark.page < 0.1 && dark.text > 0.8, JSON.stringify(dark));
    assert.ok(light.lane > 0.9 && dark.lane < 0.15, `lanes: ${light.lane} / ${dark.lane}`);
    assert.ok(dark.code < 0.15, `code: ${dark.code}`);
  });
});
