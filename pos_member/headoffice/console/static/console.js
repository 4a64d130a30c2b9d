// The console's only script: confirm dangerous forms and go back from error pages.
// Every page works without it.
"use strict";
document.addEventListener("submit", (ev) => {
  const form = ev.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) ev.preventDefault();
});
document.addEventListener("click", (ev) => {
  const back = ev.target.closest("[data-back]");
  if (back && window.history.length > 1) { ev.preventDefault(); window.history.back(); }
});
