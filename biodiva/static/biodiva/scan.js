/* Hides a question while the earlier answer in the same step makes it irrelevant. Without this
   script all questions show, and the server ignores answers to questions that do not apply. */
(function () {
  "use strict";
  var form = document.querySelector(".biodiva-step");
  if (!form) { return; }
  var dependents = form.querySelectorAll("[data-condition-field]");
  function chosen(name) {
    return Array.prototype.map.call(
      form.querySelectorAll("[name='" + name + "']:checked"), function (i) { return i.value; });
  }
  function update() {
    dependents.forEach(function (fs) {
      var wanted = fs.dataset.conditionValues.split(" ");
      var show = chosen(fs.dataset.conditionField).some(function (v) { return wanted.indexOf(v) >= 0; });
      fs.hidden = !show;
      fs.querySelectorAll("input, textarea, select").forEach(function (i) { i.disabled = !show; });
    });
  }
  form.addEventListener("change", update);
  form.querySelectorAll(".field-condition").forEach(function (p) { p.hidden = true; });
  update();
  var errors = document.getElementById("step-errors");
  if (errors) { errors.focus(); }
})();
