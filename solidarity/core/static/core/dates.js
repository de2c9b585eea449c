// Dates typed and picked in the Jalali or the Gregorian calendar (core/admin_dates.py). The
// conversions are the browser's own calendars (Intl), so nothing is fetched from elsewhere.
// Events are delegated to the document: inline rows added later (case events) work too.
// A date-time box (data-time) reads "1402/5/12 14:30" and keeps the time when a day is picked; a
// partial date's calendar choice beside it (select[data-calendar-of]) follows what is typed or
// picked (core/admin_dates.py: CalendarOfDateSelect).
(function () {
  "use strict";
  var DAY = 86400000;
  var gettext = window.gettext || function (text) { return text; };
  var numberFormats = {};
  function parts(date, calendar) {
    var key = calendar;
    if (!numberFormats[key]) {
      numberFormats[key] = new Intl.DateTimeFormat("en-u-ca-" + calendar + "-nu-latn",
        { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" });
    }
    var out = {};
    numberFormats[key].formatToParts(date).forEach(function (part) {
      if (part.type === "year" || part.type === "month" || part.type === "day") out[part.type] = parseInt(part.value, 10);
    });
    return out;
  }
  function label(date, locale, calendar, options) {
    return new Intl.DateTimeFormat(locale + "-u-ca-" + calendar,
      Object.assign({ timeZone: "UTC" }, options)).format(date);
  }
  // Latin digits and ASCII hyphens (a date may be pasted with non-breaking ones or dashes).
  function latinDigits(text) {
    return text.replace(/[۰-۹]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(d); })
      .replace(/[٠-٩]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩".indexOf(d); })
      .replace(/[\u2010-\u2014\u2212]/g, "-").replace(/\s+/g, " ");
  }
  // The UTC date of a day in a calendar: a first guess, then the browser's calendar decides.
  function fromCalendar(year, month, day, calendar) {
    var guess = calendar === "persian" ? Date.UTC(year + 621, 2, 21) + ((month - 1) * 30.5 + day - 1) * DAY
      : Date.UTC(year, month - 1, day);
    for (var offset = 0; offset < 40; offset++) {
      for (var sign = -1; sign <= 1; sign += 2) {
        var date = new Date(guess + sign * offset * DAY);
        var p = parts(date, calendar);
        if (p.year === year && p.month === month && p.day === day) return date;
      }
    }
    return null;
  }
  var DATE = /^(\d{3,4})(?:\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?)?$/;
  var MOMENT = /^(.*?)(?:(?:\s*[T,\u060c]\s*|\s+)(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*\d{1,2})?)?$/;
  function read(text, partial) {
    var match = DATE.exec(latinDigits(text.trim()).replace("\u066b", "/"));
    if (!match || (!partial && !match[3])) return null;
    var year = parseInt(match[1], 10);
    return fromCalendar(year, parseInt(match[2] || "1", 10), parseInt(match[3] || "1", 10),
      year < 1700 ? "persian" : "gregory");
  }
  // A date-time: its day and its time ("14:30", or "" when none was typed).
  function readMoment(text) {
    var match = MOMENT.exec(latinDigits(text.trim()));
    if (!match) return null;
    var date = read(match[1], false);
    if (!date) return null;
    if (match[2] === undefined) return { date: date, time: "" };
    var hour = parseInt(match[2], 10), minute = parseInt(match[3], 10);
    if (hour > 23 || minute > 59) return null;
    return { date: date, time: (hour < 10 ? "0" : "") + hour + ":" + (minute < 10 ? "0" : "") + minute };
  }
  // The calendar a partial date was typed in, when the text says so (as typed_calendar in Python).
  function typedCalendar(text) {
    var match = DATE.exec(latinDigits(text.trim()).replace("\u066b", "/"));
    if (!match) return null;
    if (parseInt(match[1], 10) < 1700) return "jalali";
    return match[3] ? null : "gregorian";
  }
  function setCalendarOf(box, calendar) {
    var input = box.querySelector("input");
    if (!calendar || !input.name) return;
    document.querySelectorAll("select[data-calendar-of]").forEach(function (select) {
      if (select.getAttribute("data-calendar-of") === input.name && select.value !== calendar) {
        select.value = calendar;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }
  function persianDigits(text) {
    return text.replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".charAt(parseInt(d, 10)); });
  }
  function iso(date) { return date.toISOString().slice(0, 10); }

  function show(box) {
    var input = box.querySelector("input");
    var moment = box.hasAttribute("data-time") ? readMoment(input.value)
      : { date: read(input.value, box.hasAttribute("data-partial")), time: "" };
    var date = moment && moment.date;
    var persianAdmin = document.documentElement.lang === "fa";
    var both = box.querySelector(".both-calendars__both");
    if (!date) { both.textContent = ""; return; }
    var options = { day: "numeric", month: "long", year: "numeric" };
    var jalali = label(date, "fa", "persian", options);
    var gregorian = label(date, persianAdmin ? "fa" : "en-GB", "gregory", options);
    if (box.hasAttribute("data-time")) {
      var time = moment.time || "00:00";
      if (persianAdmin) jalali += "\u060c ساعت " + persianDigits(time);
      else gregorian += ", " + time;
    }
    // No middle dot between them: in Persian it reads as a zero.
    both.textContent = persianAdmin ? jalali + " (" + gregorian + ")" : gregorian + " (" + jalali + ")";
  }
  function dayOf(box) {
    var text = box.querySelector("input").value;
    if (box.hasAttribute("data-time")) { var moment = readMoment(text); return moment && moment.date; }
    return read(text, true);
  }

  function draw(box) {
    var calendar = box.querySelector(".both-calendars__calendar").value;
    var shown = new Date(parseInt(box.getAttribute("data-shown"), 10));
    var p = parts(shown, calendar);
    var first = fromCalendar(p.year, p.month, 1, calendar);
    var locale = document.documentElement.lang === "fa" ? "fa" : "en-GB";
    box.querySelector(".both-calendars__month").textContent =
      label(first, locale, calendar, { month: "long" }) + " " + label(first, locale, calendar, { year: "numeric" });
    // Weeks start on Saturday in the Jalali calendar, on Monday in the Gregorian one.
    var weekStart = calendar === "persian" ? 6 : 1;
    var head = box.querySelector("thead tr");
    head.textContent = "";
    for (var w = 0; w < 7; w++) {
      var th = document.createElement("th");
      th.textContent = label(new Date(Date.UTC(2023, 0, 1 + ((weekStart + w) % 7))), locale, calendar, { weekday: "narrow" });
      head.appendChild(th);
    }
    var body = box.querySelector("tbody");
    body.textContent = "";
    var input = box.querySelector("input");
    var chosen = dayOf(box);
    var row = document.createElement("tr");
    for (var blank = 0; blank < (first.getUTCDay() - weekStart + 7) % 7; blank++) row.appendChild(document.createElement("td"));
    for (var day = first; parts(day, calendar).month === p.month; day = new Date(day.getTime() + DAY)) {
      if (row.children.length === 7) { body.appendChild(row); row = document.createElement("tr"); }
      var cell = document.createElement("td");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "both-calendars__day";
      button.setAttribute("data-date", iso(day));
      button.textContent = label(day, locale, calendar, { day: "numeric" });
      button.setAttribute("aria-label", label(day, locale, calendar, { day: "numeric", month: "long", year: "numeric" }));
      if (chosen && iso(chosen) === iso(day)) button.setAttribute("aria-pressed", "true");
      cell.appendChild(button);
      row.appendChild(cell);
    }
    body.appendChild(row);
  }

  function step(box, months) {
    var calendar = box.querySelector(".both-calendars__calendar").value;
    var p = parts(new Date(parseInt(box.getAttribute("data-shown"), 10)), calendar);
    var month = p.month + months, year = p.year;
    if (month < 1) { month = 12; year -= 1; }
    if (month > 12) { month = 1; year += 1; }
    box.setAttribute("data-shown", fromCalendar(year, month, 1, calendar).getTime());
    draw(box);
  }

  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest(".both-calendars");
    if (box && event.target.tagName === "INPUT") {
      show(box);
      if (box.hasAttribute("data-partial")) setCalendarOf(box, typedCalendar(event.target.value));
    }
  });
  document.addEventListener("change", function (event) {
    var box = event.target.closest && event.target.closest(".both-calendars");
    if (!box) return;
    if (event.target.classList.contains("both-calendars__calendar")) draw(box);
    else if (event.target.tagName === "INPUT") show(box);  // also a day chosen in Wagtail's picker
  });
  document.addEventListener("click", function (event) {
    var box = event.target.closest && event.target.closest(".both-calendars");
    if (!box) return;
    var picker = box.querySelector(".both-calendars__picker");
    var target = event.target.closest("button");
    if (!target) return;
    if (target.classList.contains("both-calendars__open")) {
      var opening = picker.hidden;
      picker.hidden = !opening;
      target.setAttribute("aria-expanded", String(opening));
      if (opening) {
        box.querySelector(".both-calendars__calendar").value = box.getAttribute("data-calendar");
        var date = dayOf(box) || new Date(Date.UTC(
          new Date().getFullYear(), new Date().getMonth(), new Date().getDate()));
        box.setAttribute("data-shown", date.getTime());
        draw(box);
      }
    } else if (target.hasAttribute("data-step")) {
      step(box, parseInt(target.getAttribute("data-step"), 10));
    } else if (target.hasAttribute("data-date")) {
      var input = box.querySelector("input");
      if (box.hasAttribute("data-time")) {
        // The day picked, at the time already typed.
        var moment = readMoment(input.value);
        input.value = target.getAttribute("data-date") + " " + ((moment && moment.time) || "00:00");
      } else {
        input.value = target.getAttribute("data-date");
      }
      // Picked in the Jalali calendar, a month or a year is a Jalali one (and a Gregorian one likewise).
      if (box.hasAttribute("data-partial")) {
        setCalendarOf(box, box.querySelector(".both-calendars__calendar").value === "persian" ? "jalali" : "gregorian");
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
      show(box);
      picker.hidden = true;
      box.querySelector(".both-calendars__open").setAttribute("aria-expanded", "false");
      input.focus();
    }
  });
})();
