// The gallery's filter across hash changes and languages, and the light/dark
// toggle that overrides the system and is remembered without a flash.
// Imported by gallery.test.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

const shown = (page) => page.$$eval('[data-filter-list] .card', (cards) => cards
  .filter((c) => c.getBoundingClientRect().height > 0).map((c) => c.dataset.category));

function luminance(page) {
  return page.evaluate(() => {
    const lum = (css) => {
      const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    const band = document.querySelector('.fz-lane-band');
    return {
      theme: document.documentElement.getAttribute('data-theme'),
      page: lum(getComputedStyle(document.body).backgroundColor),
      lane: band ? lum(getComputedStyle(band).fill) : null,
      pressed: document.querySelector('.theme-toggle').getAttribute('aria-pressed'),
    };
  });
}

describe('category filter', () => {
  test('follows hash changes after load, and the back button', async () => {
    const { page, problems } = await open(browser, `${server.base}/templates/`);
    const all = (await shown(page)).length;
    await page.evaluate(() => { location.hash = '#patterns'; });
    await page.waitForFunction(() => document.querySelector('.filter a[aria-current]').dataset.filter === 'patterns');
    const patterns = await shown(page);
    assert.ok(patterns.length > 0 && patterns.length < all && patterns.every((c) => c === 'patterns'), patterns.join());
    assert.equal(await page.$eval('#list-count', (h) => h.textContent), `${patterns.length} templates`);
    await page.evaluate(() => { location.hash = '#business-operations'; });
    await page.waitForFunction(() => document.querySelector('.filter a[aria-current]').dataset.filter === 'business-operations');
    assert.ok((await shown(page)).every((c) => c === 'business-operations'));
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.filter a[aria-current]').dataset.filter === 'patterns');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.filter a[aria-current]').dataset.filter === '');
    assert.equal((await shown(page)).length, all);
    // An anchor that is not a category leaves the filter alone.
    await page.evaluate(() => { location.hash = '#content'; });
    assert.equal((await shown(page)).length, all);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('survives a language switch', async () => {
    const { page, problems } = await open(browser, `${server.base}/templates/`);
    await page.click('.filter a[data-filter="patterns"]');
    assert.match(await page.$eval('.langs a[hreflang="zh"]', (a) => a.getAttribute('href')), /^\/zh\/templates\/#patterns$/);
    await Promise.all([page.waitForNavigation(), page.click('.langs a[hreflang="fr"]')]);
    assert.equal(new URL(page.url()).pathname, '/fr/templates/');
    assert.equal(new URL(page.url()).hash, '#patterns');
    const fr = await shown(page);
    assert.ok(fr.length > 0 && fr.every((c) => c === 'patterns'), fr.join());
    assert.equal(await page.$eval('.filter a[aria-current]', (a) => a.dataset.filter), 'patterns');
    // Back to all: the switcher loses the hash.
    await page.click('.filter a[data-filter=""]');
    assert.equal(await page.$eval('.langs a[hreflang="en"]', (a) => a.getAttribute('href')), '/templates/');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('light and dark', () => {
  test('the toggle overrides the system, and is remembered across pages and reloads', async () => {
    const { page, problems } = await open(browser, `${server.base}/templates/circuit-breaker/`);
    let c = await luminance(page);
    assert.ok(c.page > 0.9 && c.pressed === 'false' && c.theme === null, JSON.stringify(c));
    await page.click('.theme-toggle');
    c = await luminance(page);
    assert.ok(c.theme === 'dark' && c.pressed === 'true' && c.page < 0.1 && c.lane < 0.15, JSON.stringify(c));
    assert.equal(await page.$eval('link[data-syntax="dark"]', (l) => l.media), 'screen');
    await page.reload({ waitUntil: 'load' });
    c = await luminance(page);
    assert.ok(c.theme === 'dark' && c.page < 0.1 && c.lane < 0.15 && c.pressed === 'true', JSON.stringify(c));
    await page.goto(`${server.base}/zh/docs/`, { waitUntil: 'load' });
    c = await luminance(page);
    assert.ok(c.theme === 'dark' && c.page < 0.1, JSON.stringify(c));
    // Light, chosen on a dark system, wins over the system.
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.goto(`${server.base}/fr/templates/circuit-breaker/`, { waitUntil: 'load' });
    await page.click('.theme-toggle');
    c = await luminance(page);
    assert.ok(c.theme === 'light' && c.page > 0.9 && c.lane > 0.9 && c.pressed === 'false', JSON.stringify(c));
    assert.equal(await page.$eval('link[data-syntax="dark"]', (l) => l.media), 'not all');
    assert.deepEqual(problems, []);
    await page.evaluate(() => localStorage.removeItem('zapdoc-theme'));
    await page.close();
  });

  test('the choice applies before any deferred script runs: no flash', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}/404.html`);
    await page.evaluate(() => localStorage.setItem('zapdoc-theme', 'dark'));
    // Only the inline script in <head> may act: every other script is blocked.
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.resourceType() === 'script' ? r.abort() : r.continue()).catch(() => {}));
    await page.goto(`${server.base}/templates/audit-log/`, { waitUntil: 'domcontentloaded' });
    const c = await page.evaluate(() => ({
      theme: document.documentElement.getAttribute('data-theme'),
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    assert.equal(c.theme, 'dark');
    assert.equal(c.bg, 'rgb(11, 17, 32)');
    await page.evaluate(() => localStorage.removeItem('zapdoc-theme'));
    await page.close();
  });

  test('without JavaScript the page follows the system and shows no toggle', async () => {
    const { page } = await open(browser, `${server.base}/templates/`, { js: false, dark: true });
    const c = await page.evaluate(() => ({
      toggle: getComputedStyle(document.querySelector('.theme-toggle')).display,
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    assert.equal(c.toggle, 'none');
    assert.equal(c.bg, 'rgb(11, 17, 32)');
    await page.close();
  });
});
