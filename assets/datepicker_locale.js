/* Dash's date pickers (date-fns) name months and days with a locale loaded on the page
 * (window.dateFns.locale, see vendor/date-fns/), matched against the *browser's* languages.
 * The user chose a language in Relance, which the page carries as <html lang>: keep only that
 * locale, so a French user reads "décembre" and "lu ma me" in any browser, and an English
 * user gets date-fns' own English even in a French browser. Run again once every script has
 * loaded, since this file loads before the vendored locales. */
(function () {
  function keepPageLanguage() {
    var lang = (document.documentElement.lang || "").split("-")[0];
    var loaded = (window.dateFns && window.dateFns.locale) || {};
    Object.keys(loaded).forEach(function (code) {
      if (code !== lang) {
        delete loaded[code];
      }
    });
  }
  keepPageLanguage();
  document.addEventListener("DOMContentLoaded", keepPageLanguage);
})();
