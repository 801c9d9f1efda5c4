/* 45+ 就業資源網: text size control (A− A A+, remembered in localStorage) and the phone menu.
   Loaded in <head> without defer so the saved text size applies before the first paint.
   No framework, no network. */
(function () {
  "use strict";
  var KEY = "site45-font-size";
  var SIZES = ["small", "normal", "large"];
  var root = document.documentElement;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return SIZES.indexOf(value) >= 0 ? value : "normal";
    } catch (e) {
      return "normal";
    }
  }

  function apply(size) {
    if (size === "normal") {
      root.removeAttribute("data-font-size");
    } else {
      root.setAttribute("data-font-size", size);
    }
  }

  root.className += (root.className ? " " : "") + "js";
  apply(stored());

  function setupFontSize() {
    var control = document.querySelector("[data-font-size-control]");
    if (!control) return;
    var buttons = control.querySelectorAll("button[data-font-size]");
    function mark(size) {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-font-size") === size ? "true" : "false");
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        var size = this.getAttribute("data-font-size");
        apply(size);
        mark(size);
        try {
          window.localStorage.setItem(KEY, size);
        } catch (e) { /* private mode: the size still applies to this page */ }
      });
    }
    mark(stored());
    control.hidden = false;
  }

  function setupMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
  }

  function init() {
    setupFontSize();
    setupMenu();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
