#include "serve/server.hpp"

namespace sprout::serve {

// Plain DOM only (textContent, never innerHTML), so diagnostics quoting content cannot inject markup.
const char* const live_reload_js = R"JS((function () {
  "use strict";
  var overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "sprout-error-overlay";
      overlay.setAttribute("role", "alertdialog");
      overlay.setAttribute("aria-label", "Build error");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(11,12,12,.94);" +
        "color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem";
      var h = document.createElement("h2");
      h.textContent = "Sprout could not rebuild the site";
      h.style.cssText = "color:#ffdd00;font:bold 1.4rem system-ui,sans-serif;margin:0 0 1rem";
      var p = document.createElement("p");
      p.textContent = "The last good version is still shown underneath. Fix the problem and save: this page reloads by itself.";
      p.style.cssText = "font-family:system-ui,sans-serif;margin:0 0 1rem";
      var pre = document.createElement("pre");
      pre.id = "sprout-error-text";
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(h);
      overlay.appendChild(p);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    document.getElementById("sprout-error-text").textContent = message;
  }
  // The site's generation this page was served at: a rebuild that finished before the stream
  // opened is still heard of.
  var script = document.currentScript;
  var since = script && script.dataset ? script.dataset.since : "";
  function connect() {
    var es = new EventSource("/__sprout/events" + (since ? "?since=" + encodeURIComponent(since) : ""));
    es.addEventListener("reload", function (e) {
      var only = JSON.parse(e.data || "{}").only;
      if (!only || location.pathname.indexOf(only) === 0) location.reload();
    });
    es.addEventListener("failed", function (e) { show(JSON.parse(e.data).message); });
    es.addEventListener("ok", function () {
      if (overlay) { overlay.remove(); overlay = null; }
    });
    es.onerror = function () { es.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
)JS";

}  // namespace sprout::serve
