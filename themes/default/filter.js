// Filters the intervention list in place. The list is complete without this script; the
// filter form is hidden until the script reveals it.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  if (!form || !status) return;
  form.hidden = false;

  var items = Array.prototype.slice.call(document.querySelectorAll(".items > .item[data-id]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));

  function words(s) { return (s || "").split(" ").filter(Boolean); }

  function ageMatches(item, value) {
    if (!value) return true;
    var band = value.split(":").map(Number);
    var min = item.dataset.ageMin, max = item.dataset.ageMax;
    if (min === undefined && max === undefined) return false; // age not stated
    var lo = min === undefined ? -9 : Number(min), hi = max === undefined ? 240 : Number(max);
    return lo <= band[1] && hi >= band[0];
  }

  function matches(item, f) {
    return ageMatches(item, f.age) &&
      (!f.level || words(item.dataset.levels).indexOf(f.level) >= 0) &&
      (!f.setting || words(item.dataset.settings).indexOf(f.setting) >= 0) &&
      (!f.nation || words(item.dataset.nations).indexOf(f.nation) >= 0) &&
      (!f.audience || words(item.dataset.audiences).indexOf(f.audience) >= 0) &&
      (!f.target || (item.dataset.target || "").toLowerCase().indexOf(f.target) >= 0);
  }

  function update() {
    var f = {
      age: form.elements.age.value,
      level: form.elements.level.value,
      setting: form.elements.setting.value,
      nation: form.elements.nation.value,
      audience: form.elements.audience.value,
      target: form.elements.target.value.trim().toLowerCase()
    };
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, f);
      item.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector(".item:not([hidden])");
    });
    status.textContent = shown === items.length
      ? items.length + " interventions."
      : "Showing " + shown + " of " + items.length + " interventions.";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  update();
})();
