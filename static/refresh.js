// Reloads the page every N seconds, N read from <div id="auto-refresh" data-seconds="N">: the projector view of
// published results (to follow late changes such as a regrade) and the organiser's live progress. It waits while
// someone is typing into a form, and the page comes back at the same scroll position.
(function () {
  "use strict";
  var el = document.getElementById("auto-refresh");
  var secs = el ? parseInt(el.getAttribute("data-seconds"), 10) : 0;
  if (!(secs > 0)) return;
  var key = "scroll:" + location.pathname + location.search;
  try {
    var kept = sessionStorage.getItem(key);
    if (kept !== null) {
      sessionStorage.removeItem(key);
      window.scrollTo(0, parseInt(kept, 10) || 0);
    }
  } catch (e) { /* storage refused: the browser's own restoration applies */ }
  function busy() {
    var a = document.activeElement;
    if (a && /^(INPUT|SELECT|TEXTAREA)$/.test(a.tagName) && a.type !== "submit") return true;
    var fields = document.querySelectorAll("form[method=post] input[type=number], form[method=post] textarea");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== fields[i].defaultValue) return true;
    }
    return false;
  }
  function tick() {
    if (busy()) { setTimeout(tick, secs * 1000); return; }
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* see above */ }
    window.location.reload();
  }
  setTimeout(tick, secs * 1000);
})();
