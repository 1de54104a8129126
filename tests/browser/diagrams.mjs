// Diagrams: whole by default at desktop width, a full-size viewer that opens
// and closes by keyboard, pans and zooms by keys, pointer, wheel and pinch,
// keeps the lane headers in view, and gives focus back; without JavaScript
// the diagram is still whole. Imported by gallery.test.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from './harness.mjs';

let server;
let browser;
before(async () => {
  ({ server, browser } = await site());
});

/** The viewer's state: open or not, where the drawing is and how it is shown. */
function viewer(page) {
  return page.evaluate(() => {
    const dialog = document.querySelector('dialog.fz-viewer');
    const svg = dialog && dialog.querySelector('.fz-viewer-stage > svg.fz:not(.fz-viewer-lanes)');
    const lanes = dialog && dialog.querySelector('.fz-viewer-lanes');
    const m = svg ? new DOMMatrix(getComputedStyle(svg).transform) : null;
    return {
      open: !!(dialog && dialog.open),
      inDialog: !!svg,
      scale: m ? m.a : 0,
      x: m ? m.e : 0,
      y: m ? m.f : 0,
      width: svg ? svg.getBoundingClientRect().width : 0,
      level: dialog ? dialog.querySelector('.fz-viewer-level').textContent : '',
      lanesShown: !!(lanes && getComputedStyle(lanes).display !== 'none'),
      focus: document.activeElement.className.baseVal ?? document.activeElement.className,
      title: dialog ? dialog.querySelector('#fz-viewer-title').textContent : '',
    };
  });
}

/**
 * Waits (2 s at most) until the viewer is shut and the drawing is back in its
 * figure. The viewer restores at once on Close and Escape, but a browser fires
 * a dialog's `close` event a task later, so the test does not race it.
 */
function shut(page) {
  return page.waitForFunction(() => {
    const dialog = document.querySelector('dialog.fz-viewer');
    return dialog && !dialog.open && !dialog.querySelector('.fz-viewer-stage svg.fz');
  }, { timeout: 2000 });
}

