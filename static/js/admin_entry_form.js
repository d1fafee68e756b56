// The entry form's helpers (core/admin/widgets.py): the summary's live character count and the
// description's preview. Without this script both stay plain textareas; the summary's
// maxlength still holds it to what cards show.
"use strict";

function addCounter(field) {
  const limit = Number(field.dataset.characterLimit);
  const counter = document.createElement("p");
  counter.id = field.id + "_counter";
  counter.className = "help atlas-counter";
  counter.setAttribute("aria-live", "polite");
  field.after(counter);
  field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), counter.id]
    .filter(Boolean).join(" "));
  const update = () => {
    counter.textContent = field.dataset.counterText
      .replace("{count}", field.value.length)
      .replace("{limit}", limit);
    counter.classList.toggle("atlas-counter--over", field.value.length > limit);
  };
  field.addEventListener("input", update);
  update();
}

// Paragraphs at blank lines, line breaks within: what Django's `linebreaks` filter makes.
function addPreview(field) {
  const preview = document.createElement("section");
  preview.className = "atlas-preview";
  preview.setAttribute("aria-label", field.dataset.previewLabel);
  field.after(preview);
  const update = () => {
    const paragraphs = field.value.trim().split(/\n\s*\n/).filter((text) => text.trim());
    preview.replaceChildren(...paragraphs.map((text) => {
      const paragraph = document.createElement("p");
      text.trim().split("\n").forEach((line, index) => {
        if (index) paragraph.append(document.createElement("br"));
        paragraph.append(line);
      });
      return paragraph;
    }));
    preview.hidden = paragraphs.length === 0;
  };
  field.addEventListener("input", update);
  update();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-character-limit]").forEach(addCounter);
  document.querySelectorAll("textarea[data-preview-label]").forEach(addPreview);
});

// The admin's autocompletes (select2) leave their combobox and search field without a name
// (axe: label, aria-input-field-name): name both by the field's own label.
function nameAutocomplete(select) {
  const label = document.querySelector(`label[for="${select.id}"]`);
  const container = select.nextElementSibling;
  if (!label || !container || !container.classList.contains("select2")) return;
  label.id = label.id || select.id + "_label";
  container.querySelectorAll(".select2-selection, .select2-search__field, [role=\"textbox\"]").forEach((element) => {
    const names = (element.getAttribute("aria-labelledby") || "").split(" ");
    if (!names.includes(label.id)) {
      element.setAttribute("aria-labelledby", [label.id, ...names].join(" ").trim());
    }
  });
}

function nameAutocompletes() {
  document.querySelectorAll("select.admin-autocomplete").forEach(nameAutocomplete);
}

// After the admin's own scripts have made the autocompletes; select2 redraws its search field
// when a choice is made or removed.
window.addEventListener("load", () => {
  nameAutocompletes();
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("select2:select select2:unselect select2:close", nameAutocompletes);
  }
});
