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
// Access keys (Alt + the boxed letter) where the browser does not take them itself
// (a browser that handled the key has marked the event as done).
document.addEventListener("keydown", (ev) => {
  if (!ev.altKey || ev.ctrlKey || ev.metaKey || ev.defaultPrevented || ev.key.length !== 1) return;
  const el = document.querySelector(`[accesskey="${CSS.escape(ev.key.toLowerCase())}"]`);
  if (!el) return;
  ev.preventDefault();
  el.focus();
  el.click();
});
// A message's length and its preview as the member reads it, while it is typed.
document.addEventListener("input", (ev) => {
  const box = ev.target;
  const count = box.getAttribute && document.getElementById(box.getAttribute("data-count") || "");
  if (count) count.textContent = String(box.value.length);
  const preview = document.getElementById(box.getAttribute("data-preview") || "");
  if (preview) preview.textContent = preview.getAttribute("data-frame").replace("{text}", box.value);
});
