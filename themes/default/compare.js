// Builds a side-by-side table of the 2 to 4 interventions chosen in the form (?i=a&i=b),
// from the full comparison table already in the page, which works without this script.
(function () {
  "use strict";
  var MAX = 4;
  var form = document.getElementById("compare-form");
  var table = document.getElementById("compare-table");
  var out = document.getElementById("compare-chosen");
  var status = document.getElementById("compare-status");
  if (!form || !table || !out || !status) return;

  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="i"]'));
  var params = new URLSearchParams(window.location.search);
  var chosen = params.getAll("i").filter(function (id, n, all) {
    return all.indexOf(id) === n && document.getElementById("compare-" + id);
  });

  boxes.forEach(function (b) { b.checked = chosen.indexOf(b.value) >= 0; });

  function countChecked() { return boxes.filter(function (b) { return b.checked; }).length; }

  form.addEventListener("change", function (e) {
    if (e.target.name !== "i") return;
    if (countChecked() > MAX) {
      e.target.checked = false;
      status.textContent = "You can compare up to " + MAX + " interventions at a time.";
    } else {
      status.textContent = countChecked() + " chosen.";
    }
  });
  form.addEventListener("submit", function (e) {
    var n = countChecked();
    if (n < 2 || n > MAX) {
      e.preventDefault();
      status.textContent = "Choose between 2 and " + MAX + " interventions to compare.";
    }
  });

  if (chosen.length === 0) return;
  if (chosen.length < 2 || chosen.length > MAX) {
    status.textContent = "Choose between 2 and " + MAX + " interventions to compare.";
    return;
  }

  // Transpose: one column per chosen intervention, one row per column of the full table.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var rows = chosen.map(function (id) { return document.getElementById("compare-" + id); });

  var heading = document.createElement("h2");
  heading.id = "chosen";
  heading.textContent = "Your comparison";
  var wrap = document.createElement("section");
  wrap.className = "table-wrap";
  wrap.setAttribute("aria-labelledby", "chosen");
  wrap.tabIndex = 0;
  var t = document.createElement("table");
  t.className = "compare-table compare-table--chosen";
  var thead = t.createTHead().insertRow();
  var corner = document.createElement("td");
  thead.appendChild(corner);
  rows.forEach(function (r) {
    var th = document.createElement("th");
    th.scope = "col";
    th.innerHTML = r.cells[0].innerHTML;
    thead.appendChild(th);
  });
  var body = t.createTBody();
  headers.slice(1).forEach(function (h, n) {
    // Leave out scales none of the chosen interventions is rated on.
    var rated = rows.some(function (r) { return !r.cells[n + 1].querySelector(".none"); });
    if (!rated && h.hasAttribute("data-scale")) return;
    var tr = body.insertRow();
    var th = document.createElement("th");
    th.scope = "row";
    th.innerHTML = h.innerHTML;
    tr.appendChild(th);
    rows.forEach(function (r) {
      var td = r.cells[n + 1].cloneNode(true);
      tr.appendChild(td);
    });
  });
  var note = document.createElement("p");
  note.textContent = "Evidence levels are not a ranking of impact: compare levels only within the same scale.";
  wrap.appendChild(t);
  out.appendChild(heading);
  out.appendChild(note);
  out.appendChild(wrap);
  status.textContent = "Comparing " + chosen.length + " interventions.";
  heading.tabIndex = -1;
  heading.focus();
})();
