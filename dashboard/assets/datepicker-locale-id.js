/* Day and month names of the calendar (dcc.DatePickerRange) in Bahasa Indonesia, offline.
   Dash's date picker formats with date-fns and takes its locale from window.dateFns.locale
   (an object of locales, the browser's language first, else the first one). The getter below
   answers with the page's language instead — the `lang` attribute of the page's root
   (e.g. /explore) — so an Indonesian page shows "Desember" and "Sen" whatever the browser
   speaks, and an English page keeps date-fns's English. */
(function () {
  var months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                "September", "Oktober", "November", "Desember"];
  var monthsShort = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                     "Nov", "Des"];
  var days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
  var daysShort = ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"];
  function pick(full, short, narrowLen) {
    return function (i, opts) {
      var width = (opts && opts.width) || "wide";
      if (width === "narrow") { return full[i].slice(0, narrowLen); }
      if (width === "wide") { return full[i]; }
      return short[i];
    };
  }
  var id = {
    code: "id",
    localize: {
      ordinalNumber: function (n) { return "ke-" + n; },
      era: function (i) { return ["SM", "M"][i]; },
      quarter: function (i) { return "K" + i; },
      month: pick(months, monthsShort, 1),
      day: pick(days, daysShort, 1),
      dayPeriod: function (p) { return p === "am" ? "AM" : "PM"; }
    },
    formatLong: {
      date: function () { return "dd/MM/yyyy"; },
      time: function () { return "HH:mm"; },
      dateTime: function () { return "{{date}} {{time}}"; }
    },
    formatDistance: function (token, count) { return String(count); },
    formatRelative: function () { return "dd/MM/yyyy"; },
    match: {},
    options: {weekStartsOn: 1, firstWeekContainsDate: 1}
  };
  function pageLang() {
    var el = document.querySelector("#page [lang]");
    return el ? el.getAttribute("lang") : document.documentElement.getAttribute("lang");
  }
  var holder = window.dateFns = window.dateFns || {};
  Object.defineProperty(holder, "locale", {
    configurable: true,
    get: function () { return pageLang() === "id" ? {id: id} : {}; }
  });
})();
