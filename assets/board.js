/* /board: one "Move to" menu for every card.
 *
 * A card (components/board.py) carries data-note-id and data-version, and a plain
 * "Move to" button. A click on that button opens the page's single menu (#board-move-menu)
 * under it; a pick writes {note, version, to, at} into the board-move-request store, which
 * the server's move callback listens to. Listening once on the document keeps the board
 * light: no component per menu item, so Dash has nothing to wire per card.
 */
(function () {
  var MENU = "board-move-menu";
  var STORE = "board-move-request";
  var opened = null; // {note, version, button} of the card whose menu is open

  function menu() {
    return document.getElementById(MENU);
  }

  function close(refocus) {
    var m = menu();
    if (m) {
      m.classList.remove("show");
    }
    if (opened) {
      opened.button.setAttribute("aria-expanded", "false");
      if (refocus) {
        opened.button.focus();
      }
    }
    opened = null;
  }

  function open(button) {
    var m = menu();
    var cardEl = button.closest("[data-note-id]");
    if (!m || !cardEl) {
      return;
    }
    close(false);
    opened = {
      note: cardEl.getAttribute("data-note-id"),
      version: cardEl.getAttribute("data-version"),
      button: button,
    };
    var box = button.getBoundingClientRect();
    m.style.position = "absolute";
    m.style.left = box.left + window.scrollX + "px";
    m.style.top = box.bottom + window.scrollY + 2 + "px";
    m.classList.add("show");
    button.setAttribute("aria-expanded", "true");
    var first = m.querySelector("[data-to]");
    if (first) {
      first.focus();
    }
  }

  function pick(item) {
    if (!opened || !window.dash_clientside || !window.dash_clientside.set_props) {
      return;
    }
    window.dash_clientside.set_props(STORE, {
      data: {
        note: opened.note,
        version: opened.version,
        to: item.getAttribute("data-to"),
        at: Date.now(),
      },
    });
    close(false);
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var item = target && target.closest("#" + MENU + " [data-to]");
    if (item) {
      pick(item);
      return;
    }
    var button = target && target.closest(".board-card .board-move");
    if (button) {
      if (opened && opened.button === button) {
        close(true);
      } else {
        open(button);
      }
      return;
    }
    if (opened) {
      close(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!opened) {
      return;
    }
    if (event.key === "Escape") {
      close(true);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var items = Array.prototype.slice.call(menu().querySelectorAll("[data-to]"));
      var at = items.indexOf(document.activeElement);
      var step = event.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length].focus();
      event.preventDefault();
    }
  });

  // A scrolled column or page moves the card away from its menu: close it.
  document.addEventListener(
    "scroll",
    function () {
      if (opened) {
        close(false);
      }
    },
    true
  );
})();
