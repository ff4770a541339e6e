/* When sign-in has ended (a session expired, a password changed, a wall screen revoked), the
   next Dash callback answers 401: go to the sign-in page then, keeping where we were, instead
   of leaving a page that silently stops updating. Dash loads this file on every page. */
(function () {
  "use strict";
  if (!window.fetch || window.fetch.pantauSession) { return; }
  var plain = window.fetch;
  var gone = false;
  function wrapped(input, init) {
    return plain.apply(this, arguments).then(function (resp) {
      var url = typeof input === "string" ? input : (input && input.url) || "";
      if (resp.status === 401 && !gone && url.indexOf("/_dash-") !== -1) {
        gone = true;
        window.location.assign("/login?next=" +
          encodeURIComponent(window.location.pathname + window.location.search));
      }
      return resp;
    });
  }
  wrapped.pantauSession = true;
  window.fetch = wrapped;
})();
