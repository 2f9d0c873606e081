// The round form: the running total of the per-topic counts against the round's question count.
(function () {
  "use strict";
  var fields = document.querySelectorAll("[data-topic-count]");
  var sum = document.getElementById("topic-sum");
  var target = document.getElementById("topic-target");
  var count = document.getElementById("question_count");
  var total = document.getElementById("topic-total");
  if (!sum || !target || !count || !total) return;
  function update() {
    var n = 0;
    fields.forEach(function (f) {
      var v = parseInt(f.value, 10);
      if (v > 0) n += v;
    });
    var want = parseInt(count.value, 10) || 0;
    sum.textContent = String(n);
    target.textContent = String(want);
    total.classList.toggle("mismatch", n !== want);
  }
  fields.forEach(function (f) { f.addEventListener("input", update); });
  count.addEventListener("input", update);
  update();
})();
