// Reloads the page every N seconds, N read from <div id="auto-refresh" data-seconds="N">. Used by the projector
// view of published results so that it follows late changes (e.g. a regrade) without anyone touching it.
(function () {
  var el = document.getElementById("auto-refresh");
  var secs = el ? parseInt(el.getAttribute("data-seconds"), 10) : 0;
  if (secs > 0) {
    setTimeout(function () { window.location.reload(); }, secs * 1000);
  }
})();
