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

/* The badge's text colour: the status's own when it reads on its background (WCAG contrast
   ratio at least 4.5), else black or white, whichever reads better (components/colours.py
   does the same for the lists drawn on the server). */
function relanceLuminance(hex) {
  var text = String(hex || "").replace("#", "");
  if (text.length === 3) {
    text = text.replace(/(.)/g, "$1$1");
  }
  if (!/^[0-9a-fA-F]{6}$/.test(text)) {
    return null;
  }
  var linear = [0, 2, 4].map(function (i) {
    var c = parseInt(text.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

function relanceContrast(a, b) {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function relanceReadableText(font, background) {
  var f = relanceLuminance(font);
  var b = relanceLuminance(background);
  if (f === null || b === null || relanceContrast(f, b) >= 4.5) {
    return font;
  }
  return relanceContrast(0, b) >= relanceContrast(1, b) ? "#000000" : "#ffffff";
}

dagcomponentfuncs.StatusBadge = function (props) {
  if (!props.data || !props.value) {
    return null;
  }
  return React.createElement(
    "span",
    {
      className: "badge status-badge",
      style: {
        color: relanceReadableText(
          props.data.status_font_color,
          props.data.status_background_color
        ),
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
    { className: "badge rounded-pill counter-pill text-bg-" + colour },
    String(props.value)
  );
};
