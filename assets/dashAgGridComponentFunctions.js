/* Cell renderers of Relance's grids. They render text through React only: a note body
   or a status name holding markup is shown as text, never interpreted. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.StateMarker = function (props) {
  if (!props.data || !props.value) {
    return null;
  }
  var labels = (props.colDef.cellRendererParams || {}).labels || {};
  return React.createElement("span", {
    className: "state-dot state-dot-" + props.value,
    title: labels[props.value] || props.value,
    "data-state": props.value,
  });
};

dagcomponentfuncs.StatusBadge = function (props) {
  if (!props.data || !props.value) {
    return null;
  }
  return React.createElement(
    "span",
    {
      className: "badge status-badge",
      style: {
        color: props.data.status_font_color,
        backgroundColor: props.data.status_background_color,
      },
    },
    props.value
  );
};

/* The employees' counters: each count in a pill of its counter's colour (as the counters
   bar draws them), params.colour being "success", "danger" or "warning". */
dagcomponentfuncs.CounterPill = function (props) {
  if (props.value === null || props.value === undefined) {
    return null;
  }
  var colour = (props.colDef.cellRendererParams || {}).colour || "secondary";
  return React.createElement(
    "span",
    { className: "badge rounded-pill counter-pill bg-" + colour },
    String(props.value)
  );
};