describe('diagrams', () => {
  test('at 1280 px a 3,043 px diagram is whole, inside its figure', async () => {
    const { page, problems } = await open(browser, `${server.base}/templates/webhook-integration/`, { width: 1280 });
    const box = await page.$eval('figure.diagram', (fig) => {
      const svg = fig.querySelector('svg.fz');
      const f = fig.getBoundingClientRect();
      const s = svg.getBoundingClientRect();
      return { f: [f.left, f.right, f.top, f.bottom], s: [s.left, s.right, s.top, s.bottom], natural: svg.viewBox.baseVal.width, scrolls: fig.scrollWidth > fig.clientWidth };
    });
    assert.equal(box.natural, 3043);
    assert.ok(box.s[0] >= box.f[0] && box.s[1] <= box.f[1] && box.s[2] >= box.f[2] && box.s[3] <= box.f[3], JSON.stringify(box));
    assert.ok(box.f[0] >= 0 && box.f[1] <= 1280, JSON.stringify(box));
    assert.equal(box.scrolls, false);
    // Every lane is on screen, the last one included.
    const lanes = await page.$$eval('figure.diagram .fz-lane-band', (bands) => bands.map((b) => b.getBoundingClientRect().right));
    assert.ok(lanes.length === 4 && lanes.every((r) => r <= box.f[1]), lanes.join());
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the viewer opens and closes by keyboard, and pans and zooms by keys', async () => {
    const { page, problems } = await open(browser, `${server.base}/fr/templates/webhook-integration/`, { width: 1280, height: 800 });
    // The switcher shows one view of the template's diagram at a time.
    const buttons = await page.$$eval('figure.diagram .fz-open', (b) => b.filter((x) => x.getClientRects().length).map((x) => x.textContent.trim()));
    assert.deepEqual(buttons, ['Agrandir'], 'one control per diagram shown, in the page language');
    // Reach the control with Tab, as a keyboard user would.
    await page.focus('.code-panel pre');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.down('Shift');
      await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
      if (await page.evaluate(() => document.activeElement.matches('.fz-open'))) break;
    }
    assert.ok(await page.evaluate(() => document.activeElement.matches('.fz-open')), 'Tab reaches the control');
    await page.keyboard.press('Enter');
    let v = await viewer(page);
    assert.ok(v.open && v.inDialog, JSON.stringify(v));
    assert.equal(v.scale, 1, 'opens at full size');
    assert.ok(Math.abs(v.width - 3043) < 1, `${v.width}`);
    assert.equal(v.focus, 'fz-viewer-stage', 'focus in the zoomable stage');
    assert.match(v.title, /External Service|Service externe/);
    assert.equal(await page.$eval('.fz-viewer-stage', (s) => s.getAttribute('aria-label')), 'Diagramme zoomable');
    await page.keyboard.press('+');
    v = await viewer(page);
    assert.ok(Math.abs(v.scale - 1.25) < 1e-6, `${v.scale}`);
    assert.equal(v.level.replace(/\s/g, ''), '125%');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    assert.ok((await viewer(page)).scale < 1);
    await page.keyboard.press('0');
    v = await viewer(page);
    assert.equal(v.scale, 1);
    assert.equal(v.lanesShown, false, 'the lane headers are the diagram\u2019s own at the start');
    const x0 = v.x;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    v = await viewer(page);
    assert.ok(v.x < x0, `${v.x} < ${x0}`);
    assert.equal(v.lanesShown, true, 'panned sideways, the lane headers stay in view');
    await page.keyboard.press('Escape');
    await shut(page);
    v = await viewer(page);
    assert.equal(v.open, false);
    assert.equal(v.inDialog, false);
    assert.ok(await page.evaluate(() => document.activeElement.matches('figure.diagram .fz-open')), 'focus returns to the control');
    assert.ok(await page.$eval('figure.diagram > svg.fz', (s) => s.getBoundingClientRect().width > 500), 'the diagram is back in its figure');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('in the viewer a drag pans, the wheel and a pinch zoom, Close closes', async () => {
    const { page, problems } = await open(browser, `${server.base}/docs/commands/`, { width: 1024, height: 700 });
    await page.click('figure.diagram .fz-open');
    let v = await viewer(page);
    assert.ok(v.open);
    const stage = await page.$eval('.fz-viewer-stage', (s) => {
      const r = s.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    // Drag left by 200 px.
    await page.mouse.move(stage.x, stage.y);
    await page.mouse.down();
    await page.mouse.move(stage.x - 100, stage.y, { steps: 4 });
    await page.mouse.move(stage.x - 200, stage.y, { steps: 4 });
    await page.mouse.up();
    const dragged = await viewer(page);
    assert.ok(Math.abs(dragged.x - (v.x - 200)) < 2, `${v.x} → ${dragged.x}`);
    // The wheel zooms about the pointer.
    await page.mouse.wheel({ deltaY: -200 });
    await page.waitForFunction((s) => {
      const svg = document.querySelector('.fz-viewer-stage > svg.fz:not(.fz-viewer-lanes)');
      return new DOMMatrix(getComputedStyle(svg).transform).a > s;
    }, {}, dragged.scale);
    const wheeled = await viewer(page);
    assert.ok(wheeled.scale > 1.2, `${wheeled.scale}`);
    // Two fingers moving apart zoom in further.
    const cdp = await page.createCDPSession();
    const touch = (type, d) => cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [
        { x: stage.x - d, y: stage.y, id: 1 },
        { x: stage.x + d, y: stage.y, id: 2 },
      ],
    });
    await touch('touchStart', 40);
    for (const d of [60, 80, 100, 120]) await touch('touchMove', d);
    await touch('touchEnd', 0);
    const pinched = await viewer(page);
    assert.ok(pinched.scale > wheeled.scale * 1.5, `pinch: ${wheeled.scale} → ${pinched.scale}`);
    await page.click('.fz-viewer-close');
    await shut(page);
    v = await viewer(page);
    assert.equal(v.open, false);
    assert.ok(await page.evaluate(() => document.activeElement.matches('figure.diagram .fz-open')));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('without JavaScript a diagram is still whole, with no viewer control', async () => {
    const { page } = await open(browser, `${server.base}/zh/templates/webhook-integration/`, { width: 1280, js: false });
    const fit = await page.$eval('figure.diagram', (fig) => {
      const f = fig.getBoundingClientRect();
      const s = fig.querySelector('svg.fz').getBoundingClientRect();
      return s.left >= f.left && s.right <= f.right && s.width > 600 && fig.scrollWidth <= fig.clientWidth;
    });
    assert.ok(fit);
    assert.equal(await page.$$eval('.fz-open', (b) => b.length), 0);
    await page.close();
  });
});
