// The quiz page: saves each choice the moment it is made (PUT /api/v1/attempts/{id}/answers/{q}), shows
// "Đã lưu" per question, retries with backoff while the network is down and warns while anything is unsaved,
// keeps "Đã trả lời n/N" in the bar, counts down from the server's deadline (clock offset synced from the
// server's `now`), warns at 5 minutes and 1 minute left, confirms before submitting with the list of unanswered
// questions, and submits by itself when time is up.
// Without this script the page is a plain form that posts every answer; the server enforces time either way.
(function () {
  "use strict";
  var bar = document.getElementById("quiz-bar");
  var form = document.getElementById("quiz-form");
  if (!bar || !form) return;
  var attemptId = bar.getAttribute("data-attempt");
  var deadline = Date.parse(bar.getAttribute("data-deadline"));
  var offset = Date.parse(bar.getAttribute("data-now")) - Date.now();
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var countdown = document.getElementById("countdown");
  var saveState = document.getElementById("save-state");
  var states = {}; // question id -> {seq, sentSeq, busy, failed}
  var seq = 0;
  var closed = false;
  var submitting = false;

  function serverNow() { return Date.now() + offset; }
  function syncClock(now) { var t = Date.parse(now); if (!isNaN(t)) offset = t - Date.now(); }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  function chosen(qid) {
    var inputs = form.querySelectorAll('input[name="q_' + qid + '"]');
    var ids = [];
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) ids.push(Number(inputs[i].value));
    return ids;
  }

  function setStatus(qid, text, cls) {
    var el = document.getElementById("status-" + qid);
    if (!el) return;
    el.textContent = text;
    el.className = "q-status" + (cls ? " " + cls : "");
  }

  function markPalette(qid) {
    var link = document.querySelector('#palette a[data-question="' + qid + '"]');
    if (link) link.classList.toggle("answered", chosen(qid).length > 0);
  }

  var answeredCount = document.getElementById("answered-count");
  function countAnswered() {
    var sets = form.querySelectorAll("fieldset[data-question]");
    var n = 0;
    for (var i = 0; i < sets.length; i++) if (chosen(sets[i].getAttribute("data-question")).length > 0) n++;
    if (answeredCount) answeredCount.textContent = "Đã trả lời " + n + "/" + sets.length;
  }

  // A question reached from the palette scrolls to just below the sticky bar, whose height changes as it
  // wraps on a narrow phone or shows a longer message (the CSS holds a fallback for pages without this script).
  function fitBar() {
    document.documentElement.style.setProperty("--quiz-bar-height", bar.offsetHeight + "px");
  }
  fitBar();
  window.addEventListener("resize", fitBar);
  if (window.ResizeObserver) new ResizeObserver(fitBar).observe(bar);

  function unsavedCount() {
    var n = 0;
    for (var q in states) if (states[q].sentSeq !== states[q].seq) n++;
    return n;
  }

  function updateGlobal() {
    var unsaved = unsavedCount();
    var failing = false;
    for (var q in states) if (states[q].failed) failing = true;
    if (closed) return;
    if (unsaved === 0) {
      saveState.textContent = "Tất cả câu trả lời đã được lưu.";
      saveState.className = "save-state";
    } else if (failing) {
      saveState.textContent = "Mất kết nối: còn " + unsaved + " câu trả lời CHƯA LƯU. Đang thử lại, đừng đóng trang.";
      saveState.className = "save-state unsaved";
    } else {
      saveState.textContent = "Đang lưu…";
      saveState.className = "save-state";
    }
  }

  function stopWith(message) {
    closed = true;
    saveState.textContent = message;
    saveState.className = "save-state unsaved";
    var inputs = form.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) if (inputs[i].type !== "hidden") inputs[i].disabled = true;
  }

  async function send(qid) {
    var st = states[qid];
    if (st.busy) return;
    st.busy = true;
    var failures = 0;
    while (st.sentSeq !== st.seq && !closed) {
      var mySeq = st.seq;
      try {
        var res = await fetch("/api/v1/attempts/" + attemptId + "/answers/" + qid, {
          method: "PUT",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ option_ids: chosen(qid) })
        });
        var body = await res.json().catch(function () { return {}; });
        if (res.ok) {
          if (body.now) syncClock(body.now);
          st.failed = false;
          failures = 0;
          if (st.seq === mySeq) { st.sentSeq = mySeq; setStatus(qid, "Đã lưu", "saved"); }
        } else if (res.status >= 500 || res.status === 429) {
          throw new Error("server " + res.status);
        } else {
          var msg = body.error && body.error.message ? body.error.message : "Không lưu được câu trả lời.";
          st.sentSeq = st.seq;
          setStatus(qid, msg, "error");
          if (res.status === 409 || res.status === 401) stopWith(msg);
        }
      } catch (e) {
        st.failed = true;
        failures++;
        setStatus(qid, "Chưa lưu được – đang thử lại…", "error");
        updateGlobal();
        await sleep(Math.min(10000, 500 * Math.pow(2, Math.min(failures, 5))));
      }
    }
    st.busy = false;
    updateGlobal();
  }

  form.addEventListener("change", function (ev) {
    var input = ev.target;
    if (!input.name || input.name.indexOf("q_") !== 0 || closed) return;
    var qid = input.name.slice(2);
    var st = states[qid] || (states[qid] = { seq: 0, sentSeq: 0, busy: false, failed: false });
    st.seq = ++seq;
    setStatus(qid, "Đang lưu…", "");
    markPalette(qid);
    countAnswered();
    updateGlobal();
    send(qid);
  });

  window.addEventListener("beforeunload", function (ev) {
    if (unsavedCount() > 0 && !submitting) { ev.preventDefault(); ev.returnValue = ""; }
  });
  window.addEventListener("online", function () { for (var q in states) send(q); });

  async function flush(maxMs) {
    var until = Date.now() + maxMs;
    while (unsavedCount() > 0 && Date.now() < until) await sleep(100);
  }

  async function submitNow() {
    if (submitting) return;
    submitting = true;
    await flush(4000);
    // The form carries every answer, so even one that never got through is sent once more with it.
    form.submit();
  }

  function unanswered() {
    var list = [];
    var sets = form.querySelectorAll("fieldset[data-question]");
    for (var i = 0; i < sets.length; i++) {
      if (chosen(sets[i].getAttribute("data-question")).length === 0) list.push(i + 1);
    }
    return list;
  }

  var box = document.getElementById("confirm-box");
  form.addEventListener("submit", function (ev) {
    if (submitting) return;
    ev.preventDefault();
    var missing = unanswered();
    document.getElementById("confirm-text").textContent = missing.length === 0
      ? "Bạn đã trả lời tất cả các câu. Nộp bài ngay?"
      : "Bạn chưa trả lời " + missing.length + " câu: " + missing.join(", ") + ". Vẫn nộp bài?";
    box.hidden = false;
    document.getElementById("confirm-yes").focus();
  });
  document.getElementById("confirm-yes").addEventListener("click", submitNow);
  document.getElementById("confirm-no").addEventListener("click", function () {
    box.hidden = true;
    document.getElementById("submit-button").focus();
  });

  // A polite message in the bar (never a dialog that would interrupt a choice) when 5 minutes and then 1 minute
  // are left; a page opened later shows the warning of the stage it is in.
  var warning = document.getElementById("time-warning");
  var warnedStage = 0;
  function warn(left) {
    var stage = left <= 60 ? 2 : left <= 300 ? 1 : 0;
    if (!warning || stage <= warnedStage || left === 0) return;
    warnedStage = stage;
    warning.textContent = "Còn " + Math.ceil(left / 60) + " phút làm bài. Khi hết giờ, bài được tự động nộp.";
  }

  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function tick() {
    var left = Math.max(0, Math.floor((deadline - serverNow()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    countdown.textContent = (h > 0 ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
    countdown.classList.toggle("low", left <= 60);
    warn(left);
    if (left === 0) {
      clearInterval(timer);
      if (!closed) { saveState.textContent = "Hết giờ làm bài: đang nộp bài với các câu trả lời đã lưu…"; }
      // Tells the server the clock ran out (unless the person had already pressed submit): the result then
      // says the attempt was submitted automatically.
      if (submitting) return;
      var flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "het_gio";
      flag.value = "1";
      form.appendChild(flag);
      submitNow();
    }
  }
  var timer = setInterval(tick, 1000);
  tick();
  updateGlobal();
})();
