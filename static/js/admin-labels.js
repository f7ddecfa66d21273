/* Names the admin's autocomplete (select2) boxes for assistive technology (WCAG 4.1.2; axe:
   aria-input-field-name). select2 labels its combobox by the selected text alone, which is empty
   until something is chosen, and marks that text as an unnamed read-only textbox. This labels
   the combobox by the field's label (or the <select>'s aria-label, which inline rows carry)
   followed by the choice, and leaves the choice plain text; after the admin's autocomplete has
   started (jQuery's ready handlers run in order, and this deferred script registers last) and
   for every inline row added later. */
(function () {
  "use strict";
  function name(select) {
    var container = select.nextElementSibling;
    var box = container && container.querySelector(".select2-selection[role=combobox]");
    if (!box || box.dataset.named) return;
    var shown = container.querySelector(".select2-selection__rendered");
    if (shown) {
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
    }
    var label = select.labels && select.labels[0];
    if (label) {
      if (!label.id) label.id = select.id + "-label";
      box.setAttribute("aria-labelledby", shown && shown.id ? label.id + " " + shown.id : label.id);
    } else if (select.getAttribute("aria-label")) {
      box.removeAttribute("aria-labelledby");
      box.setAttribute("aria-label", select.getAttribute("aria-label"));
    }
    box.dataset.named = "1";
  }
  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }
  if (window.django && window.django.jQuery) {
    window.django.jQuery(nameAll);
  }
  window.addEventListener("load", nameAll);
  document.addEventListener("formset:added", function () { window.setTimeout(nameAll, 0); });
})();
