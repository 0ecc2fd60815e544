// Progressive enhancement only: the form works without this file.
(function () {
  "use strict";
  // Narrow the long municipality list to one prefecture.
  var filter = document.getElementById("pref-filter");
  var select = document.getElementById("f-LocalGovernmentCode");
  if (filter && select) {
    filter.hidden = false;
    var groups = Array.prototype.slice.call(select.querySelectorAll("optgroup"));
    var selected = select.value;
    if (selected) filter.value = selected.substring(0, 2);
    var apply = function () {
      groups.forEach(function (g) {
        var show = !filter.value || g.getAttribute("data-prefecture") === filter.value;
        g.hidden = !show;
        g.disabled = !show;
      });
    };
    filter.addEventListener("change", function () { select.value = ""; apply(); });
    apply();
  }
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // On the 確認画面, start reading at its heading.
  var review = document.getElementById("review-title");
  if (review && !summary) review.focus();
})();
