/* A stand-up TV link that stops working (revoked or expired) is refused with 403 at its next
   refresh: reload the page then, so that the TV shows why instead of stale numbers. */
(function () {
  var onTvLink = window.location.pathname === "/standup" &&
    new URLSearchParams(window.location.search).has("token");
  if (!onTvLink || !window.fetch) {
    return;
  }
  var originalFetch = window.fetch;
  window.fetch = function () {
    return originalFetch.apply(this, arguments).then(function (response) {
      if (response.status === 403 && response.url.indexOf("/_dash-update-component") !== -1) {
        // At most once a minute: a refusal that a reload does not explain never loops.
        var last = Number(window.sessionStorage.getItem("standupReloadAt") || 0);
        if (Date.now() - last > 60000) {
          window.sessionStorage.setItem("standupReloadAt", String(Date.now()));
          window.location.reload();
        }
      }
      return response;
    });
  };
})();
