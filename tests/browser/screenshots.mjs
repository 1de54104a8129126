// Full-page screenshots of the home page, the gallery and a template page,
// in every language, light and dark, at desktop and phone width, for a
// person to look at: node screenshots.mjs [OUT_DIR] (default /tmp/zapdoc-shots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, serve } from './harness.mjs';

const out = process.argv[2] || '/tmp/zapdoc-shots';
mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const lang of ['en', 'zh', 'fr']) {
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const pages = { home: `${prefix}/`, gallery: `${prefix}/templates/`, template: `${prefix}/templates/api-key-rotation/` };
    for (const [name, path] of Object.entries(pages)) {
      for (const dark of [false, true]) {
        for (const [device, width] of [['desktop', 1280], ['phone', 375]]) {
          const { page, problems } = await open(browser, server.base + path, { width, height: 900, dark });
          const file = join(out, `${lang}-${name}-${dark ? 'dark' : 'light'}-${device}.png`);
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
