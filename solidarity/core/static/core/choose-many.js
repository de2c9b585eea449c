// A many-to-many field as the chosen records and a search box (core/admin_choosers.py): typing
// asks the server for at most twenty records; the arrow keys and Enter (or a click) add one as
// a ticked checkbox, the × button (or unticking) removes it. Without this script the ticked
// checkboxes are sent back as they are.
(function () {
  "use strict";
  var DELAY = 200;

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    box.classList.add("is-ready");
    var input = box.querySelector(".choose-many__input");
    var results = box.querySelector(".choose-many__results");
    var chosen = box.querySelector(".choose-many__chosen");
    var none = box.querySelector(".choose-many__none");
    var status = box.querySelector(".choose-many__status");
    var template = box.querySelector(".choose-many__template");
    var timer = null, asked = 0, active = -1, found = [];

    box.querySelector(".choose-many__search").hidden = false;
    box.querySelector(".choose-many__nojs").hidden = true;
    chosen.querySelectorAll(".choose-many__remove").forEach(function (button) { button.hidden = false; });

    function say(text) { status.textContent = text; }
    function chosenIds() {
      return Array.prototype.map.call(chosen.querySelectorAll(".choose-many__box:checked"), function (c) { return c.value; });
    }
    function refreshNone() { none.hidden = chosen.querySelector(".choose-many__item") !== null; }

    function close() {
      results.hidden = true;
      results.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      found = [];
    }

    function mark(index) {
      var options = results.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, n) { option.setAttribute("aria-selected", n === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function nameOf(record) {
      var name = document.createElement("bdi");
      name.textContent = record.label;
      if (record.lang) name.lang = record.lang;
      name.dir = record.dir || "auto";
      return name;
    }

    function show(data) {
      var have = chosenIds();
      found = data.results.filter(function (record) { return have.indexOf(record.id) === -1; });
      results.textContent = "";
      active = -1;
      found.forEach(function (record, n) {
        var option = document.createElement("li");
        option.id = input.id + "-option-" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "choose-many__option";
        option.appendChild(nameOf(record));
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { pick(n); });
        results.appendChild(option);
      });
      if (!found.length) {
        var empty = document.createElement("li");
        empty.className = "choose-many__empty";
        empty.textContent = box.dataset.noResults;
        results.appendChild(empty);
      } else if (data.more) {
        var more = document.createElement("li");
        more.className = "choose-many__more";
        more.textContent = box.dataset.more;
        results.appendChild(more);
      }
      results.hidden = false;
      input.setAttribute("aria-expanded", "true");
      say(found.length ? "" : box.dataset.noResults);
      if (found.length) mark(0);
    }

    function ask() {
      var query = input.value.trim();
      var ticket = ++asked;
      if (!query) { close(); return; }
      fetch(box.dataset.url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin", headers: { Accept: "application/json" },
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (data) {
        if (ticket === asked) show(data);
      }).catch(function () {
        if (ticket === asked) { close(); say(box.dataset.failed); }
      });
    }

    function add(record) {
      var item = template.content.firstElementChild.cloneNode(true);
      var tick = item.querySelector(".choose-many__box");
      var button = item.querySelector(".choose-many__remove");
      var old = item.querySelector(".choose-many__name");
      var name = nameOf(record);
      name.classList.add("choose-many__name");
      old.parentNode.replaceChild(name, old);
      item.dataset.id = record.id;
      tick.value = record.id;
      tick.checked = true;
      button.setAttribute("aria-label", button.dataset.removeLabel + " " + record.label);
      button.hidden = false;
      // A foreign key holds one record: the new one replaces the old.
      if (box.hasAttribute("data-single")) chosen.textContent = "";
      chosen.appendChild(item);
      refreshNone();
      say(box.dataset.added + " " + record.label);
      // A listing's filters follow their fields' changes.
      tick.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function pick(index) {
      var record = found[index];
      if (!record) return;
      if (chosenIds().indexOf(record.id) === -1) add(record);
      else say(box.dataset.already + " " + record.label);
      input.value = "";
      close();
      input.focus();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (results.hidden) { ask(); return; }
        mark(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        // Enter picks; it never sends the whole form from the search box.
        event.preventDefault();
        if (!results.hidden && active >= 0) pick(active);
        else { clearTimeout(timer); ask(); }
      } else if (event.key === "Escape" && !results.hidden) {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
    // Closed by what the person does: Tab away, Escape, a click or touch outside. Not on every
    // loss of focus: the admin moves the focus by itself (a modal fading in or out, the window
    // losing focus), and the answers would vanish under the pointer. Opened again on coming back.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Tab") close();
    });
    input.addEventListener("focus", function () {
      if (results.hidden && input.value.trim()) ask();
    });
    document.addEventListener("pointerdown", function (event) {
      if (!results.hidden && !box.contains(event.target)) close();
    });

    chosen.addEventListener("click", function (event) {
      var button = event.target.closest(".choose-many__remove");
      if (!button) return;
      var item = button.closest(".choose-many__item");
      var label = item.querySelector(".choose-many__name").textContent;
      item.remove();
      refreshNone();
      say(box.dataset.removed + " " + label);
      box.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
    chosen.addEventListener("change", function (event) {
      // Unticking (without the × button, e.g. from the keyboard on a screen reader) removes too.
      if (event.target.classList.contains("choose-many__box") && !event.target.checked) {
        event.target.closest(".choose-many__item").remove();
        refreshNone();
      }
    });
  }

  function start(root) { (root || document).querySelectorAll("[data-choose-many]").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { start(); });
  else start();
  // Forms the admin adds later (an inline panel's new row, a chooser's "create" tab). Not while
  // the page itself is being read: the parser adds a box before its search box and the rest
  // when the page arrives in pieces (a slow line, a busy server), and DOMContentLoaded comes.
  new MutationObserver(function (mutations) {
    if (document.readyState === "loading") return;
    var added = mutations.some(function (mutation) {
      return Array.prototype.some.call(mutation.addedNodes, function (node) {
        return node.nodeType === 1 && (node.matches("[data-choose-many]") || node.querySelector("[data-choose-many]"));
      });
    });
    if (added) start();
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
