// Progressive enhancement only: without this file the form's 「関連する施策を表示」 button shows the same list after a post.
(function () {
  "use strict";
  var section = document.getElementById("info-matches");
  var list = document.getElementById("info-matches-list");
  if (!section || !list || !window.fetch) return;
  var form = section.closest("form");
  if (!form) return;
  var button = document.getElementById("show-policies");
  if (button) button.hidden = true;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="Form.Topics"]'));
  var controller = null;
  var timer = null;

  function hint(text, state) {
    var p = document.createElement("p");
    p.className = "hint";
    p.setAttribute("data-info-state", state);
    p.textContent = text;
    return p;
  }

  function render(items) {
    var content;
    if (items.length === 0) {
      content = hint(section.getAttribute("data-none"), "none");
    } else {
      content = document.createElement("ul");
      content.className = "info-match-list";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url;
        a.target = "_blank";
        a.rel = "noopener";
        a.textContent = item.title;
        var meta = document.createElement("span");
        meta.className = "info-match-meta";
        meta.textContent = section.getAttribute(item.kind === "policy" ? "data-policy" : "data-guideline") + (item.source ? "・" + item.source : "");
        var summary = document.createElement("span");
        summary.className = "info-match-summary";
        summary.textContent = item.summary;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(meta);
        li.appendChild(summary);
        content.appendChild(li);
      });
    }
    list.replaceChildren(content);
  }

  function refresh() {
    var topics = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (controller) controller.abort();
    if (topics.length === 0) {
      list.replaceChildren(hint(section.getAttribute("data-pick"), "pick"));
      return;
    }
    var query = topics.map(function (t) { return "topic=" + encodeURIComponent(t); });
    query.push("party=" + encodeURIComponent(section.getAttribute("data-party")));
    query.push("lang=" + encodeURIComponent(section.getAttribute("data-lang")));
    controller = window.AbortController ? new AbortController() : null;
    fetch(section.getAttribute("data-url") + "?" + query.join("&"), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (json) { if (json && json.items) render(json.items); })
      .catch(function () { /* the list stays as it was; the button-less form still works */ });
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
  });
  if (boxes.some(function (b) { return b.checked; }) && list.querySelector('[data-info-state="pick"]')) refresh();
})();
