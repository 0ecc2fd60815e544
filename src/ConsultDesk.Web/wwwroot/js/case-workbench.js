// The case page without JavaScript works by form posts (a search step, a preview button, an insert button).
// This script only makes two of them immediate: municipality suggestions as you type, and the reply preview.
(function () {
  'use strict';

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // Municipality search: the same radio list the search step renders, filled from the staff JSON endpoint.
  var search = document.getElementById('m-search');
  var results = document.getElementById('m-results');
  if (search && results) {
    var legend = results.querySelector('legend');
    var latest = 0;
    var render = function (items, text) {
      results.querySelectorAll('label, p').forEach(function (n) { n.remove(); });
      if (items.length === 0) {
        var none = document.createElement('p');
        none.className = 'hint';
        none.textContent = (document.documentElement.lang === 'en' ? 'No municipality matches “' + text + '”.' : '「' + text + '」に一致する自治体はありません。');
        results.appendChild(none);
      }
      items.forEach(function (item) {
        var label = document.createElement('label');
        label.className = 'check';
        var radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'municipalityCode';
        radio.value = item.code;
        if (items.length === 1) radio.checked = true;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(' ' + item.name + '（' + item.prefectureName + '）'));
        var hint = document.createElement('span');
        hint.className = 'hint';
        hint.textContent = ' ' + item.nameKana + '・' + item.code;
        label.appendChild(hint);
        results.appendChild(label);
      });
      results.hidden = false;
      if (legend) results.insertBefore(legend, results.firstChild);
    };
    search.addEventListener('input', debounce(function () {
      var text = search.value.trim();
      var mine = ++latest;
      if (text.length === 0) { results.hidden = true; return; }
      fetch(search.dataset.searchUrl + '?q=' + encodeURIComponent(text), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (mine === latest) render(items, text); })
        .catch(function () { /* the search button still works */ });
    }, 200));
  }

  // Reply preview: the whole mail as SendReply will send it, refreshed as the consultant types.
  var form = document.querySelector('form.reply-form');
  var preview = document.getElementById('reply-preview');
  if (form && preview) {
    var refresh = debounce(function () {
      var data = new FormData();
      ['__RequestVerificationToken', 'subject', 'body'].forEach(function (name) {
        var field = form.elements[name];
        if (field) data.append(name, field.value);
      });
      fetch(form.dataset.previewUrl, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (mail) {
          if (!mail) return;
          preview.querySelector('[data-preview="to"]').textContent = mail.to;
          preview.querySelector('[data-preview="subject"]').textContent = mail.subject;
          preview.querySelector('[data-preview="body"]').textContent = mail.body;
          preview.hidden = false;
        })
        .catch(function () { /* the preview button still works */ });
    }, 400);
    form.addEventListener('input', function (e) {
      if (e.target && (e.target.name === 'subject' || e.target.name === 'body')) refresh();
    });
    if (form.elements.body && form.elements.body.value.trim().length > 0) refresh();

    // Canned replies: inserted in place (as the insert button does, at the end of the text) instead of a page post
    // that would drop the files already chosen. On any failure the button's own post still runs.
    var picker = form.elements.cannedId;
    var insert = form.querySelector('.canned-picker button');
    if (picker && insert) {
      insert.addEventListener('click', function (e) {
        e.preventDefault();
        var data = new FormData();
        data.append('__RequestVerificationToken', form.elements.__RequestVerificationToken.value);
        data.append('cannedId', picker.value);
        fetch(form.dataset.cannedUrl, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
          .then(function (canned) {
            var body = form.elements.body;
            var typed = body.value.replace(/\s+$/, '');
            body.value = typed.length === 0 ? canned.text : typed + '\n\n' + canned.text;
            body.focus();
            refresh();
          })
          .catch(function () { form.requestSubmit(insert); });
      });
    }
  }
})();
