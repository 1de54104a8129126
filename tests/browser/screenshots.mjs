// Full-page screenshots of the home page, the gallery, a template page and
// a docs page, in every language, light and dark, at phone, tablet and
// desktop width, for a person to look at:
// node screenshots.mjs [OUT_DIR] [FILTER] (default /tmp/zapdoc-shots; FILTER
// keeps only the files whose name contains it, e.g. "zh-docs").
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, serve } from './harness.mjs';

const out = process.argv[2] || '/tmp/zapdoc-shots';
const only = process.argv[3] || '';
mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const lang of ['en', 'zh', 'fr']) {
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const pages = {
      home: `${prefix}/`,
      gallery: `${prefix}/templates/`,
      template: `${prefix}/templates/webhook-integration/`,
      docs: `${prefix}/docs/commands/`,
    };
    for (const [name, path] of Object.entries(pages)) {
      for (const dark of [false, true]) {
        for (const width of [390, 768, 1280]) {
          const file = join(out, `${lang}-${name}-${dark ? 'dark' : 'light'}-${width}.png`);
          if (only && !file.includes(only)) continue;
          const { page, problems } = await open(browser, server.base + path, { width, height: 900, dark });
          await page.screenshot({ path: file, fullPage: true });
          await page.close();
          console.log(file, problems.length ? problems.join('; ') : '');
        }
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
