// Docs pages: the section's pages beside the page with the current one
// marked, the page's contents, previous and next through the whole section,
// a copy button on every code block, dates, and the lists folded on phones.
// Imported by gallery.test.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

function docsPage(page) {
  return page.evaluate(() => ({
    path: location.pathname,
    sidebar: [...document.querySelectorAll('.docs-nav a')].map((a) => new URL(a.href).pathname),
    current: [...document.querySelectorAll('.docs-nav a[aria-current="page"]')].map((a) => new URL(a.href).pathname),
    toc: [...document.querySelectorAll('.toc a')].map((a) => a.getAttribute('href')),
    headings: [...document.querySelectorAll('.prose :is(h2, h3)[id]')].map((h) => `#${h.id}`),
    prev: document.querySelector('.doc-pager a[rel=prev]')?.getAttribute('href') ?? null,
    next: document.querySelector('.doc-pager a[rel=next]')?.getAttribute('href') ?? null,
    code: document.querySelectorAll('.prose pre.code').length,
    copies: document.querySelectorAll('.prose .codeblock .code-copy').length,
  }));
}

describe('docs', () => {
  for (const prefix of ['', '/zh', '/fr']) {
    test(`${prefix || 'en'}: sidebar, contents and previous/next walk the whole section`, async () => {
      const { page, problems } = await open(browser, `${server.base}${prefix}/docs/`, { width: 1280 });
      const first = await docsPage(page);
      assert.ok(first.sidebar.length >= 6, JSON.stringify(first.sidebar));
      assert.equal(first.sidebar[0], `${prefix}/docs/`);
      assert.equal(first.prev, null);
      // Next, next, next… through every page in the sidebar's order, each
      // marked as current, its contents list naming its own headings.
      const visited = [];
      let here = first;
      for (;;) {
        visited.push(here.path);
        assert.deepEqual(here.current, [here.path], `${here.path}: the current page is marked`);
        assert.deepEqual(here.sidebar, first.sidebar, `${here.path}: the same sidebar`);
        if (here.headings.length > 1) assert.deepEqual(here.toc, here.headings, `${here.path}: contents`);
        assert.equal(here.copies, here.code, `${here.path}: a copy button per code block`);
        if (!here.next) break;
        const before = here.path;
        await Promise.all([page.waitForNavigation(), page.click('.doc-pager a[rel=next]')]);
        here = await docsPage(page);
        assert.equal(here.prev, before, `${here.path}: previous leads back`);
      }
      assert.deepEqual(visited, first.sidebar);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('a code block\u2019s copy button copies exactly its code', async () => {
    await browser.defaultBrowserContext().overridePermissions(server.base, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const { page, problems } = await open(browser, `${server.base}/fr/docs/configuration/`, { width: 1280 });
    const code = await page.$eval('.prose pre.code code', (c) => c.textContent.replace(/\n$/, ''));
    assert.match(code, /title = /);
    await page.evaluate(() => navigator.clipboard.writeText('autre chose'));
    await page.click('.prose .codeblock .code-copy');
    await page.waitForFunction(() => document.querySelector('.prose .codeblock .code-copy').dataset.state === 'done');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    assert.match(await page.$eval('.prose .codeblock .code-copy', (b) => b.textContent), /Copié/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('dates show in the reader\u2019s language', async () => {
    for (const [prefix, want] of [['', /November 2, 2026/], ['/zh', /2026年11月2日/], ['/fr', /2 novembre 2026/]]) {
      const { page } = await open(browser, `${server.base}${prefix}/templates/webhook-integration/`);
      const t = await page.$eval('time[datetime]', (e) => ({ at: e.getAttribute('datetime'), text: e.textContent }));
      assert.equal(t.at, '2026-11-02');
      assert.match(t.text, want);
      await page.close();
    }
  });

  test('on a phone the lists fold and the page starts on the first screen; without JavaScript they stay open', async () => {
    const { page } = await open(browser, `${server.base}/zh/docs/commands/`, { width: 390, height: 844 });
    const phone = await page.evaluate(() => ({
      nav: document.querySelector('.docs-nav').open,
      toc: document.querySelector('.toc').open,
      h1: document.querySelector('.doc h1').getBoundingClientRect().bottom,
      scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    assert.equal(phone.nav, false);
    assert.equal(phone.toc, false);
    assert.ok(phone.h1 < 500, `h1 ends at ${phone.h1}px`);
    assert.equal(phone.scroll, 0);
    await page.click('.docs-nav summary');
    assert.equal(await page.$$eval('.docs-nav a', (a) => a.filter((x) => x.getBoundingClientRect().height > 0).length) >= 6, true);
    // Folded on a phone, then widened: the lists open, as they have no
    // summary to click on wide screens.
    await page.click('.docs-nav summary');
    await page.setViewport({ width: 1400, height: 900 });
    await page.waitForFunction(() => document.querySelector('.docs-nav').open && document.querySelector('.toc').open);
    assert.ok(await page.$eval('.toc a', (a) => a.getBoundingClientRect().height > 0));
    await page.close();
    const nojs = (await open(browser, `${server.base}/zh/docs/commands/`, { width: 390, js: false })).page;
    assert.deepEqual(await nojs.evaluate(() => [document.querySelector('.docs-nav').open, document.querySelector('.toc').open]), [true, true]);
    await nojs.close();
  });
});
