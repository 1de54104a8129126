// The search box as a reader uses it: / and Ctrl+K, the arrow keys, Enter,
// Escape and a click outside, highlighted words, one typo forgiven, plain
// descriptions, index text never taken for markup, and a results panel that
// stays on a phone's screen. Imported by gallery.test.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

/** Type `text` in the box and wait for the results (or the "nothing" status). */
async function search(page, text) {
  await page.click('#zd-search-input', { clickCount: 3 });
  await page.keyboard.type(text);
  await page.waitForFunction(() => {
    const list = document.getElementById('zd-search-results');
    const status = document.querySelector('.zd-search-status');
    return (!list.hidden && list.children.length > 0) || status.textContent !== '';
  });
  return page.$$eval('#zd-search-results a', (links) => links.map((a) => ({
    href: new URL(a.href).pathname,
    title: a.querySelector('strong').textContent,
    text: a.textContent,
    marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
  })));
}

const panelOpen = (page) => page.$eval('#zd-search-results', (l) => !l.hidden);

describe('search', () => {
  test('on a 390 px phone the results panel is inside the screen', async () => {
    for (const [lang, word] of [['fr', 'paiement'], ['zh', '支付'], ['en', 'payment']]) {
      const { page, problems } = await open(browser, `${server.base}/${lang === 'en' ? '' : `${lang}/`}templates/`, { width: 390, height: 844 });
      const hits = await search(page, word);
      assert.ok(hits.length > 0, `${lang}: nothing for ${word}`);
      const box = await page.$eval('#zd-search-results', (l) => {
        const r = l.getBoundingClientRect();
        const titles = [...l.querySelectorAll('strong')].map((t) => t.getBoundingClientRect());
        return { left: r.left, right: r.right, titles: titles.every((t) => t.left >= r.left && t.right <= r.right) };
      });
      assert.ok(box.left >= 0 && box.right <= 390, `${lang}: panel at ${box.left}–${box.right}`);
      assert.ok(box.titles, `${lang}: a title leaves the panel`);
      assert.ok(box.right - box.left > 340, `${lang}: the panel uses the width (${box.right - box.left} px)`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('/ and Ctrl+K focus the box; arrows, Enter and Escape work the results', async () => {
    const { page, problems } = await open(browser, `${server.base}/docs/`, { width: 1280 });
    await page.click('h1');
    await page.keyboard.press('/');
    assert.ok(await page.evaluate(() => document.activeElement.id === 'zd-search-input'), '/ focuses the box');
    assert.equal(await page.$eval('#zd-search-input', (i) => i.value), '', 'the slash is not typed');
    await page.click('h1');
    await page.keyboard.down('Control');
    await page.keyboard.press('k');
    await page.keyboard.up('Control');
    assert.ok(await page.evaluate(() => document.activeElement.id === 'zd-search-input'), 'Ctrl+K focuses the box');
    const hits = await search(page, 'webhook');
    assert.ok(hits.length >= 2, JSON.stringify(hits));
    const active = () => page.evaluate(() => {
      const a = document.activeElement;
      return a.id === 'zd-search-input' ? 'input' : [...document.querySelectorAll('#zd-search-results a')].indexOf(a);
    });
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), 0);
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), 1);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(), 'input');
    // Escape from a result closes the panel and returns to the box.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    assert.equal(await active(), 'input');
    assert.equal(await panelOpen(page), false);
    // Arrow down opens it again; a click outside closes it.
    await page.keyboard.press('ArrowDown');
    assert.equal(await panelOpen(page), true);
    await page.mouse.click(5, 700);
    assert.equal(await panelOpen(page), false);
    // Enter opens the first result.
    await search(page, 'webhook');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, hits[0].href);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('matched words are highlighted and one typo is forgiven in long words', async () => {
    const { page } = await open(browser, `${server.base}/`, { width: 1280 });
    const exact = await search(page, 'webhook');
    const typo = await search(page, 'webhok');
    assert.ok(typo.some((h) => h.href === '/templates/webhook-integration/'), JSON.stringify(typo));
    assert.deepEqual(typo.map((h) => h.href), exact.map((h) => h.href), 'the same pages as the right spelling');
    assert.ok(typo[0].marks.some((m) => /^webhooks?$/i.test(m)), JSON.stringify(typo[0]));
    // Short words must be spelt right: "api" is not "apo".
    assert.deepEqual(await search(page, 'apo'), []);
    assert.ok((await search(page, 'api')).length > 0);
    await page.close();
    const fr = (await open(browser, `${server.base}/fr/`, { width: 1280 })).page;
    const paiment = await search(fr, 'paiment');
    assert.ok(paiment.length > 0 && paiment.every((h) => /paiement/i.test(h.text)), JSON.stringify(paiment));
    assert.ok(paiment[0].marks.some((m) => /paiement/i.test(m)));
    await fr.close();
  });

  test('descriptions read as text: no Markdown stars in any language', async () => {
    for (const [lang, word] of [['zh', '密钥'], ['en', 'key'], ['fr', 'clé']]) {
      const { page } = await open(browser, `${server.base}/${lang === 'en' ? '' : `${lang}/`}`, { width: 1280 });
      const hits = await search(page, word);
      assert.ok(hits.length > 0);
      for (const h of hits) assert.ok(!/\*\*|__|`/.test(h.text), `${lang}: ${h.text}`);
      await page.close();
    }
  });

  test('index text is shown as text, never run as markup', async () => {
    const { page } = await open(browser, `${server.base}/`, { width: 1280 });
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      if (!r.url().includes('search-index.')) return r.continue().catch(() => {});
      return r.respond({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          version: 1, lang: 'en',
          docs: [{ url: '/x/', title: '<img src=x onerror="window.pwned=1">Evil', description: '<b>bold</b> **evil**', category: '', tags: [], text: '' }],
          terms: ['evil'], postings: [[0, 3]],
        }),
      }).catch(() => {});
    });
    // The index is fetched on first focus: this page has not fetched it yet.
    const hits = await search(page, 'evil');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].title, '<img src=x onerror="window.pwned=1">Evil');
    assert.equal(await page.$$eval('#zd-search-results img, #zd-search-results b', (e) => e.length), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await page.close();
  });
});
