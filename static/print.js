// Print buttons (<button data-print>) open the browser's print dialog; Ctrl+P does the same.
"use strict";
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
