// Search as you type, copy buttons, arrow keys through results and the tone colours switch.
// The pages work without this file.
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
            showCopyButtons(target); // the new results' buttons
            if (location.pathname === new URL(form.action).pathname) {
              history.replaceState(null, "", url);
            }
          })
          .catch(function () {});
      }, 120);
    });
  }

  // Copy buttons are hidden until the clipboard is there to use; "add as alias" buttons
  // until this script is there to add.
  function showCopyButtons(root) {
    root.querySelectorAll("button.add-alias[data-alias]").forEach(function (button) {
      button.hidden = false;
    });
    if (!navigator.clipboard) return;
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // Add a form as a line of the aliases field the button names, unless it is there already.
  function addAlias(event) {
    var button = event.target.closest && event.target.closest("button.add-alias[data-alias]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-target"));
    if (!field) return;
    event.preventDefault();
    var alias = button.getAttribute("data-alias");
    var lines = field.value.split("\n").map(function (line) { return line.trim(); });
    if (lines.indexOf(alias) < 0) {
      field.value = field.value.replace(/\s*$/, "") + (field.value.trim() ? "\n" : "") + alias;
    }
    button.disabled = true;
    button.textContent = "✓";
  }

  // One listener for every copy button, those live search adds later included.
  function copyOnClick(event) {
    var button = event.target.closest && event.target.closest("button.copy[data-copy]");
    if (!button || !navigator.clipboard) return;
    event.preventDefault();
    if (!button.dataset.label) button.dataset.label = button.textContent;
    navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
      button.classList.add("copied");
      button.textContent = "✓";
      setTimeout(function () {
        button.classList.remove("copied");
        button.textContent = button.dataset.label;
      }, 1200);
    });
  }

  // ArrowDown from the search box moves to the first result, then from result to result;
  // ArrowUp goes back (to the box from the first). Enter opens the result, as a link does.
  function arrowKeys() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var links = Array.prototype.slice.call(document.querySelectorAll("ol.results .card-link"));
      if (!links.length) return;
      var active = document.activeElement;
      var box = document.querySelector("input[type=search]");
      var at = links.indexOf(active);
      var next = null;
      if (active === box && event.key === "ArrowDown") next = links[0];
      else if (at >= 0 && event.key === "ArrowDown") next = links[Math.min(at + 1, links.length - 1)];
      else if (at > 0 && event.key === "ArrowUp") next = links[at - 1];
      else if (at === 0 && event.key === "ArrowUp") next = box;
      if (!next) return;
      event.preventDefault();
      next.focus();
    });
  }

  // Tone colours: a reader's choice, kept in a cookie for a year and read here, so that the
  // pages themselves (and the answers kept for everyone) are the same with or without it.
  function toneColours() {
    var on = /(?:^|; )tones=colour(?:;|$)/.test(document.cookie);
    document.documentElement.classList.toggle("tone-colours", on);
    var button = document.querySelector("button.tone-switch");
    if (!button) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.addEventListener("click", function () {
      on = !on;
      document.cookie = "tones=" + (on ? "colour" : "plain") + "; path=/; max-age=31536000; SameSite=Lax";
      document.documentElement.classList.toggle("tone-colours", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  // An import job's page: its counts follow the job each second, without reloading the page
  // (which, without this script, refreshes itself); the report comes with a reload at the end.
  function jobProgress() {
    var section = document.querySelector("[data-job-progress]");
    if (!section) return;
    function show(job) {
      if (job.state !== "waiting" && job.state !== "running") {
        location.reload();
        return;
      }
      var done = job.phase === "writing" ? job.written : job.checked;
      section.querySelector(".job-phase").textContent = job.phase_label;
      var bar = section.querySelector(".job-bar");
      bar.max = Math.max(job.read, 1);
      bar.value = done;
      ["read", "checked", "written"].forEach(function (name) {
        section.querySelector(".count-" + name + " dd").textContent = job[name].toLocaleString();
      });
      setTimeout(poll, 1000);
    }
    function poll() {
      fetch(section.getAttribute("data-job-progress"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) { if (job) show(job); else setTimeout(poll, 5000); })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1000);
  }

  if (/(?:^|; )tones=colour(?:;|$)/.test(document.cookie)) {
    document.documentElement.classList.add("tone-colours"); // before the first paint
  }

  document.addEventListener("click", copyOnClick);
  document.addEventListener("click", addAlias);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-live-search]").forEach(liveSearch);
    showCopyButtons(document);
    arrowKeys();
    toneColours();
    jobProgress();
  });
})();
