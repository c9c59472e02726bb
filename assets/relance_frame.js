/* The frame of the pages: the navbar on phones, and what folds away on /notes
   (components/notes_frame.py). */
(function () {
  var LARGE = "(min-width: 992px)"; // Bootstrap's lg: the filter panel is a column from here
  var FOLDABLE = ["notes-filters", "notes-bulk", "notes-overdue"];

  function triggered() {
    var ctx = window.dash_clientside.callback_context;
    return ctx && ctx.triggered_id !== undefined ? ctx.triggered_id : null;
  }

  function pageClass(folded) {
    return ["notes-page"].concat(folded.map(function (p) { return "folded-" + p; })).join(" ");
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    relance_frame: {
      // A fold button (or "Filters" from lg up) folds its part away or brings it back.
      fold: function (foldClicks, filtersClicks, folded, panels) {
        var nu = window.dash_clientside.no_update;
        var which = triggered();
        var panel = which && typeof which === "object" ? which.panel : null;
        if (which === "notes-filters-button") {
          if (!window.matchMedia(LARGE).matches) { return [nu, nu, nu, nu]; }
          panel = "notes-filters";
        }
        if (!panel) { return [nu, nu, nu, nu]; }
        var now = (folded || []).slice();
        var at = now.indexOf(panel);
        if (at >= 0) { now.splice(at, 1); } else { now.push(panel); }
        now = FOLDABLE.filter(function (p) { return now.indexOf(p) >= 0; });
        var expanded = function (p) { return now.indexOf(p) >= 0 ? "false" : "true"; };
        return [
          now,
          pageClass(now),
          panels.map(function (id) { return expanded(id.panel); }),
          expanded("notes-filters"),
        ];
      },
      // Below lg, "Filters" opens the panel as a drawer; its close button and backdrop close it.
      drawer: function (openClicks, closeClicks, backdropClicks, drawerClass) {
        var nu = window.dash_clientside.no_update;
        if (triggered() === "notes-filters-button" && window.matchMedia(LARGE).matches) {
          return [nu, nu];
        }
        var open = triggered() === "notes-filters-button";
        var base = (drawerClass || "").split(" ").filter(function (c) { return c && c !== "show"; });
        return [
          base.concat(open ? ["show"] : []).join(" "),
          "notes-filters-backdrop" + (open ? " show" : ""),
        ];
      },
      // Phones: the navbar's toggler shows and hides its links.
      toggleNavbar: function (clicks, open) {
        return [!open, open ? "false" : "true"];
      },
    },
  });

  // Escape closes the filter drawer, as it closes Bootstrap's own; an open list or date
  // picker inside it closes first (seen before it does, in the capture phase).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var drawer = document.getElementById("notes-filters-drawer");
    var close = document.getElementById("notes-filters-close");
    if (!drawer || !close || !drawer.classList.contains("show")) { return; }
    if (document.querySelector(".dash-dropdown-options, .DayPicker")) { return; }
    close.click();
  }, true);
})();
