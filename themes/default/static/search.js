/* zapdoc search box: finds pages in the per-language index
   (search-index.<lang>.json, written at build time) entirely in the
   browser, from static files. Tokens are folded exactly as the index's
   (src/search.rs): lowercase, accents dropped, words of two or more
   letters, CJK runs cut into overlapping bigrams. A query word of five
   letters or more also finds words one typo away ("webhok" finds
   "webhook"). Keyboard: / or Ctrl+K focuses the box, the arrow keys move
   through the results, Enter opens one, Escape closes them. Without
   JavaScript the box stays hidden. */
(function (root) {
  "use strict";

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af) ||
      (n >= 0xf900 && n <= 0xfaff);
  }

  var alnum = /[\p{Alphabetic}\p{N}]/u;

  function tokens(text) {
    var out = [], word = [], run = [];
    function flushWord() { if (word.length >= 2) out.push(word.join("")); word = []; }
    function flushRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    Array.from(fold(text)).forEach(function (c) {
      if (isCjk(c)) { flushWord(); run.push(c); }
      else if (alnum.test(c)) { flushRun(); word.push(c); }
      else { flushWord(); flushRun(); }
    });
    flushWord();
    flushRun();
    return out;
  }

  /* Whether `term` starts with something at most one edit (insertion,
     deletion, substitution or swap of neighbours) away from `word`. With
     `whole`, the whole term must be that close. */
  function nearPrefix(word, term, whole) {
    var a = Array.from(word), b = Array.from(term);
    var n = a.length, m = b.length;
    if (m < n - 1 || (whole && m > n + 1)) return false;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= m; j++) prev.push(j);
    for (var i = 1; i <= n; i++) {
      cur = [i];
      var best = i;
      for (var k = 1; k <= m; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var v = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) v = Math.min(v, prev2[k - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > 1) return false;
      prev2 = prev;
      prev = cur;
    }
    if (whole) return prev[m] <= 1;
    for (var e = 0; e <= m; e++) if (prev[e] <= 1) return true;
    return false;
  }

  function fuzzy(token) {
    if (Array.from(token).length < 5) return false;
    for (var c of token) if (isCjk(c)) return false;
    return true;
  }

  /* How well index term `term` answers query token `token`: 2 for the same
     word, 1 for a word it starts, 0.5 one typo away (long tokens only). */
  function factor(token, term, tolerant) {
    if (term === token) return 2;
    if (term.startsWith(token)) return 1;
    if (tolerant && nearPrefix(token, term, false)) return 0.5;
    return 0;
  }

  /* Documents matching every query token, best first. */
  function query(index, text) {
    var wanted = Array.from(new Set(tokens(text))).sort();
    if (!wanted.length) return [];
    var n = index.docs.length, total = new Array(n).fill(0);
    for (var q = 0; q < wanted.length; q++) {
      var best = new Array(n).fill(0), token = wanted[q], tolerant = fuzzy(token);
      for (var t = 0; t < index.terms.length; t++) {
        var f = factor(token, index.terms[t], tolerant);
        if (!f) continue;
        var p = index.postings[t];
        for (var i = 0; i + 1 < p.length; i += 2) {
          best[p[i]] = Math.max(best[p[i]], p[i + 1] * f);
        }
      }
      for (var d = 0; d < n; d++) total[d] = total[d] < 0 || !best[d] ? -1 : total[d] + best[d];
    }
    var hits = [];
    for (var k = 0; k < n; k++) if (total[k] > 0) hits.push(k);
    hits.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return hits;
  }

  /* Markdown as the index may carry it in descriptions, as plain text. */
  function plain(s) {
    return String(s || "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/`([^`]*)`/g, "$1")
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2")
      .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
      .replace(/\s+/g, " ")
      .trim();
  }

  /* Where in `text` the query's words are: [start, end) ranges. */
  function matches(text, query) {
    var words = [], runs = [];
    tokens(query).forEach(function (t) {
      if (!isCjk(Array.from(t)[0])) words.push(t);
    });
    // CJK runs of the query, as typed, to find as they are.
    (fold(query).match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/g) || [])
      .forEach(function (r) { runs.push(r); });
    var ranges = [];
    if (words.length) {
      var re = /[\p{Alphabetic}\p{N}]+/gu, m;
      while ((m = re.exec(text))) {
        var w = fold(m[0]);
        if (isCjk(Array.from(w)[0])) continue;
        for (var i = 0; i < words.length; i++) {
          if (factor(words[i], w, fuzzy(words[i]))) {
            ranges.push([m.index, m.index + m[0].length]);
            break;
          }
        }
      }
    }
    if (runs.length) {
      var folded = fold(text);
      // Folding keeps CJK characters where they are only if it kept the
      // length; otherwise search the text as it is.
      var hay = folded.length === text.length ? folded : text;
      runs.forEach(function (r) {
        var from = 0, at;
        while ((at = hay.indexOf(r, from)) >= 0) {
          ranges.push([at, at + r.length]);
          from = at + r.length;
        }
      });
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /* `text` into `parent` as text nodes, the matched ranges in <mark>. */
  function highlight(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* A window of about `room` characters of `text` around its first match. */
  function excerpt(text, ranges, room) {
    if (!ranges.length || text.length <= room) return { text: text, ranges: ranges };
    var start = Math.max(0, ranges[0][0] - Math.floor(room / 3));
    var end = Math.min(text.length, start + room);
    var pre = start > 0 ? "…" : "", post = end < text.length ? "…" : "";
    var shift = start - pre.length;
    return {
      text: pre + text.slice(start, end) + post,
      ranges: ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
        .map(function (r) { return [r[0] - shift, r[1] - shift]; }),
    };
  }

  function setup(box) {
    var input = box.querySelector("input"), list = box.querySelector("ol");
    var status = box.querySelector("[role=status]");
    var index = null, loading = null;
    var lang = document.documentElement.lang || undefined;
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

    function load() {
      if (!loading) {
        loading = fetch(box.getAttribute("data-index"))
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (json) { index = json; return json; })
          .catch(function () { box.hidden = true; });
      }
      return loading;
    }

    function results() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    function close() {
      list.hidden = true;
      status.textContent = "";
      box.classList.remove("open");
    }

    function count(n) {
      var one = plural ? plural.select(n) === "one" && n === 1 : n === 1;
      return one ? input.getAttribute("data-count-one")
        : (input.getAttribute("data-count-other") || "{n}").replace("{n}", String(n));
    }

    function show() {
      var text = input.value.trim();
      list.textContent = "";
      if (!text || !index) { close(); return; }
      var hits = query(index, text).slice(0, 10);
      hits.forEach(function (d) {
        var doc = index.docs[d], li = document.createElement("li"), a = document.createElement("a");
        a.href = doc.url;
        var title = document.createElement("strong");
        highlight(title, doc.title, matches(doc.title, text));
        a.appendChild(title);
        var description = plain(doc.description);
        var found = matches(description, text);
        var body = doc.text ? plain(doc.text) : "";
        var more = body ? matches(body, text) : [];
        // The description, or where the words are in the text when only
        // the text has them.
        var shown = !found.length && more.length ? excerpt(body, more, 140) : { text: description, ranges: found };
        if (shown.text) {
          var p = document.createElement("span");
          highlight(p, shown.text, shown.ranges);
          a.appendChild(p);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
      box.classList.add("open");
      status.classList.toggle("visually-hidden", hits.length > 0);
      status.textContent = hits.length ? count(hits.length) : input.getAttribute("data-empty");
    }

    function open() {
      if (!input.value.trim()) return;
      if (index) show(); else load().then(show);
    }

    // Coming back to the box from outside shows the results of what is in
    // it; coming back from the results (Escape, ArrowUp) does not.
    input.addEventListener("focus", function (e) {
      load();
      if (!e.relatedTarget || !box.contains(e.relatedTarget)) open();
    });
    input.addEventListener("input", function () {
      if (index) show(); else load().then(show);
    });
    input.addEventListener("keydown", function (e) {
      var links = results();
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { open(); return; }
        if (!links.length) return;
        e.preventDefault();
        links[e.key === "ArrowDown" ? 0 : links.length - 1].focus();
      } else if (e.key === "Enter") {
        if (list.hidden || !links.length) return;
        e.preventDefault();
        links[0].click();
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (!list.hidden || status.textContent) close();
        else input.value = "";
      }
    });
    list.addEventListener("keydown", function (e) {
      var links = results(), at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (at === 0) input.focus(); else links[at - 1].focus();
      } else if (e.key === "Home" || e.key === "End") {
        e.preventDefault();
        links[e.key === "Home" ? 0 : links.length - 1].focus();
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
        input.focus();
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== " ") {
        // Typing goes on in the box.
        input.focus();
      }
    });
    // A click, tap or focus outside closes the results.
    document.addEventListener("pointerdown", function (e) {
      if (!box.contains(e.target)) close();
    });
    box.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !box.contains(e.relatedTarget)) close();
    });
    // "/" anywhere but in a text field, or Ctrl+K (⌘K), focuses the box.
    document.addEventListener("keydown", function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      var slash = e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
      var k = (e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey;
      if (!slash && !k) return;
      if (box.hidden || box.offsetParent === null || document.querySelector("dialog[open]")) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
    box.hidden = false;
  }

  if (typeof document !== "undefined") {
    var boxes = document.querySelectorAll("[data-zd-search]");
    for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, tokens: tokens, query: query, plain: plain, matches: matches, nearPrefix: nearPrefix };
  }
})(this);
