// The admin in the staff member's language and each field in its own direction.
// Loaded on every admin page (core/wagtail_hooks.py); a file of our own, so the admin's
// Content-Security-Policy lets it run.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text) { return text; };
  // wagtail-localize's editor writes "<source> to <target> translation" in English (not
  // through its catalogue), and the date-time picker its "Save Selected" button.
  var TITLE = /^(.+) to (.+) translation$/;

  function translateTitle(node) {
    var match = TITLE.exec(node.nodeValue.trim());
    if (match) {
      node.nodeValue = interpolate(gettext("%(source)s to %(target)s translation"),
        { source: match[1], target: match[2] }, true);
    }
  }

  function fix(root) {
    if (!root.querySelectorAll) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.indexOf(" translation") !== -1) translateTitle(walker.currentNode);
    }
    root.querySelectorAll(".xdsoft_save_selected").forEach(function (button) {
      button.textContent = gettext("Save Selected");
    });
    // The translation editor's menu button, which its script labels in English.
    root.querySelectorAll(".w-dropdown__toggle .w-sr-only").forEach(function (label) {
      if (label.textContent === "More actions") label.textContent = gettext("More actions");
    });
    // Text typed in either language: fields that belong to no one language follow what is
    // typed (Persian right to left, English left to right).
    root.querySelectorAll("input[type=text]:not([dir]), input[type=search]:not([dir]), textarea:not([dir])")
      .forEach(function (field) { field.setAttribute("dir", "auto"); });
  }

  function start() {
    fix(document.body);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) fix(node);
          else if (node.nodeType === 3 && node.nodeValue.indexOf(" translation") !== -1) translateTitle(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
