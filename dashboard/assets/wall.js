/* Wall display (/wall): screen rotation, stage scaling, the clock in the site's zone, the
   connection check, the refresh (one at a time) and the nightly reload. Dash loads this file on every page; it does nothing
   unless #wall-root is on the page. No network but /healthz (and registering /wall-sw.js).

   It also runs the calm screen (#wall-boot) that the wall's service worker shows when the
   server does not answer (dashboard/wall/offline.py): the clock, and a reload as soon as
   /healthz answers.

   Rotation only switches classes on the screens' elements (React never changes those props),
   so days of rotation leave nothing behind in Dash's state. */
(function () {
  "use strict";

  var STAGE_W = 1920, STAGE_H = 1080;
  var TICK_MS = 500, PING_TIMEOUT_MS = 4000, MIN_UP_BEFORE_RELOAD_MS = 60000;
  var CLEAR_TIMINGS_MS = 60000, HISTORY_KEEP = 10;
  var STALE_REFRESHES = 3, STALE_MIN_MS = 30000;
  var st = { root: null, scale: null, fmt: null, fmtTz: null, skew: 0, lastPing: 0,
             busy: false, conn: "", lastMinute: null, loadedAt: 0, reloadDue: false,
             rotTimer: null, rotStart: 0, shown: 0, lastClear: 0, swAsked: false,
             boot: null, sentTick: 0, sentAt: 0 };

  /* Show screen i (of the screens in page order): its class, its dot, its title. */
  function show(i) {
    var screens = document.querySelectorAll(".wall-screen");
    var dots = document.querySelectorAll(".wall-dot");
    for (var j = 0; j < screens.length; j++) {
      screens[j].classList.toggle("is-active", j === i);
    }
    for (var k = 0; k < dots.length; k++) { dots[k].classList.toggle("is-active", k === i); }
    if (screens[i]) { setText("wall-screen-title", screens[i].dataset.title || ""); }
    st.shown = i;
  }

  /* Rotation on the wall clock: screen k shows from start + k * period, so a late timer
     (a busy browser) never shifts the schedule. */
  function rotate(root) {
    clearTimeout(st.rotTimer);
    var period = Math.max(1, +root.dataset.rotate || 30) * 1000;
    var n = document.querySelectorAll(".wall-screen").length;
    if (n < 2 || st.root !== root) { return; }
    var k = Math.round((Date.now() - st.rotStart) / period);
    if (k > 0) { show(k % n); }
    var next = st.rotStart + (k + 1) * period;
    st.rotTimer = setTimeout(function () { rotate(root); }, Math.max(50, next - Date.now()));
  }


  function now() { return Date.now() + st.skew; }

  /* Local time parts in the site's zone (Intl), or from the server's UTC offset. */
  function parts(ms, root) {
    var tz = root.dataset.tz;
    try {
      if (st.fmtTz !== tz) {
        st.fmt = new Intl.DateTimeFormat("en-US", {
          timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
          hour: "2-digit", minute: "2-digit", second: "2-digit" });
        st.fmtTz = tz;
      }
      var o = {};
      st.fmt.formatToParts(new Date(ms)).forEach(function (p) { o[p.type] = p.value; });
      return { y: +o.year, mo: +o.month, d: +o.day, h: (+o.hour) % 24, mi: +o.minute, s: +o.second };
    } catch (e) {
      var t = new Date(ms + (+root.dataset.offset || 0) * 1000);
      return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(),
               h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
    }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && el.textContent !== text) { el.textContent = text; }
  }

  function clock(root, p) {
    setText("wall-clock-time", pad(p.h) + ":" + pad(p.mi) + ":" + pad(p.s));
    var days = JSON.parse(root.dataset.days || "[]");
    var months = JSON.parse(root.dataset.months || "[]");
    var wd = new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDay();
    if (days.length === 7 && months.length === 12) {
      setText("wall-date", days[wd] + ", " + p.d + " " + months[p.mo - 1] + " " + p.y);
    }
  }

  function fit(root) {
    var s = Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H);
    if (s > 0 && s !== st.scale) {
      st.scale = s;
      root.style.setProperty("--wall-scale", String(s));
    }
  }

  /* "" (reachable), "offline" (no answer) or "store" (server up, database not answering). */
  function setConn(root, kind) {
    var was = st.conn;
    st.conn = kind;
    root.classList.toggle("is-offline", kind === "offline");
    root.classList.toggle("is-store-down", kind === "store");
    setText("wall-conn", kind === "offline" ? root.dataset.offline :
      (kind === "store" ? root.dataset.storeDown : ""));
    if (was && !kind && window.dash_clientside && window.dash_clientside.set_props) {
      // back again: ask for fresh data now rather than at the next refresh tick
      window.dash_clientside.set_props("wall-reconnect", { data: Date.now() });
    }
  }

  function ping(root) {
    if (st.busy) { return; }
    st.busy = true;
    var ctl = new AbortController();
    var timer = setTimeout(function () { ctl.abort(); }, PING_TIMEOUT_MS);
    var t0 = Date.now();
    fetch("/healthz", { cache: "no-store", signal: ctl.signal })
      .then(function (r) {
        return r.json().catch(function () { return {}; })
          .then(function (body) { return { status: r.status, body: body }; });
      })
      .then(function (res) {
        if (st.root !== root) { return; }
        if (res.body && res.body.time) {
          // trust the server's clock over a TV's, when they differ by more than a few seconds
          var skew = res.body.time * 1000 - (t0 + (Date.now() - t0) / 2);
          st.skew = Math.abs(skew) > 5000 ? skew : 0;
        }
        setConn(root, res.status === 200 ? "" : "store");
        if (st.reloadDue && res.status === 200) { window.location.reload(); }
      })
      .catch(function () { if (st.root === root) { setConn(root, "offline"); } })
      .finally(function () { clearTimeout(timer); st.busy = false; });
  }

  /* A full reload once a night at data-reload-at (site time), only when the server answers:
     a reload into a dead server would leave a browser error page on the wall. */
  function nightly(root, p) {
    var at = (root.dataset.reloadAt || "").split(":");
    if (at.length !== 2) { return; }
    var target = (+at[0]) * 60 + (+at[1]);
    var cur = p.h * 60 + p.mi;
    var prev = st.lastMinute;
    st.lastMinute = cur;
    if (prev === null || prev === cur) { return; }
    var crossed = prev < cur ? (prev < target && target <= cur) : (target > prev || target <= cur);
    if (crossed && Date.now() - st.loadedAt > MIN_UP_BEFORE_RELOAD_MS) {
      st.reloadDue = true;
      st.lastPing = 0;  // check the server right away; the reload follows its answer
    }
  }

  /* The service worker that shows the calm screen when a later start finds the server away.
     Absent outside a secure context (plain HTTP on a LAN): then the browser's own page shows. */
  function keepCalmScreen() {
    if (st.swAsked || !navigator.serviceWorker) { return; }
    st.swAsked = true;
    navigator.serviceWorker.register("/wall-sw.js", { scope: "/wall" }).catch(function () {});
  }

  /* The calm screen: the clock, and a reload once the server answers /healthz as Pantau
     (a JSON status; a proxy's error page is not the server). The reload goes to the network
     and becomes the wall. */
  function boot(el) {
    if (st.boot !== el) {
      st.boot = el; st.lastPing = Date.now();
      var theme = new URLSearchParams(window.location.search).get("theme");
      if (theme === "dark" || theme === "light") {
        el.classList.remove("wall--dark", "wall--light");
        el.classList.add("wall--" + theme);
      }
    }
    clock(el, parts(now(), el));
    var every = Math.max(2, +el.dataset.ping || 5) * 1000;
    if (st.busy || Date.now() - st.lastPing < every) { return; }
    st.busy = true; st.lastPing = Date.now();
    var ctl = new AbortController();
    var timer = setTimeout(function () { ctl.abort(); }, PING_TIMEOUT_MS);
    fetch("/healthz", { cache: "no-store", signal: ctl.signal })
      .then(function (r) { return r.json(); })
      .then(function (body) { if (body && body.status) { window.location.reload(); } })
      .catch(function () {})
      .finally(function () { clearTimeout(timer); st.busy = false; });
  }

  /* Dash's renderer keeps every change of a callback input made in the browser for its undo
     button (store.history.past, never cut): one entry per refresh (wall-tick), for as
     long as the page lives. The wall has no undo button; keep the last few. The reducer copies
     the array on the next entry, so cutting it in place changes nothing else. */
  function trimHistory() {
    var stores = window.dash_stores || (window.store ? [window.store] : []);
    for (var i = 0; i < stores.length; i++) {
      var state = stores[i] && stores[i].getState && stores[i].getState();
      var past = state && state.history && state.history.past;
      if (past && past.length > HISTORY_KEEP) { past.splice(0, past.length - HISTORY_KEEP); }
    }
  }

  /* The wall's refresh: wall-tick moves on once per refresh period (data-refresh), and only
     when #wall-done shows that the last tick was answered, so a slow server gets one refresh
     at a time instead of a pile of them (dashboard/pages/wall.py). A refresh not answered
     within STALE_REFRESHES periods (at least STALE_MIN_MS) counts as lost. */
  function refresh(root) {
    var set = window.dash_clientside && window.dash_clientside.set_props;
    if (!set) { return; }
    var every = Math.max(1, +root.dataset.refresh || 60) * 1000;
    var since = Date.now() - st.sentAt;
    var done = document.getElementById("wall-done");
    var answered = done && done.textContent === String(st.sentTick);
    if (since < every || (!answered && since < Math.max(STALE_MIN_MS, STALE_REFRESHES * every))) {
      return;
    }
    st.sentTick += 1;
    st.sentAt = Date.now();
    set("wall-tick", { data: st.sentTick });
  }

  function tick() {
    var calm = document.getElementById("wall-boot");
    if (calm) { boot(calm); return; }
    var root = document.getElementById("wall-root");
    if (!root) { st.root = null; return; }
    if (root !== st.root) {
      keepCalmScreen();
      st.root = root; st.scale = null; st.lastMinute = null; st.conn = "";
      st.loadedAt = Date.now(); st.lastPing = 0; st.reloadDue = false;
      st.rotStart = Date.now(); st.shown = 0;
      st.sentTick = 0; st.sentAt = Date.now();  // the page's first refresh is on its way
      rotate(root);
    }
    if (window.performance && performance.clearResourceTimings &&
        Date.now() - st.lastClear > CLEAR_TIMINGS_MS) {
      // every /healthz and refresh adds a timing entry; a wall runs for days
      performance.clearResourceTimings();
      st.lastClear = Date.now();
    }
    trimHistory();  // one getState per tick
    fit(root);
    var p = parts(now(), root);
    clock(root, p);
    nightly(root, p);
    refresh(root);
    var every = Math.max(2, +root.dataset.ping || 5) * 1000;
    if (Date.now() - st.lastPing >= every) { st.lastPing = Date.now(); ping(root); }
  }

  setInterval(tick, TICK_MS);
  window.addEventListener("resize", function () { if (st.root) { fit(st.root); } });
  if (document.readyState !== "loading") { tick(); }
  else { document.addEventListener("DOMContentLoaded", tick); }
})();
