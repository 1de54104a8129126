// zapdoc default theme: the two things that need JavaScript. Everything is
// readable without it: the code stays selectable and the filter's entries
// are links to the category pages.
(function () {
  'use strict';

  // Copy buttons: <button data-copy="ID"> copies the text of element ID.
  function copyByHand(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '0';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand('copy');
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

  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var panel = button.closest('section') || document;
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

  // The category filter: on a list marked data-filter-list, a click on a
  // filter entry shows that category's cards in place (and the URL keeps it
  // as #category so the view can be shared); anywhere else entries are links.
  var nav = document.querySelector('[data-filter-nav]');
  var list = document.querySelector('[data-filter-list]');
  if (!nav || !list) return;
  var links = Array.prototype.slice.call(nav.querySelectorAll('a[data-filter]'));
  var cards = Array.prototype.slice.call(list.querySelectorAll('.card'));
  var heading = document.getElementById('list-count');

  function apply(slug) {
    var active = null;
    links.forEach(function (a) {
      var on = a.getAttribute('data-filter') === slug;
      if (on) {
        a.setAttribute('aria-current', 'page');
        active = a;
      } else {
        a.removeAttribute('aria-current');
      }
    });
    if (!active) return false;
    cards.forEach(function (card) {
      card.hidden = slug !== '' && card.getAttribute('data-category') !== slug;
    });
    if (heading) heading.textContent = active.getAttribute('data-count-label') || heading.textContent;
    return true;
  }

  links.forEach(function (a) {
    a.addEventListener('click', function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var slug = a.getAttribute('data-filter');
      if (!apply(slug)) return;
      event.preventDefault();
      var url = location.pathname + location.search + (slug ? '#' + encodeURIComponent(slug) : '');
      history.replaceState(null, '', url);
    });
  });

  var initial = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (initial) apply(initial);
})();
