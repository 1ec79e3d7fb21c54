// Search as you type and copy buttons. The pages work without this file.
(function () {
  "use strict";

  function liveSearch(input) {
    var target = document.getElementById("live-results");
    if (!target) return;
    var form = input.form;
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var params = new URLSearchParams(new FormData(form));
        var url = form.action + "?" + params.toString();
        var ticket = ++latest;
        fetch(url, { headers: { "X-Requested-With": "glossary-search" } })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (html) {
            if (ticket !== latest) return; // a newer keystroke has its own answer coming
            target.innerHTML = html;
            if (location.pathname === new URL(form.action).pathname) {
              history.replaceState(null, "", url);
            }
          })
          .catch(function () {});
      }, 120);
    });
  }

  function copyButtons() {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.classList.add("copied");
          button.textContent = "✓";
          setTimeout(function () { button.classList.remove("copied"); button.textContent = label; }, 1200);
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-live-search]").forEach(liveSearch);
    copyButtons();
  });
})();
