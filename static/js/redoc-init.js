/* Starts ReDoc on the API documentation page from a valid HTML element (a <redoc> element is not
   HTML) without an inline script: the schema address comes from the element's data-spec-url. */
(function () {
  "use strict";
  var box = document.getElementById("redoc");
  if (box && window.Redoc) {
    window.Redoc.init(box.getAttribute("data-spec-url"), {}, box);
  }
})();
