// A many-to-many field as checkboxes under a search box (core/admin_forms.py): typing hides the
// options that do not match, in either script and digit set; the chosen ones stay visible.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text) { return text; };
  function fold(text) {
    return text.toLowerCase()
      .replace(/[۰-۹]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(d); })
      .replace(/ي/g, "ی").replace(/ك/g, "ک").replace(/\u200c/g, " ");
  }
  function filter(list) {
    var words = fold(list.querySelector(".checklist__search").value).split(/\s+/).filter(Boolean);
    var shown = 0, chosen = 0;
    list.querySelectorAll(".checklist__options label").forEach(function (label) {
      var box = label.querySelector("input");
      var text = fold(label.textContent);
      var match = box.checked || words.every(function (word) { return text.indexOf(word) !== -1; });
      var item = label.closest("li") || label;
      item.hidden = !match;
      if (match) shown += 1;
      if (box.checked) chosen += 1;
    });
    list.querySelector(".checklist__count").textContent = interpolate(
      gettext("%(chosen)s chosen, %(shown)s shown"), { chosen: chosen, shown: shown }, true);
  }
  document.addEventListener("input", function (event) {
    var list = event.target.closest && event.target.closest("[data-checklist]");
    if (list && event.target.classList.contains("checklist__search")) filter(list);
  });
  document.addEventListener("change", function (event) {
    var list = event.target.closest && event.target.closest("[data-checklist]");
    if (list && event.target.type === "checkbox") filter(list);
  });
  function start() { document.querySelectorAll("[data-checklist]").forEach(filter); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
