/* 45+ 就業資源網 admin: what Wagtail 8 does in inline <script>s, done from a file.

   The Content-Security-Policy allows scripts from our own origin only (script-src 'self'), so
   Wagtail's inline initialisers of date/time pickers, inline panels and choosers would be
   blocked. Our template overrides (site45/home/templates/wagtailadmin/) and
   site45/wagtail_compat/chooser_csp.py (choosers) leave an inert
   <script type="application/json" data-site45-init="…"> instead; this file, loaded on every
   admin page (site45/home/wagtail_hooks.py), runs the initialiser named there — only those
   listed below, never an arbitrary global — once the page is parsed and whenever such an element is
   added later (panels added from <template>s, dialogs, modals). */
(function () {
  "use strict";

  var INITIALISERS = {
    initDateChooser: function (el, config) { window.initDateChooser(el.dataset.site45Id, config); },
    initTimeChooser: function (el, config) { window.initTimeChooser(el.dataset.site45Id, config); },
    initDateTimeChooser: function (el, config) { window.initDateTimeChooser(el.dataset.site45Id, config); },
    Chooser: function (el, config) { return new window.Chooser(el.dataset.site45Id, config); },
    PageChooser: function (el, config) { return new window.PageChooser(el.dataset.site45Id, config); },
    ImageChooser: function (el, config) { return new window.ImageChooser(el.dataset.site45Id, config); },
    DocumentChooser: function (el, config) { return new window.DocumentChooser(el.dataset.site45Id, config); },
    SnippetChooser: function (el, config) { return new window.SnippetChooser(el.dataset.site45Id, config); },
    createTaskChooser: function (el) { window.createTaskChooser(el.dataset.site45Id); },
    InlinePanel: function (el, config) { return new window.InlinePanel(config); },
    MultipleChooserPanel: function (el, config) { return new window.MultipleChooserPanel(config); }
  };
  var SELECTOR = 'script[type="application/json"][data-site45-init]';

  function run(el) {
    if (el.hasAttribute("data-site45-done")) {
      return;
    }
    var initialiser = INITIALISERS[el.getAttribute("data-site45-init")];
    if (!initialiser) {
      return;
    }
    el.setAttribute("data-site45-done", "");
    initialiser(el, JSON.parse(el.getAttribute("data-site45-config") || "{}"));
  }

  function runWithin(node) {
    if (node.nodeType !== 1) {
      return;
    }
    if (node.matches(SELECTOR)) {
      run(node);
    }
    node.querySelectorAll(SELECTOR).forEach(run);
  }

  function start() {
    runWithin(document.documentElement);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(runWithin);
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
