// The case page's portal search. Without this file it is a GET form: the page comes back with the hits, and 挿入
// appends "title\nURL" to the reply box. With it, the search runs in place and 挿入 puts the text at the cursor,
// so the draft and any chosen attachments stay as they are.
(function () {
  "use strict";
  var form = document.querySelector("form.portal-search-form");
  var results = document.getElementById("portal-results");
  if (!form || !results || !window.fetch) return;

  function status(text, className) {
    var p = document.createElement("p");
    p.className = className || "hint";
    p.setAttribute("role", "status");
    p.textContent = text;
    return p;
  }

  function insertAtCursor(text) {
    var box = document.getElementById("reply-body");
    if (!box) return false;
    var start = typeof box.selectionStart === "number" ? box.selectionStart : box.value.length;
    var end = typeof box.selectionEnd === "number" ? box.selectionEnd : start;
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    if (before.length > 0 && before.charAt(before.length - 1) !== "\n") text = "\n" + text;
    if (after.length > 0 && after.charAt(0) !== "\n") text = text + "\n";
    box.value = before + text + after;
    var caret = before.length + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  results.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.insert-info") : null;
    if (!button) return;
    if (insertAtCursor(button.getAttribute("data-insert-text"))) {
      e.preventDefault();
      var old = results.querySelector("[data-inserted-note]");
      if (old) old.remove();
      var note = status(results.getAttribute("data-inserted"));
      note.setAttribute("data-inserted-note", "");
      results.insertBefore(note, results.firstChild);
    }
  });

  function render(items) {
    if (items.length === 0) {
      results.replaceChildren(status(results.getAttribute("data-none")));
      return;
    }
    var list = document.createElement("ul");
    list.className = "portal-hit-list";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = item.title;
      var meta = document.createElement("span");
      meta.className = "info-match-meta";
      meta.textContent = item.kindLabel + (item.source ? "・" + item.source : "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "insert-info";
      button.setAttribute("data-insert-text", item.insert);
      button.setAttribute("aria-label", results.getAttribute("data-insert-label").replace("{0}", item.title));
      button.textContent = results.getAttribute("data-insert");
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(meta);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(button);
      list.appendChild(li);
    });
    results.replaceChildren(list);
  }

  form.addEventListener("submit", function (e) {
    var q = form.elements.infoq.value.trim();
    e.preventDefault();
    if (q.length === 0) { results.replaceChildren(); return; }
    fetch(form.getAttribute("data-search-url") + "&infoq=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, json: json }; }); })
      .then(function (res) {
        if (!res.ok) { results.replaceChildren(status(res.json.error || "", "error")); return; }
        render(res.json.items || []);
      })
      .catch(function () {
        // Fall back to the page request, carrying what was typed so far.
        var box = document.getElementById("reply-body");
        if (box && form.elements.draft) form.elements.draft.value = box.value;
        form.submit();
      });
  });
})();
