/* The printable account application form: its 「列印」 button (no inline onclick: CSP script-src 'self'). */
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
