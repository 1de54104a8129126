// zapdoc default theme: what needs JavaScript, beside the search box
// (search.js) and the diagram viewer (viewer.js). Everything is readable
// without it: code stays selectable, the filter's entries are links to the
// category pages, the docs lists stay open and the theme follows the system.
(function () {
  'use strict';

  var doc = document;
  var root = doc.documentElement;

  // ---- Copying -------------------------------------------------------

  function copyByHand(text) {
    var area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '0';
    area.style.opacity = '0';
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = doc.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyByHand(text); }
      );
    }
    return Promise.resolve(copyByHand(text));
  }

  // <button data-copy="ID"> copies the text of element ID (template pages).
  doc.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = doc.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var panel = button.closest('section') || doc;
    var status = panel.querySelector('.copy-status');
    var label = button.textContent;
    var timer = 0;
    button.hidden = false;
    button.addEventListener('click', function () {
      copy(source.textContent).then(function (ok) {
        var message = button.getAttribute(ok ? 'data-done' : 'data-failed') || '';
        if (status) status.textContent = message;
        button.setAttribute('data-state', ok ? 'done' : 'failed');
        if (ok) button.textContent = '✓ ' + label;
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = label;
          button.removeAttribute('data-state');
          if (status) status.textContent = '';
        }, 4000);
      });
    });
  });

  // Every other code block gets its own small copy button, in the page's
  // language (#code-copy-words in base.html).
  var words = doc.getElementById('code-copy-words');
  var copyLabel = words ? words.getAttribute('data-copy') : 'Copy';
  var copiedLabel = words ? words.getAttribute('data-copied') : 'Copied';
  var failedLabel = words ? words.getAttribute('data-failed') : '';
  doc.querySelectorAll('pre.code:not(.fz-source)').forEach(function (pre) {
    var code = pre.querySelector('code') || pre;
    var wrap = doc.createElement('div');
    wrap.className = 'codeblock';
    var bar = doc.createElement('div');
    bar.className = 'code-bar';
    var name = doc.createElement('span');
    name.className = 'code-lang';
    name.textContent = pre.getAttribute('data-lang') || '';
    var button = doc.createElement('button');
    button.type = 'button';
    button.className = 'code-copy';
    button.textContent = copyLabel;
    var live = doc.createElement('span');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    bar.appendChild(name);
    bar.appendChild(button);
    bar.appendChild(live);
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(bar);
    wrap.appendChild(pre);
    var timer = 0;
    button.addEventListener('click', function () {
      copy(code.textContent.replace(/\n$/, '')).then(function (ok) {
        button.textContent = ok ? '✓ ' + copiedLabel : copyLabel;
        button.setAttribute('data-state', ok ? 'done' : 'failed');
        live.textContent = ok ? copiedLabel : failedLabel;
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = copyLabel;
          button.removeAttribute('data-state');
          live.textContent = '';
        }, 3000);
      });
    });
  });

  // ---- Scrolling regions --------------------------------------------
  // A code block or table wider than the column scrolls sideways: keyboard
  // users reach it with Tab and scroll it with the arrow keys.
  function focusableWhenScrolling() {
    doc.querySelectorAll('.prose pre, .prose table, pre.code').forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0');
        el.setAttribute('data-scroll-focus', '');
      } else if (!scrolls && el.hasAttribute('data-scroll-focus')) {
        el.removeAttribute('tabindex');
        el.removeAttribute('data-scroll-focus');
      }
    });
  }
  focusableWhenScrolling();
  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(focusableWhenScrolling, 150);
  });

  // ---- Light and dark ------------------------------------------------
  // The button overrides the system's preference; the choice is kept in
  // localStorage and applied before the first paint by base.html's script.
  var KEY = 'zapdoc-theme';
  var system = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function isDark() {
    var chosen = root.getAttribute('data-theme');
    if (chosen) return chosen === 'dark';
    return !!(system && system.matches);
  }
  function applyTheme(theme) {
    root.setAttribute('data-theme', theme);
    var dark = theme === 'dark';
    doc.querySelectorAll('link[data-syntax]').forEach(function (link) {
      var forDark = link.getAttribute('data-syntax') === 'dark';
      link.media = dark ? (forDark ? 'screen' : 'print') : (forDark ? 'not all' : 'all');
    });
  }
  doc.querySelectorAll('[data-theme-toggle]').forEach(function (button) {
    function show() { button.setAttribute('aria-pressed', isDark() ? 'true' : 'false'); }
    show();
    button.hidden = false;
    button.addEventListener('click', function () {
      var theme = isDark() ? 'light' : 'dark';
      applyTheme(theme);
      try { localStorage.setItem(KEY, theme); } catch (e) { /* private mode: this page only */ }
      show();
    });
    if (system && system.addEventListener) system.addEventListener('change', show);
    window.addEventListener('storage', function (e) {
      if (e.key === KEY && (e.newValue === 'light' || e.newValue === 'dark')) {
        applyTheme(e.newValue);
        show();
      }
    });
  });

  // ---- Docs: folding lists and the current heading ------------------
  // <details data-fold="55.99rem"> starts folded on screens narrower than
  // that; wider, where it has no summary to unfold it by (style.css), it
  // is always open.
  doc.querySelectorAll('details[data-fold]').forEach(function (d) {
    if (!window.matchMedia) return;
    var narrow = window.matchMedia('(max-width: ' + d.getAttribute('data-fold') + ')');
    if (narrow.matches) d.open = false;
    var follow = function () { if (!narrow.matches) d.open = true; };
    if (narrow.addEventListener) narrow.addEventListener('change', follow);
  });
  var tocLinks = Array.prototype.slice.call(doc.querySelectorAll('.toc a[href^="#"]'));
  if (tocLinks.length && 'IntersectionObserver' in window) {
    var targets = tocLinks.map(function (a) {
      return doc.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
    });
    var visible = new Set();
    var mark = function () {
      var current = -1;
      for (var i = 0; i < targets.length; i++) {
        if (!targets[i]) continue;
        if (targets[i].getBoundingClientRect().top < window.innerHeight * 0.3) current = i;
      }
      if (current < 0 && visible.size) current = 0;
      tocLinks.forEach(function (a, i) {
        if (i === current) a.setAttribute('aria-current', 'location');
        else a.removeAttribute('aria-current');
      });
    };
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target);
      });
      mark();
    });
    targets.forEach(function (t) { if (t) observer.observe(t); });
    window.addEventListener('scroll', function () { window.requestAnimationFrame(mark); }, { passive: true });
  }

  // ---- Dates in the reader's language -------------------------------
  if (window.Intl && Intl.DateTimeFormat) {
    var format = new Intl.DateTimeFormat(root.lang || undefined, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    doc.querySelectorAll('time[datetime]').forEach(function (t) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.getAttribute('datetime'));
      if (m) t.textContent = format.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
    });
  }

  // ---- The category filter -------------------------------------------
  // On a list marked data-filter-list, a filter entry shows that category's
  // cards in place; the URL keeps it as #category, so the view can be
  // shared, follows the back button and later hash changes, and the
  // language switcher carries it to the other languages' galleries (the
  // category slugs are the same in every language).
  var nav = doc.querySelector('[data-filter-nav]');
  var list = doc.querySelector('[data-filter-list]');
  if (!nav || !list) return;
  var links = Array.prototype.slice.call(nav.querySelectorAll('a[data-filter]'));
  var cards = Array.prototype.slice.call(list.querySelectorAll('.card'));
  var heading = doc.getElementById('list-count');
  var switchers = Array.prototype.slice.call(doc.querySelectorAll('.langs a[href], .translations a[href]'));
  switchers.forEach(function (a) { a.setAttribute('data-base-href', a.getAttribute('href').replace(/#.*$/, '')); });

  function carry(slug) {
    switchers.forEach(function (a) {
      a.setAttribute('href', a.getAttribute('data-base-href') + (slug ? '#' + encodeURIComponent(slug) : ''));
    });
  }

  function apply(slug) {
    var active = null;
    links.forEach(function (a) {
      if (a.getAttribute('data-filter') === slug) active = a;
    });
    if (!active) return false;
    links.forEach(function (a) {
      if (a === active) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    cards.forEach(function (card) {
      card.hidden = slug !== '' && card.getAttribute('data-category') !== slug;
    });
    if (heading) heading.textContent = active.getAttribute('data-count-label') || heading.textContent;
    carry(slug);
    return true;
  }

  function fromHash() {
    var slug = '';
    try {
      slug = decodeURIComponent(location.hash.replace(/^#/, ''));
    } catch (e) {
      slug = '';
    }
    // An unknown hash (a heading's anchor, say) leaves the filter alone.
    if (!apply(slug) && slug === '') apply('');
  }

  links.forEach(function (a) {
    a.addEventListener('click', function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var slug = a.getAttribute('data-filter');
      if (!apply(slug)) return;
      event.preventDefault();
      var url = location.pathname + location.search + (slug ? '#' + encodeURIComponent(slug) : '');
      // A new history entry: Back returns to the previous filter.
      if (url !== location.pathname + location.search + location.hash) history.pushState(null, '', url);
    });
  });
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('popstate', fromHash);
  fromHash();
})();
