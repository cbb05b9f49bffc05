// Offline search over the index built with the site (assets/search-index.js), ranking title
// matches above summary matches above body matches.
(function () {
  "use strict";
  var index = window.sproutSearchIndex || [];
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !status || !list) return;
  var MAX_RESULTS = 50;

  // Links in the index are relative to the site root; this page is at the root.
  function norm(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var docs = index.map(function (d) {
    return { d: d, title: norm(d.title), summary: norm(d.summary), body: norm(d.body) };
  });

  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], s = 0;
      if (doc.title.indexOf(t) >= 0) s += 10;
      if (doc.summary.indexOf(t) >= 0) s += 3;
      if (doc.body.indexOf(t) >= 0) s += 1;
      if (s === 0) return 0; // every word must match somewhere
      total += s;
    }
    return total;
  }

  function render(query) {
    list.textContent = "";
    var terms = norm(query).split(/\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) {
      status.textContent = "Type a word or phrase and press Search.";
      return;
    }
    var hits = docs
      .map(function (doc) { return { doc: doc, s: score(doc, terms) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s || a.doc.d.title.localeCompare(b.doc.d.title); });
    status.textContent = hits.length === 0
      ? "No results for “" + query + "”."
      : hits.length + (hits.length === 1 ? " result" : " results") + " for “" + query + "”" +
        (hits.length > MAX_RESULTS ? ", showing the first " + MAX_RESULTS + "." : ".");
    hits.slice(0, MAX_RESULTS).forEach(function (h) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "result__kind";
      kind.textContent = h.doc.d.kind;
      var a = document.createElement("a");
      a.href = h.doc.d.url;
      a.textContent = h.doc.d.title;
      var p = document.createElement("p");
      p.textContent = h.doc.d.summary;
      li.appendChild(kind);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  render(q);
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    var value = input.value;
    var url = new URL(window.location.href);
    url.searchParams.set("q", value);
    try { window.history.replaceState(null, "", url.toString()); } catch (err) { /* file:// may refuse */ }
    render(value);
  });
})();
