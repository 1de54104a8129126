// Layout at every width: a header whose parts never overlap from 320 to
// 1920 px in every language, a phone's first screen of the gallery showing a
// template, and print (light, no chrome, diagrams on the page). Imported by
// gallery.test.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

const WIDTHS = [];
for (let w = 320; w <= 1920; w += 80) WIDTHS.push(w);
// Around the breakpoints too (40rem, 56rem, 64rem, 80rem).
WIDTHS.push(375, 390, 414, 639, 641, 700, 768, 820, 895, 1023, 1025, 1279, 1281);
WIDTHS.sort((a, b) => a - b);

/** Every visible part of the header, with its box. */
function headerParts(page) {
  return page.evaluate(() => {
    const parts = [];
    const add = (el, name) => {
      if (!el) return;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      parts.push({ name, l: r.left, r: r.right, t: r.top, b: r.bottom });
    };
    add(document.querySelector('.brand'), 'brand');
    document.querySelectorAll('.main-nav a').forEach((a) => add(a, `nav "${a.textContent.trim()}"`));
    add(document.querySelector('#zd-search-input'), 'search');
    add(document.querySelector('.theme-toggle'), 'theme');
    document.querySelectorAll('.langs a').forEach((a) => add(a, `lang "${a.textContent.trim()}"`));
    return { parts, width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth };
  });
}

describe('layout', () => {
  test(`the header never overlaps, at ${WIDTHS.length} widths from 320 to 1920 px, in every language`, async () => {
    const bad = [];
    for (const prefix of ['', '/zh', '/fr']) {
      const { page, problems } = await open(browser, `${server.base}${prefix}/templates/webhook-integration/`, { width: 1280 });
      for (const width of WIDTHS) {
        await page.setViewport({ width, height: 800 });
        const { parts, width: cw, scroll } = await headerParts(page);
        const where = `${prefix || '/'} at ${width}px`;
        if (parts.length < 7) bad.push(`${where}: only ${parts.map((p) => p.name).join(', ')}`);
        if (scroll > cw) bad.push(`${where}: the page scrolls sideways (${scroll} in ${cw})`);
        for (const p of parts) {
          if (p.l < -0.5 || p.r > cw + 0.5) bad.push(`${where}: ${p.name} leaves the window (${p.l}–${p.r})`);
        }
        for (let i = 0; i < parts.length; i++) {
          for (let j = i + 1; j < parts.length; j++) {
            const a = parts[i];
            const b = parts[j];
            const x = Math.min(a.r, b.r) - Math.max(a.l, b.l);
            const y = Math.min(a.b, b.b) - Math.max(a.t, b.t);
            if (x > 0.5 && y > 0.5) bad.push(`${where}: ${a.name} overlaps ${b.name}`);
          }
        }
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
    assert.deepEqual(bad, []);
  });

  test('on a 390 px phone the home page\u2019s and the gallery\u2019s first screen show a template', async () => {
    for (const prefix of ['', '/zh', '/fr']) {
      for (const path of ['/templates/', '/']) {
        const { page } = await open(browser, `${server.base}${prefix}${path}`, { width: 390, height: 844 });
        const seen = await page.evaluate(() => {
          const card = document.querySelector('.cards .card');
          const r = card.getBoundingClientRect();
          const hero = document.querySelector('.hero, .page-header').getBoundingClientRect();
          return { cardTop: r.top, previewBottom: card.querySelector('.card-preview').getBoundingClientRect().bottom, heroBottom: hero.bottom };
        });
        const where = `${prefix}${path}`;
        assert.ok(seen.heroBottom < 844 * 0.6, `${where}: the heading block ends at ${seen.heroBottom}px`);
        assert.ok(seen.previewBottom <= 844, `${where}: the first template's preview ends at ${seen.previewBottom}px`);
        await page.close();
      }
    }
  });

  test('print is light and bare, with diagrams on the page', async () => {
    const { page } = await open(browser, `${server.base}/templates/webhook-integration/`, { width: 1280, dark: true });
    // Chosen dark too: print stays light.
    await page.evaluate(() => localStorage.setItem('zapdoc-theme', 'dark'));
    await page.reload({ waitUntil: 'load' });
    await page.emulateMediaType('print');
    await page.setViewport({ width: 720, height: 1000 });
    const printed = await page.evaluate(() => {
      const lum = (css) => {
        const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      const hidden = (sel) => [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === 'none' || e.closest('[style*="display: none"]'));
      const svg = document.querySelector('figure.diagram svg.fz').getBoundingClientRect();
      return {
        page: lum(getComputedStyle(document.body).backgroundColor),
        text: lum(getComputedStyle(document.body).color),
        lane: lum(getComputedStyle(document.querySelector('figure.diagram .fz-lane-band')).fill),
        code: lum(getComputedStyle(document.querySelector('pre.fz-source')).backgroundColor),
        chrome: hidden('.site-header, .site-footer, .fz-open, .copy, .related, .translations'),
        svg: [svg.left, svg.right],
        width: document.documentElement.clientWidth,
      };
    });
    assert.ok(printed.page > 0.95 && printed.text < 0.2, JSON.stringify(printed));
    assert.ok(printed.lane > 0.9 && printed.code > 0.9, JSON.stringify(printed));
    assert.ok(printed.chrome, 'header, footer and buttons are not printed');
    assert.ok(printed.svg[0] >= 0 && printed.svg[1] <= printed.width, JSON.stringify(printed));
    await page.evaluate(() => localStorage.removeItem('zapdoc-theme'));
    await page.close();
  });
});
