// zapdoc default theme: the diagram viewer. Without JavaScript a diagram is
// shown whole, scaled down to the column (style.css); with it, each diagram
// gets a "Full size" button that opens it in a dialog at its natural size,
// to pan (drag, arrow keys) and zoom (wheel, pinch, + and -, 0 for 100 %),
// with the lane headers kept in view. Escape closes it and focus returns to
// the button. The words come from <template id="fz-viewer-ui"> (base.html).
(function () {
  'use strict';

  var doc = document;
  var ui = doc.getElementById('fz-viewer-ui');
  var figures = doc.querySelectorAll('figure.diagram');
  if (!ui || !figures.length || typeof HTMLDialogElement !== 'function' ||
    typeof HTMLDialogElement.prototype.showModal !== 'function') return;

  var NS = 'http://www.w3.org/2000/svg';
  var MARGIN = 24;
  var MAX_SCALE = 4;
  var dialog = ui.content.querySelector('dialog').cloneNode(true);
  doc.body.appendChild(dialog);
  var stage = dialog.querySelector('.fz-viewer-stage');
  var title = dialog.querySelector('#fz-viewer-title');
  var level = dialog.querySelector('.fz-viewer-level');
  var svgLink = dialog.querySelector('.fz-viewer-svg');
  var percent = window.Intl && Intl.NumberFormat
    ? new Intl.NumberFormat(doc.documentElement.lang || undefined, { style: 'percent', maximumFractionDigits: 0 })
    : { format: function (n) { return Math.round(n * 100) + '%'; } };

  // The diagram being viewed and how it is shown: stage pixels =
  // diagram units × s, shifted by (x, y).
  var current = null;
  var s = 1;
  var x = 0;
  var y = 0;

  function size(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var w = box && box.width ? box.width : parseFloat(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
    var h = box && box.height ? box.height : parseFloat(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
    return { w: w, h: h };
  }

  // A copy of the lane headers, drawn over the diagram's left edge once it
  // is panned past them.
  function laneHeaders(svg, dim) {
    var headers = svg.querySelectorAll('.fz-lane');
    if (!headers.length) return null;
    var out = doc.createElementNS(NS, 'svg');
    out.setAttribute('class', 'fz fz-viewer-lanes');
    out.setAttribute('aria-hidden', 'true');
    out.setAttribute('focusable', 'false');
    ['font-family', 'font-size'].forEach(function (a) {
      if (svg.hasAttribute(a)) out.setAttribute(a, svg.getAttribute(a));
    });
    var width = 0;
    headers.forEach(function (lane) {
      var head = lane.querySelector('.fz-lane-header');
      if (!head) return;
      var g = doc.createElementNS(NS, 'g');
      g.setAttribute('class', lane.getAttribute('class'));
      g.appendChild(head.cloneNode(true));
      var label = lane.querySelector('.fz-lane-label');
      if (label) g.appendChild(label.cloneNode(true));
      out.appendChild(g);
      var hx = parseFloat(head.getAttribute('x')) || 0;
      var hw = parseFloat(head.getAttribute('width')) || 0;
      width = Math.max(width, hx + hw + 0.5);
    });
    if (!width) return null;
    out.setAttribute('viewBox', '0 0 ' + width + ' ' + dim.h);
    out.setAttribute('width', width);
    out.setAttribute('height', dim.h);
    return out;
  }

  function fitScale() {
    var dim = current.dim;
    var fit = Math.min((stage.clientWidth - 2 * MARGIN) / dim.w, (stage.clientHeight - 2 * MARGIN) / dim.h);
    return Math.max(0.02, Math.min(fit, 1));
  }

  function clampPan() {
    var dim = current.dim;
    var sw = stage.clientWidth;
    var sh = stage.clientHeight;
    var cw = dim.w * s;
    var ch = dim.h * s;
    x = cw + 2 * MARGIN <= sw ? (sw - cw) / 2 : Math.min(MARGIN, Math.max(sw - cw - MARGIN, x));
    y = ch + 2 * MARGIN <= sh ? (sh - ch) / 2 : Math.min(MARGIN, Math.max(sh - ch - MARGIN, y));
  }

  function render() {
    if (!current) return;
    clampPan();
    current.svg.style.transform = 'translate(' + x + 'px,' + y + 'px) scale(' + s + ')';
    if (current.lanes) {
      var show = x < 0;
      current.lanes.style.display = show ? '' : 'none';
      if (show) current.lanes.style.transform = 'translate(0px,' + y + 'px) scale(' + s + ')';
    }
    level.textContent = percent.format(s);
  }

  function zoomAt(px, py, factor) {
    var next = Math.min(MAX_SCALE, Math.max(fitScale(), s * factor));
    var k = next / s;
    x = px - (px - x) * k;
    y = py - (py - y) * k;
    s = next;
    render();
  }

  function zoomCentre(factor) {
    zoomAt(stage.clientWidth / 2, stage.clientHeight / 2, factor);
  }

  // Full size, the start of the diagram (its lane headers) in view.
  function actualSize() {
    s = 1;
    x = MARGIN;
    y = MARGIN;
    render();
  }

  function fit() {
    s = fitScale();
    render();
  }

  function open(figure, svg, button) {
    var dim = size(svg);
    if (!current || current.svg !== svg) {
      if (!svg.fzLanes) svg.fzLanes = laneHeaders(svg, dim);
    }
    current = {
      figure: figure,
      svg: svg,
      next: svg.nextSibling,
      button: button,
      dim: dim,
      lanes: svg.fzLanes,
    };
    // Keep the figure's place in the page while its drawing is away.
    figure.style.minHeight = figure.offsetHeight + 'px';
    stage.textContent = '';
    svg.style.width = dim.w + 'px';
    svg.style.height = dim.h + 'px';
    stage.appendChild(svg);
    if (current.lanes) stage.appendChild(current.lanes);
    var name = svg.querySelector('title');
    title.textContent = name ? name.textContent : '';
    var file = figure.getAttribute('data-svg') || '';
    if (!file) {
      var link = figure.querySelector('a[href$=".svg"]');
      if (link) file = link.getAttribute('href');
    }
    svgLink.hidden = !file;
    if (file) svgLink.setAttribute('href', file);
    else svgLink.removeAttribute('href');
    dialog.showModal();
    actualSize();
    stage.focus();
  }

  // Put the drawing back in its figure. The browser fires `close` a task
  // after the dialog shuts, so the viewer's own ways out (Close, Escape)
  // restore at once through shut(); the `close` handler covers any other way
  // the dialog is closed and does nothing once the drawing is back.
  function restore() {
    if (!current) return;
    var c = current;
    current = null;
    c.svg.style.transform = '';
    c.svg.style.width = '';
    c.svg.style.height = '';
    if (c.lanes) c.lanes.remove();
    c.figure.insertBefore(c.svg, c.next && c.next.parentNode === c.figure ? c.next : c.figure.firstChild);
    c.figure.style.minHeight = '';
    c.button.focus();
  }

  function shut() {
    if (dialog.open) dialog.close();
    restore();
  }

  dialog.addEventListener('close', restore);
  // Escape: shut the dialog here rather than let the browser close it, so the
  // drawing is back before the key's handling ends. Where the browser refuses
  // to let the cancel be prevented, it closes the dialog and `close` restores.
  dialog.addEventListener('cancel', function (e) {
    e.preventDefault();
    shut();
  });
  dialog.querySelector('.fz-viewer-close').addEventListener('click', shut);
  dialog.querySelectorAll('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var what = b.getAttribute('data-zoom');
      if (what === 'in') zoomCentre(1.25);
      else if (what === 'out') zoomCentre(0.8);
      else if (what === 'fit') fit();
      else actualSize();
    });
  });

  dialog.addEventListener('keydown', function (e) {
    if (!current || e.altKey || e.ctrlKey || e.metaKey) return;
    var step = e.shiftKey ? 240 : 60;
    switch (e.key) {
      case '+': case '=': zoomCentre(1.25); break;
      case '-': case '_': zoomCentre(0.8); break;
      case '0': actualSize(); break;
      case 'ArrowLeft': x += step; render(); break;
      case 'ArrowRight': x -= step; render(); break;
      case 'ArrowUp': y += step; render(); break;
      case 'ArrowDown': y -= step; render(); break;
      default: return;
    }
    e.preventDefault();
  });

  function point(e) {
    var r = stage.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  stage.addEventListener('wheel', function (e) {
    if (!current) return;
    e.preventDefault();
    var unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? stage.clientHeight : 1;
    var p = point(e);
    zoomAt(p.x, p.y, Math.exp(-e.deltaY * unit * 0.0015));
  }, { passive: false });

  stage.addEventListener('dblclick', function (e) {
    var p = point(e);
    zoomAt(p.x, p.y, e.shiftKey ? 0.5 : 2);
  });

  // Drag with one pointer, pinch with two.
  var pointers = new Map();
  stage.addEventListener('pointerdown', function (e) {
    if (!current || (e.pointerType === 'mouse' && e.button !== 0)) return;
    stage.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, point(e));
    stage.classList.add('dragging');
  });
  stage.addEventListener('pointermove', function (e) {
    var before = pointers.get(e.pointerId);
    if (!before) return;
    var now = point(e);
    pointers.set(e.pointerId, now);
    if (pointers.size === 1) {
      x += now.x - before.x;
      y += now.y - before.y;
      render();
    } else if (pointers.size === 2) {
      var other = null;
      pointers.forEach(function (p, id) { if (id !== e.pointerId) other = p; });
      var was = Math.hypot(before.x - other.x, before.y - other.y);
      var is = Math.hypot(now.x - other.x, now.y - other.y);
      x += (now.x - before.x) / 2;
      y += (now.y - before.y) / 2;
      if (was > 0) zoomAt((now.x + other.x) / 2, (now.y + other.y) / 2, is / was);
      else render();
    }
  });
  function release(e) {
    pointers.delete(e.pointerId);
    if (!pointers.size) stage.classList.remove('dragging');
  }
  stage.addEventListener('pointerup', release);
  stage.addEventListener('pointercancel', release);
  window.addEventListener('resize', render);

  var template = ui.content.querySelector('.fz-open');
  figures.forEach(function (figure) {
    var svg = figure.querySelector(':scope > svg.fz');
    if (!svg) return;
    // The build's own row of links (the SVG file), else a new one.
    var bar = figure.querySelector('.fz-actions');
    if (!bar) {
      bar = doc.createElement('div');
      bar.className = 'fz-actions';
      figure.appendChild(bar);
    }
    var button = template.cloneNode(true);
    var name = svg.querySelector('title');
    if (name && name.id) button.setAttribute('aria-describedby', name.id);
    bar.appendChild(button);
    figure.setAttribute('data-viewer', '');
    button.addEventListener('click', function () { open(figure, svg, button); });
    svg.addEventListener('click', function () {
      if (svg.parentNode !== figure) return;
      var selection = window.getSelection && window.getSelection();
      if (selection && !selection.isCollapsed) return;
      open(figure, svg, button);
    });
    // Wide diagrams print on a landscape page (style.css).
    if (size(svg).w > 1.6 * size(svg).h && size(svg).w > 900) figure.classList.add('wide');
  });
})();
