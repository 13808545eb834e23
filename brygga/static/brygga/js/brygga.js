// Progressive enhancement only: every page works without this file.
// Moves focus to an error summary so keyboard and screen-reader users hear what to fix
// (the GOV.UK Frontend pattern).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) {
    summary.focus();
  }
});
