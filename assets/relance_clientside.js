/* Clientside callbacks: keep the /notes URL in step with the filter, refresh the grid. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  relance: {
    // Write the filter to the address bar without asking Dash to re-render the page.
    syncUrl: function (query) {
      if (query === undefined || query === null) {
        return window.dash_clientside.no_update;
      }
      var target = window.location.pathname + (query ? "?" + query : "");
      if (target !== window.location.pathname + window.location.search) {
        window.history.pushState({}, "", target);
      }
      return window.dash_clientside.no_update;
    },
    // Untick every row (after a bulk change, or when the filter changes).
    clearSelection: function (gridId) {
      dash_ag_grid.getApiAsync(gridId).then(function (api) {
        api.deselectAll();
      });
      return window.dash_clientside.no_update;
    },
    // The grid's row count, from the totals: one count per filter instead of one per block.
    setRowCount: function (total, gridId) {
      var n = parseInt(total, 10);
      if (!isNaN(n)) {
        dash_ag_grid.getApiAsync(gridId).then(function (api) {
          api.setRowCount(n, true);
        });
      }
      return window.dash_clientside.no_update;
    },
    // The infinite row model ignores rowData: purge its cache so it asks the server again.
    refreshGrid: function (query, refresh, gridId) {
      dash_ag_grid.getApiAsync(gridId).then(function (api) {
        api.purgeInfiniteCache();
      });
      return window.dash_clientside.no_update;
    },
  },
});
