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
