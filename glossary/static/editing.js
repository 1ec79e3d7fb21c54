// The entry form: suggestions as the editor types, choosing entries by typing, adding rows.
// The form works without this file: the server checks everything, and the "add another"
// buttons ask it for the form again with one more row. Every visible string comes translated
// from the page (data-msg-* attributes), never from here.
(function () {
  "use strict";

  var CJK = /[\u3400-\u9fff\uf900-\ufaff\u3007]|[\ud840-\ud8bf][\udc00-\udfff]/;

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  // Fill a %(name)s template (the form gettext gave it) with values.
  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A line "label value [Use]"; the button puts value in the field, unless it is there already.
  function offer(box, label, value, lang, field, onUse) {
    var line = element("p", { "class": "offer" });
    line.appendChild(element("span", { "class": "side" }, label + " "));
    line.appendChild(element("strong", { lang: lang, "class": "offered" }, value));
    if (field.value.trim() !== value) {
      var button = element("button", { type: "button", "class": "use" }, box.dataset.msgUse);
      button.addEventListener("click", function () {
        onUse();
        button.remove();
      });
      line.appendChild(document.createTextNode(" "));
      line.appendChild(button);
    }
    box.appendChild(line);
  }

  function suggestions(form) {
    var box = document.getElementById("suggestions");
    var duplicates = document.getElementById("duplicates");
    var fields = form.elements;
    var kind = fields.namedItem("kind");
    var simplified = fields.namedItem("simplified");
    var traditional = fields.namedItem("traditional");
    var pinyin = fields.namedItem("pinyin");
    var english = fields.namedItem("english");
    var aliases = fields.namedItem("aliases");
    if (!box || !kind || !simplified || !traditional || !pinyin || !english) return;
    // Filled here until the editor types in them; then left alone.
    var auto = { pinyin: !pinyin.value.trim(), traditional: !traditional.value.trim() };
    pinyin.addEventListener("input", function () { auto.pinyin = !pinyin.value.trim(); });
    traditional.addEventListener("input", function () { auto.traditional = !traditional.value.trim(); });
    var latest = 0;

    function showDuplicates(found) {
      duplicates.textContent = "";
      duplicates.hidden = !found.length;
      if (!found.length) return;
      duplicates.appendChild(element("p", {}, duplicates.dataset.msgDuplicates));
      var list = element("ul");
      found.forEach(function (entry) {
        var item = element("li");
        item.appendChild(element("a", { href: entry.url, lang: "en" }, entry.english));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("span", { lang: "zh-Hans" }, entry.simplified));
        var option = kind.querySelector('option[value="' + entry.kind + '"]');
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("span", { "class": "kind" }, option ? option.textContent : entry.kind));
        list.appendChild(item);
      });
      duplicates.appendChild(list);
    }

    function show(data) {
      box.textContent = "";
      if (data.pinyin) {
        if (auto.pinyin) pinyin.value = data.pinyin;
        offer(box, box.dataset.msgPinyin, data.pinyin, "zh-Latn-pinyin", pinyin, function () {
          pinyin.value = data.pinyin;
          auto.pinyin = true;
        });
      }
      var typed = simplified.value.trim();
      if (data.simplified && typed && data.simplified !== typed) {
        offer(box, box.dataset.msgSimplified, data.simplified, "zh-Hans", simplified, function () {
          simplified.value = data.simplified;
          update();
        });
      }
      if (data.traditional) {
        if (auto.traditional) traditional.value = data.traditional;
        offer(box, box.dataset.msgTraditional, data.traditional, "zh-Hant", traditional, function () {
          traditional.value = data.traditional;
          auto.traditional = true;
        });
      }
      (data.ambiguous || []).forEach(function (item) {
        var text = format(box.dataset.msgAmbiguous, {
          character: item.character,
          forms: item.traditional.join(" "),
        });
        box.appendChild(element("p", { "class": "ambiguous" }, text));
      });
      if ((data.notes || []).length) {
        box.appendChild(element("p", { "class": "ambiguous" }, box.dataset.msgUnreadable));
      }
      showForms(data.forms || []);
      box.hidden = !box.childNodes.length;
      showDuplicates(data.duplicates || []);
    }

    // The forms a journalist pastes (XIE Feng, Xie Feng (谢锋)…), each to add as an alias.
    function showForms(forms) {
      if (!forms.length || !aliases) return;
      var list = element("dl", { "class": "paste-forms" });
      forms.forEach(function (form) {
        var row = element("div", { "class": "offer" });
        row.appendChild(element("dt", { "class": "side" }, form.label));
        var value = element("dd");
        value.appendChild(element("strong", { "class": "offered" }, form.text));
        if (aliasLines().indexOf(form.text) < 0) {
          var button = element("button", { type: "button", "class": "use add-alias" }, box.dataset.msgAddAlias);
          button.addEventListener("click", function () {
            if (aliasLines().indexOf(form.text) < 0) {
              aliases.value = aliases.value.replace(/\s*$/, "") + (aliases.value.trim() ? "\n" : "") + form.text;
            }
            button.remove();
          });
          value.appendChild(document.createTextNode(" "));
          value.appendChild(button);
        }
        row.appendChild(value);
        list.appendChild(row);
      });
      box.appendChild(element("p", { "class": "forms-heading" }, box.dataset.msgForms));
      box.appendChild(list);
    }

    function aliasLines() {
      return aliases.value.split("\n").map(function (line) { return line.trim(); });
    }

    function update() {
      var characters = simplified.value.trim() || traditional.value.trim();
      if (!CJK.test(characters)) characters = "";
      var written = english.value.trim();
      var ticket = ++latest;
      if (!characters && !written) {
        box.hidden = true;
        box.textContent = "";
        showDuplicates([]);
        return;
      }
      var params = new URLSearchParams({ kind: kind.value });
      if (characters) params.set("hanzi", characters);
      if (characters && !auto.pinyin && pinyin.value.trim()) params.set("pinyin", pinyin.value.trim());
      if (written) params.set("english", written);
      if (form.dataset.exclude) params.set("exclude", form.dataset.exclude);
      fetch(form.dataset.suggestUrl + "?" + params.toString())
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && ticket === latest) show(data); // a newer keystroke has its own answer
        })
        .catch(function () {});
    }

    var later = debounce(update, 250);
    [simplified, traditional, english, pinyin].forEach(function (input) {
      input.addEventListener("input", later);
    });
    kind.addEventListener("change", update);
    if (simplified.value.trim() || english.value.trim()) update();
  }

  // Affiliations are for people only: out of sight (and not sent) for other kinds.
  function personOnly(form) {
    var kind = form.elements.namedItem("kind");
    var groups = form.querySelectorAll("fieldset[data-person-only]");
    function toggle() {
      groups.forEach(function (group) {
        group.hidden = group.disabled = kind.value !== "person";
      });
    }
    kind.addEventListener("change", toggle);
    toggle();
  }

  // Choosing an entry by typing: the datalist offers matches from /api/search; choosing one
  // stores its id in the hidden field beside the input.
  function lookups(form) {
    var latest = 0;
    var timer = null;
    function choose(input) {
      var hidden = document.getElementById(input.dataset.lookupId);
      var list = document.getElementById(input.getAttribute("list"));
      if (!hidden || !list) return false;
      var chosen = null;
      list.querySelectorAll("option").forEach(function (option) {
        if (!chosen && option.value === input.value) chosen = option;
      });
      hidden.value = chosen ? chosen.dataset.id : "";
      return chosen !== null;
    }
    function fill(input) {
      var query = input.value.trim();
      if (!query) return;
      var params = new URLSearchParams({ q: query, limit: "8" });
      if (input.dataset.lookup) params.set("kind", input.dataset.lookup);
      var list = document.getElementById(input.getAttribute("list"));
      var ticket = ++latest;
      fetch(form.dataset.lookupUrl + "?" + params.toString())
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data || ticket !== latest || !list) return;
          list.textContent = "";
          data.results.forEach(function (entry) {
            var option = element("option", { value: entry.english }, entry.simplified);
            option.dataset.id = String(entry.id);
            list.appendChild(option);
          });
          choose(input);
        })
        .catch(function () {});
    }
    form.addEventListener("input", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches("input[data-lookup-id]")) return;
      if (choose(input)) return;
      clearTimeout(timer);
      timer = setTimeout(function () { fill(input); }, 200);
    });
  }

  // "Add another …": a copy of the last row, emptied, instead of asking the server.
  function addRows(form) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.add-row") : null;
      if (!button) return;
      var group = button.value;
      var rows = form.querySelectorAll('fieldset.row[data-row="' + group + '"]');
      if (!rows.length) return;
      event.preventDefault();
      var last = rows[rows.length - 1];
      var pattern = new RegExp(group + "-\\d+-", "g");
      var index = 0;
      rows.forEach(function (row) {
        row.querySelectorAll("[name]").forEach(function (field) {
          var match = field.name.match(new RegExp("^" + group + "-(\\d+)-"));
          if (match) index = Math.max(index, Number(match[1]) + 1);
        });
      });
      var copy = last.cloneNode(true);
      copy.querySelectorAll("[name], [id], [for], [aria-describedby], [data-lookup-id]").forEach(function (node) {
        ["name", "id", "for", "aria-describedby", "data-lookup-id"].forEach(function (attribute) {
          var value = node.getAttribute(attribute);
          if (value) node.setAttribute(attribute, value.replace(pattern, group + "-" + index + "-"));
        });
      });
      copy.querySelectorAll(".field-error").forEach(function (node) { node.remove(); });
      copy.querySelectorAll(".invalid").forEach(function (node) { node.classList.remove("invalid"); });
      copy.querySelectorAll("[aria-invalid]").forEach(function (node) {
        node.removeAttribute("aria-invalid");
        var described = (node.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
          return id && !/-error$/.test(id);
        });
        if (described.length) node.setAttribute("aria-describedby", described.join(" "));
        else node.removeAttribute("aria-describedby");
      });
      copy.querySelectorAll("input, textarea").forEach(function (field) { field.value = ""; });
      copy.querySelectorAll("select").forEach(function (field) { field.selectedIndex = 0; });
      var legend = copy.querySelector("legend[data-legend]");
      if (legend) legend.textContent = format(legend.dataset.legend, { number: rows.length + 1 });
      last.after(copy);
      if (group === "sources") numberSources(form, rows.length + 1, legend);
      var first = copy.querySelector("input:not([type=hidden]), textarea, select");
      if (first) first.focus();
    });
  }

  // A new source can be cited by the affiliations: each source menu gets its number.
  function numberSources(form, number, legend) {
    form.querySelectorAll("select[data-source-select]").forEach(function (select) {
      if (select.querySelector('option[value="' + number + '"]')) return;
      select.appendChild(new Option(legend ? legend.textContent : String(number), String(number)));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.entry-form").forEach(function (form) {
      suggestions(form);
      personOnly(form);
      lookups(form);
      addRows(form);
    });
  });
})();
