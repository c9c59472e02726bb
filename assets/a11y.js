/* Accessibility repairs of markup that Dash 4's own components render, which no property of
 * theirs controls. Each repair keeps what the component does and changes only what assistive
 * technology is told; a MutationObserver applies them again whenever React redraws.
 *
 * 1. dcc.Dropdown keeps, as its keyboard stop, a read-only <input aria-hidden="true"> that
 *    hands the focus on to the dropdown's button (which has tabindex -1). A focusable element
 *    hidden from assistive technology breaks WCAG 4.1.2 (axe: aria-hidden-focus). Here the
 *    button itself, which carries the name, the value and aria-expanded, is the keyboard stop,
 *    and the hidden input is taken out of the tab order. Its key handlers are the button's, so
 *    Enter, the arrows and typing behave as before.
 *    Its button is named by aria-labelledby after the value alone ("All", "—"), which hides
 *    the field's <label for>: the label's id goes first in aria-labelledby ("Status All").
 * 2. dcc.DatePickerRange/Single put aria-expanded on a plain <div> around their inputs (a div
 *    cannot be expanded; axe: aria-allowed-attr). The state moves to data-expanded (relance.css
 *    turns the caret with it); the inputs keep their own names.
 * 3. Their "clear" cross is an <a> without href, with an aria-label (axe: aria-prohibited-attr)
 *    and unreachable by keyboard: it becomes a button (role, tab stop, Enter and Space).
 */
(function () {
  function repairDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (proxy) {
      var button = proxy.nextElementSibling;
      if (proxy.tabIndex !== -1) {
        proxy.tabIndex = -1;
      }
      if (button && button.tagName === "BUTTON" && !button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
      if (button && button.id) {
        nameAfterLabel(button);
      }
    });
  }

  function nameAfterLabel(button) {
    var label = document.querySelector("label[for='" + CSS.escape(button.id) + "']");
    var names = (button.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (!label) {
      return;
    }
    if (!label.id) {
      label.id = button.id + "-label";
    }
    if (names[0] !== label.id) {
      names = [label.id].concat(names.filter(function (name) { return name !== label.id; }));
      button.setAttribute("aria-labelledby", names.join(" "));
    }
  }

  function repairDatePickers(root) {
    root.querySelectorAll("div[aria-expanded][aria-haspopup='dialog']").forEach(function (box) {
      if (box.querySelector(".dash-datepicker-input, input")) {
        box.setAttribute("data-expanded", box.getAttribute("aria-expanded"));
        box.removeAttribute("aria-expanded");
      }
    });
    root.querySelectorAll("a.dash-datepicker-clear:not([role])").forEach(function (cross) {
      cross.setAttribute("role", "button");
      cross.tabIndex = 0;
    });
  }

  var scheduled = false;
  function repair() {
    scheduled = false;
    repairDropdowns(document);
    repairDatePickers(document);
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(repair);
    }
  }

  document.addEventListener("keydown", function (event) {
    var cross = event.target;
    if (
      cross instanceof HTMLElement &&
      cross.matches("a.dash-datepicker-clear[role='button']") &&
      (event.key === "Enter" || event.key === " ")
    ) {
      event.preventDefault();
      cross.click();
    }
  });

  function start() {
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["tabindex", "aria-expanded", "aria-labelledby", "disabled"],
    });
    repair();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
