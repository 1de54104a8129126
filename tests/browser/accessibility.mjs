// axe-core on every kind of page (home, gallery, category, template, docs,
// 404) in en, zh and fr, light and dark; on the dark theme chosen with the
// toggle, at phone width, and with the diagram viewer and the search results
// open. No serious or critical violation is allowed, whether the theme or
// the Rust side writes the markup (RUST_OWNED says where the latter comes
// from, so that a failure names the file to fix).
// Imported by gallery.test.mjs.
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Violations the theme cannot fix: the markup or colours are written by src/. */
const RUST_OWNED = [
  {
    rule: 'aria-hidden-focus',
    owner: 'src/postprocess.rs: heading anchors <a class="anchor" aria-hidden="true"> are focusable links',
    match: (node) => /^<a class="anchor"/.test(node.html),
  },
  {
    rule: 'color-contrast',
    owner: 'src/highlight.rs: syntect colours (syntax-light.css / syntax-dark.css) below 4.5:1 on the code background',
    match: (node) => /^<span class="z-/.test(node.html),
  },
];

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

/** Serious and critical violations of the page as it is now. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, why: (n.any[0] || n.all[0] || n.none[0] || {}).message || '' })),
      }));
  });
}

const KINDS = {
  home: '/',
  gallery: '/templates/',
  category: '/templates/category/patterns/',
  template: '/templates/webhook-integration/',
  docs: '/docs/configuration/',
};

describe('accessibility (axe-core)', () => {
  const theme = [];
  const rust = new Map();
  const record = (where, violations) => {
    for (const v of violations) {
      for (const node of v.nodes) {
        const owned = RUST_OWNED.find((o) => o.rule === v.rule && o.match(node));
        if (owned) {
          const key = `${v.rule} — ${owned.owner}`;
          if (!rust.has(key)) rust.set(key, new Map());
          const pages = rust.get(key);
          pages.set(where, (pages.get(where) || 0) + 1);
        } else {
          theme.push(`${where}: ${v.rule} (${v.impact}) ${node.target} — ${node.why}`);
        }
      }
    }
  };

  before(async () => {
    const runs = [];
    for (const lang of ['en', 'zh', 'fr']) {
      const prefix = lang === 'en' ? '' : `/${lang}`;
      for (const [kind, path] of Object.entries(KINDS)) {
        for (const dark of [false, true]) runs.push({ where: `${kind} ${lang} ${dark ? 'dark' : 'light'}`, url: prefix + path, dark });
      }
    }
    for (const [lang, prefix] of [['en', ''], ['zh', '/zh'], ['fr', '/fr']]) {
      for (const dark of [false, true]) runs.push({ where: `404 ${lang} ${dark ? 'dark' : 'light'}`, url: `${prefix}/404.html`, dark });
    }
    for (const r of runs) {
      const { page } = await open(browser, server.base + r.url, { width: 1280, dark: r.dark });
      record(r.where, await audit(page));
      await page.close();
    }
    // Phone width: scrolling code blocks and tables, the folded lists.
    for (const path of ['/fr/docs/commands/', '/zh/templates/webhook-integration/']) {
      const { page } = await open(browser, server.base + path, { width: 390, height: 844 });
      record(`${path} at 390 px`, await audit(page));
      await page.close();
    }
    // Dark chosen with the toggle on a light system.
    {
      const { page } = await open(browser, `${server.base}/zh/templates/circuit-breaker/`);
      await page.click('.theme-toggle');
      record('template zh, dark by the toggle', await audit(page));
      await page.click('.theme-toggle');
      await page.evaluate(() => localStorage.removeItem('zapdoc-theme'));
      await page.close();
    }
    // The viewer and the search results, open.
    {
      const { page } = await open(browser, `${server.base}/templates/callback-pattern/`, { dark: true });
      await page.click('figure.diagram .fz-open');
      record('template en, viewer open', await audit(page));
      await page.keyboard.press('Escape');
      await page.click('#zd-search-input');
      await page.keyboard.type('payment');
      await page.waitForSelector('#zd-search-results li');
      record('template en, search results open', await audit(page));
      await page.close();
    }
  });

  test('no serious or critical violation in what the theme owns', () => {
    assert.deepEqual(theme, []);
  });

  test('no serious or critical violation in what src/ writes (heading anchors, highlighted code)', (t) => {
    const listed = [...rust].map(([what, pages]) => `${what}: ${[...pages].map(([p, n]) => `${p} ×${n}`).join(', ')}`);
    for (const line of listed) t.diagnostic(line);
    assert.deepEqual(listed, []);
  });
});
