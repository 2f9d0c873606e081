// The ceremony screen: one slide at a time. → / Space / PageDown / Enter or a click: next; ← / PageUp: back;
// Home / End: first / last; F: full screen. The slide number stays in the address, so a reload keeps the place.
// Without this script every slide shows, one after the other.
"use strict";
(() => {
  const slides = Array.from(document.querySelectorAll(".slide"));
  if (slides.length === 0) {
    return;
  }
  let at = 0;
  const show = (i) => {
    at = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach((s, k) => {
      s.hidden = k !== at;
    });
    history.replaceState(null, "", "#" + (at + 1));
  };
  document.body.classList.add("one-slide");
  const start = parseInt(location.hash.slice(1), 10);
  show(Number.isFinite(start) ? start - 1 : 0);
  document.addEventListener("keydown", (e) => {
    if (["ArrowRight", "PageDown", " ", "Enter"].includes(e.key)) {
      e.preventDefault();
      show(at + 1);
    } else if (["ArrowLeft", "PageUp"].includes(e.key)) {
      e.preventDefault();
      show(at - 1);
    } else if (e.key === "Home") {
      show(0);
    } else if (e.key === "End") {
      show(slides.length - 1);
    } else if (e.key === "f" || e.key === "F") {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        document.documentElement.requestFullscreen().catch(() => {});
      }
    }
  });
  document.addEventListener("click", (e) => {
    if (!e.target.closest("a, button")) {
      show(at + 1);
    }
  });
})();
