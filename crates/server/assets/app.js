// ushtil: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("q");
  // "/" jumps to the search box, as on most search sites.
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (box && event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
  // A blank query would only reload the start page: say so instead.
  const form = box && box.form;
  if (form) {
    form.addEventListener("submit", (event) => {
      if (box.value.trim() === "") {
        event.preventDefault();
        box.setAttribute("aria-invalid", "true");
        box.focus();
      }
    });
    box.addEventListener("input", () => box.removeAttribute("aria-invalid"));
  }
});
