/* The inbox's keyboard shortcuts and selection helpers: progressive enhancement only.
 *
 * Without this file the inbox works as it is: links open files, the check boxes and the bulk bar
 * post one form. With it:
 *   j / k      next / previous row (the row's link gets the focus, the row is highlighted)
 *   o, Enter   open the current row's file
 *   x          select the current row, or clear it
 *   a          select the current row and go to the bulk bar's handler choice
 *   /          go to the search box
 *   ?          show the shortcuts
 * A key is ignored while typing in a field, or with Ctrl, Alt or Meta held. WCAG 2.1.4: the
 * single-key shortcuts can be turned off (the switch under "Sneltoetsen", kept in localStorage).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "gehoord.inbox.shortcuts";
  var table = document.querySelector("table.gh-inbox");
  var search = document.getElementById("id_q");
  var dialog = document.getElementById("shortcuts-dialog");
  var toggle = document.getElementById("shortcuts-on");
  var toggleField = document.querySelector("[data-shortcuts-toggle]");
  var assignSelect = document.getElementById("id_bulk-handler");
  var selectAll = document.getElementById("select-all");
  var rows = table ? Array.prototype.slice.call(table.querySelectorAll("tbody tr.gh-row")) : [];
  var current = -1;

  function enabled() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) !== "off";
    } catch (error) {
      return true;
    }
  }

  function setEnabled(on) {
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    } catch (error) {
      /* Private mode without storage: the switch holds for this page only. */
    }
  }

  if (toggle && toggleField) {
    toggle.checked = enabled();
    toggleField.hidden = false;
    toggle.addEventListener("change", function () {
      setEnabled(toggle.checked);
    });
  }

  function link(row) {
    return row.querySelector("a.gh-row-link");
  }

  function checkbox(row) {
    return row.querySelector("input[type=checkbox][name=complaint]");
  }

  function moveTo(index) {
    if (!rows.length) {
      return;
    }
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (current >= 0 && rows[current]) {
      rows[current].classList.remove("gh-row--current");
    }
    current = index;
    var row = rows[current];
    row.classList.add("gh-row--current");
    var target = link(row);
    if (target) {
      target.focus();
    }
  }

  function currentRow() {
    return current >= 0 ? rows[current] : null;
  }

  function typing(element) {
    if (!element) {
      return false;
    }
    var tag = element.tagName;
    return (
      element.isContentEditable ||
      tag === "TEXTAREA" ||
      tag === "SELECT" ||
      (tag === "INPUT" && ["checkbox", "radio", "submit", "button", "reset"].indexOf(element.type) === -1)
    );
  }

  function showHelp() {
    if (dialog && typeof dialog.showModal === "function") {
      if (!dialog.open) {
        dialog.showModal();
      }
    } else {
      var details = document.getElementById("shortcuts");
      if (details) {
        details.open = true;
        details.querySelector("summary").focus();
      }
    }
  }

  // The focus follows a row link reached with Tab too, so j/k continue from there.
  rows.forEach(function (row, index) {
    row.addEventListener("focusin", function () {
      if (current !== index) {
        if (current >= 0 && rows[current]) {
          rows[current].classList.remove("gh-row--current");
        }
        current = index;
        row.classList.add("gh-row--current");
      }
    });
  });

  // A click anywhere in a row (not on its link or check box) opens the file, as in a mail program.
  if (table) {
    table.classList.add("gh-inbox--clickable");
    table.addEventListener("click", function (event) {
      var target = event.target;
      if (target.closest("a, input, label, button, select")) {
        return;
      }
      var row = target.closest("tr.gh-row");
      if (row && !window.getSelection().toString()) {
        var target_link = link(row);
        if (target_link) {
          window.location.href = target_link.href;
        }
      }
    });
  }

  if (selectAll) {
    selectAll.hidden = false;
    selectAll.addEventListener("change", function () {
      rows.forEach(function (row) {
        var box = checkbox(row);
        if (box) {
          box.checked = selectAll.checked;
        }
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    if (typing(event.target) || (dialog && dialog.open)) {
      return;
    }
    if (!enabled()) {
      return;
    }
    var row = currentRow();
    switch (event.key) {
      case "j":
        moveTo(current + 1);
        break;
      case "k":
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case "o":
        if (row && link(row)) {
          window.location.href = link(row).href;
        } else {
          return;
        }
        break;
      case "Enter":
        // On a focused link the browser opens it already; elsewhere in a row, open the row.
        if (row && event.target.tagName !== "A" && event.target.tagName !== "BUTTON" && link(row)) {
          window.location.href = link(row).href;
        } else {
          return;
        }
        break;
      case "x":
        if (row && checkbox(row)) {
          checkbox(row).checked = !checkbox(row).checked;
        } else {
          return;
        }
        break;
      case "a":
        if (!assignSelect) {
          return;
        }
        if (row && checkbox(row)) {
          checkbox(row).checked = true;
        }
        assignSelect.focus();
        break;
      case "/":
        if (!search) {
          return;
        }
        search.focus();
        search.select();
        break;
      case "?":
        showHelp();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
