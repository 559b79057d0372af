// Small behaviours that CSP keeps out of inline scripts (script-src 'self').
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var done = button.getAttribute("data-copied") || "Copied";
      var status = document.getElementById(button.getAttribute("data-status") || "");
      if (status) { status.textContent = done; }
    });
  });
})();
