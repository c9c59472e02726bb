/* /board: the cards of each column, and one "Move to" menu for every card.
 *
 * The server sends the cards as data (components/board.py `cards`, in the board-cards
 * store); `render` draws them into board-col-<column> with the DOM's own text nodes, so a
 * body holding markup shows the markup and never runs. A card carries data-note-id and
 * data-version, and a plain "Move to" button. A click on that button opens the page's single menu (#board-move-menu)
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
    m.style.top = box.bottom + window.scrollY + 2 + "px";
    m.classList.add("show");
    // Under the button, kept inside the window (a phone shows one column and a half).
    var room = document.documentElement.clientWidth - m.offsetWidth - 8;
    m.style.left = Math.max(8, Math.min(box.left, room)) + window.scrollX + "px";
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

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function drawCard(card, words) {
    var node = element("div", "board-card task-row state-" + card.state);
    node.setAttribute("data-note-id", String(card.id));
    node.setAttribute("data-version", String(card.version));
    // The customer and the text open the note in the form of /notes (a real link: a
    // middle-click opens a tab, the keyboard reaches it).
    var link = element("a", "board-open text-reset text-decoration-none d-block");
    link.href = "/notes?note=" + encodeURIComponent(String(card.id));
    link.appendChild(element("div", "fw-semibold small", card.customer));
    link.appendChild(element("div", "small task-body", card.body));
    node.appendChild(link);
    var meta = element("div", "board-meta");
    meta.appendChild(element("span", "board-who", card.assignee));
    meta.appendChild(element("span", "board-due", card.due));
    node.appendChild(meta);
    var move = element("button", "btn btn-light btn-sm dropdown-toggle board-move", words.move);
    move.type = "button";
    move.setAttribute("aria-haspopup", "menu");
    move.setAttribute("aria-controls", MENU);
    move.setAttribute("aria-expanded", "false");
    node.appendChild(move);
    return node;
  }

  // Draw every column's cards; returns how many were drawn (the board's data-drawn).
  function render(shown) {
    var dc = window.dash_clientside;
    if (!shown || !shown.columns) {
      return dc.no_update;
    }
    close(false);
    var drawn = 0;
    Object.keys(shown.columns).forEach(function (column) {
      var holder = document.getElementById("board-col-" + column);
      if (!holder) {
        return;
      }
      var list = document.createDocumentFragment();
      shown.columns[column].forEach(function (card) {
        list.appendChild(drawCard(card, shown.words));
        drawn += 1;
      });
      if (!shown.columns[column].length) {
        list.appendChild(element("div", "small text-secondary p-2", shown.words.empty));
      }
      holder.replaceChildren(list);
    });
    return String(drawn);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    board: { render: render },
  });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var item = target && target.closest("#" + MENU + " [data-to]");
    if (item) {
      pick(item);
      return;
    }
    var link = target && target.closest(".board-card a.board-open");
    if (link && event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey)) {
      // A plain click stays in the app, as a dcc.Link does (no page reload).
      event.preventDefault();
      window.history.pushState({}, "", link.getAttribute("href"));
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
      window.scrollTo(0, 0);
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
