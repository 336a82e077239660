// Fills the species list from the server as the user types any part of a name (keyboard friendly:
// it only enhances a native <datalist>, which already works without this script).
(function () {
  "use strict";
  var inputs = document.querySelectorAll("[data-taxon-search]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = list && list.getAttribute("data-url");
    if (!url) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            if (!data.results.length) { return; }
            list.innerHTML = "";
            data.results.forEach(function (t) {
              var option = document.createElement("option");
              option.value = t.label;
              option.label = [t.name_nl, t.name_en, t.scientific_name].join(" · ");
              list.appendChild(option);
            });
          });
      }, 150);
    });
  });
})();
