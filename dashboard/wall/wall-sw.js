/* Pantau wall service worker (scope /wall), served as /wall-sw.js by dashboard/wall/offline.py,
   which explains the design. In short: the wall's navigations go to the network; when that
   fails (no answer, a proxy's 5xx, nothing within NAV_TIMEOUT_MS) the TV gets the calm screen
   stored here, which shows the clock and reloads once /healthz answers. Every other request
   passes through untouched, except the calm screen's own two assets when the network fails.
   version __VERSION__ */
"use strict";

var CACHE = "pantau-wall-__VERSION__";
var CALM = ["/wall/offline", "/wall/offline?lang=id", "/wall/offline?lang=en"];
var ASSETS = ["/assets/wall.css", "/assets/wall.js"];
var NAV_TIMEOUT_MS = 10000;

/* Store one URL; a redirect (a sign-in page) or an error is not a calm screen. */
function keep(cache, url) {
  return fetch(url, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
    if (!r.ok || r.redirected) { throw new Error(url + ": " + r.status); }
    return cache.put(url, r);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(CALM.concat(ASSETS).map(function (u) { return keep(cache, u); }));
  }).then(function () {
    // a TV never closes its one tab: without this a new version would wait forever
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("pantau-wall-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function calm(url) {
  var lang = url.searchParams.get("lang");
  var key = (lang === "id" || lang === "en") ? "/wall/offline?lang=" + lang : "/wall/offline";
  return caches.open(CACHE).then(function (cache) { return cache.match(key); });
}

function navigate(request, url) {
  var timer;
  var late = new Promise(function (resolve) {
    timer = setTimeout(function () { resolve(null); }, NAV_TIMEOUT_MS);
  });
  var net = fetch(request).then(function (r) { return r; }, function () { return null; });
  return Promise.race([net, late]).then(function (r) {
    clearTimeout(timer);
    if (r && r.status < 500) { return r; }
    return calm(url).then(function (c) { return c || r || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== "GET") { return; }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (ASSETS.indexOf(url.pathname + url.search) >= 0) {
    event.respondWith(fetch(request).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(url.pathname); })
        .then(function (c) { return c || Response.error(); });
    }));
  }
});
