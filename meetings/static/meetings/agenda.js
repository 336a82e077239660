/* The staff meeting form's agenda: add, remove and reorder items with buttons.
 * Without JavaScript the form still works: one empty item per save, an "Order" number and a
 * "Remove this item" checkbox per item. With it those two are hidden and set by the buttons. */
(function () {
  "use strict";
  var box = document.querySelector("[data-agenda]");
  if (!box) return;
  var list = box.querySelector(".agenda-items");
  var total = box.querySelector("input[name$='-TOTAL_FORMS']");
  var template = box.querySelector("template.agenda-template");
  var addButton = box.querySelector(".agenda-add");
  var status = box.querySelector(".agenda-status");

  function say(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function visibleItems() {
    return Array.prototype.filter.call(list.children, function (item) { return !item.hidden; });
  }

  function renumber() {
    var items = visibleItems();
    items.forEach(function (item, index) {
      var position = item.querySelector("input[name$='-position']");
      if (position) position.value = index + 1;
      item.querySelector(".agenda-number").textContent = index + 1;
      item.querySelector("[data-move=up]").disabled = index === 0;
      item.querySelector("[data-move=down]").disabled = index === items.length - 1;
    });
  }

  function enhance(item) {
    item.querySelector(".agenda-manual").hidden = true;
    item.querySelector(".agenda-tools").hidden = false;
    if (item.querySelector("input[name$='-DELETE']").checked) item.hidden = true;
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var item = button.closest(".agenda-item");
    if (button.hasAttribute("data-remove")) {
      var next = visibleItems()[visibleItems().indexOf(item) + 1] || visibleItems()[visibleItems().indexOf(item) - 1];
      item.querySelector("input[name$='-DELETE']").checked = true;
      item.hidden = true;
      renumber();
      say(box.dataset.removed);
      (next ? next.querySelector("input:not([type=hidden])") : addButton).focus();
    } else if (button.dataset.move === "up") {
      var before = visibleItems()[visibleItems().indexOf(item) - 1];
      if (before) list.insertBefore(item, before);
      renumber();
      say(box.dataset.movedUp);
      (button.disabled ? item.querySelector("[data-move=down]") : button).focus();
    } else if (button.dataset.move === "down") {
      var after = visibleItems()[visibleItems().indexOf(item) + 1];
      if (after) list.insertBefore(after, item);
      renumber();
      say(box.dataset.movedDown);
      (button.disabled ? item.querySelector("[data-move=up]") : button).focus();
    }
  });

  addButton.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("ol");
    holder.innerHTML = html;
    var item = holder.firstElementChild;
    list.appendChild(item);
    total.value = index + 1;
    enhance(item);
    renumber();
    say(box.dataset.added);
    item.querySelector("input:not([type=hidden])").focus();
  });

  Array.prototype.forEach.call(list.children, enhance);
  addButton.hidden = false;
  box.querySelector(".agenda-help").hidden = true;
  renumber();
})();
