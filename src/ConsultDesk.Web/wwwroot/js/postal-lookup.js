// Progressive enhancement of the _PostalAddressFields partial: once seven digits are typed (full-width digits and any
// dash accepted), ask /api/v1/postal-codes/{code} and fill 都道府県 and 市区町村 (or pick the 団体 in the page's
// municipality select), and the town when the street is still empty. Without this file the 「住所を検索」 button does it.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("[data-postal-address]");
  Array.prototype.forEach.call(blocks, function (block) {
    var input = block.querySelector("[data-postal-code]");
    if (!input || !window.fetch) return;
    var status = block.querySelector("#postal-status");
    var last = "";
    var digitsOf = function (value) {
      return value.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
        .replace(/[^0-9]/g, "");
    };
    var say = function (text) {
      if (!status) return;
      status.textContent = text;
      status.hidden = !text;
    };
    var fill = function (data) {
      var first = data.addresses[0];
      var pickerId = block.getAttribute("data-municipality-picker");
      if (pickerId) {
        var picker = document.getElementById(pickerId);
        if (picker) {
          var options = Array.prototype.slice.call(picker.options);
          // A ward of a designated city is not listed: its city is the option whose name starts the ward's name.
          var match = options.filter(function (o) { return o.value === first.municipalityCode; })[0] ||
            options.filter(function (o) { return o.value && o.value.substring(0, 2) === first.prefectureCode && first.municipality.indexOf(o.text) === 0; })[0];
          if (match) {
            var filter = document.getElementById("pref-filter");
            if (filter) { filter.value = first.prefectureCode; filter.dispatchEvent(new Event("change")); }
            picker.value = match.value;
          }
        }
      } else {
        var prefecture = block.querySelector("[data-address=prefecture]");
        var municipality = block.querySelector("[data-address=municipality]");
        if (prefecture) prefecture.value = first.prefectureCode;
        if (municipality) municipality.value = first.municipality;
        // A select of 団体 (the Action宣言 form): the code itself, or for a ward its city (whose name starts the ward's).
        var code = block.querySelector("[data-address=municipality-code]");
        if (code) {
          var choices = Array.prototype.slice.call(code.options);
          var hit = choices.filter(function (o) { return o.value === first.municipalityCode; })[0] ||
            choices.filter(function (o) { return o.value && o.value.substring(0, 2) === first.prefectureCode && first.municipality.indexOf(o.text) === 0; })[0];
          if (hit) code.value = hit.value;
        }
      }
      var street = block.querySelector("[data-address=street]");
      var towns = data.addresses.map(function (a) { return a.town; }).filter(function (t, i, all) { return all.indexOf(t) === i; });
      if (street && !street.value && towns.length === 1 && towns[0]) street.value = towns[0];
      say(block.getAttribute("data-filled") || "");
    };
    var lookUp = function () {
      var digits = digitsOf(input.value);
      if (digits.length !== 7 || digits === last) return;
      last = digits;
      fetch("/api/v1/postal-codes/" + digits, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && data.addresses && data.addresses.length) fill(data);
          else say(block.getAttribute("data-not-found") || "");
        })
        .catch(function () { /* the button still works */ });
    };
    input.addEventListener("input", lookUp);
    input.addEventListener("change", lookUp);
  });
})();
