/* zapdoc search box: finds pages in the per-language index
   (search-index.<lang>.json, written at build time) entirely in the
   browser, from static files. Tokens are folded exactly as the index's
   (src/search.rs): lowercase, accents dropped, words of two or more
   letters, CJK runs cut into overlapping bigrams. Without JavaScript the
   box stays hidden. */
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

  /* Documents matching every query token, best first: a term equal to a
     token counts twice its weight, a term starting with it once. */
  function query(index, text) {
    var wanted = Array.from(new Set(tokens(text))).sort();
    if (!wanted.length) return [];
    var n = index.docs.length, total = new Array(n).fill(0);
    for (var q = 0; q < wanted.length; q++) {
      var best = new Array(n).fill(0), token = wanted[q];
      for (var t = 0; t < index.terms.length; t++) {
        var term = index.terms[t];
        var factor = term === token ? 2 : term.startsWith(token) ? 1 : 0;
        if (!factor) continue;
        var p = index.postings[t];
        for (var i = 0; i + 1 < p.length; i += 2) {
          best[p[i]] = Math.max(best[p[i]], p[i + 1] * factor);
        }
      }
      for (var d = 0; d < n; d++) total[d] = total[d] < 0 || !best[d] ? -1 : total[d] + best[d];
    }
    var hits = [];
    for (var k = 0; k < n; k++) if (total[k] > 0) hits.push(k);
    hits.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return hits;
  }

  function setup(box) {
    var input = box.querySelector("input"), list = box.querySelector("ol");
    var status = box.querySelector("[role=status]");
    var index = null, loading = null;
    function load() {
      if (!loading) {
        loading = fetch(box.getAttribute("data-index"))
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (json) { index = json; return json; })
          .catch(function () { box.hidden = true; });
      }
      return loading;
    }
    function show() {
      var text = input.value.trim();
      list.textContent = "";
      if (!text || !index) { list.hidden = true; status.textContent = ""; return; }
      var hits = query(index, text).slice(0, 10);
      hits.forEach(function (d) {
        var doc = index.docs[d], li = document.createElement("li"), a = document.createElement("a");
        a.href = doc.url;
        var title = document.createElement("strong");
        title.textContent = doc.title;
        a.appendChild(title);
        if (doc.description) {
          var p = document.createElement("span");
          p.textContent = doc.description;
          a.appendChild(p);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
      status.textContent = hits.length ? "" : input.getAttribute("data-empty");
    }
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(show); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; show(); }
    });
    box.hidden = false;
  }

  if (typeof document !== "undefined") {
    var boxes = document.querySelectorAll("[data-zd-search]");
    for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, tokens: tokens, query: query };
  }
})(this);
