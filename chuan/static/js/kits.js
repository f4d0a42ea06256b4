// The adoption page: "All" ticks or clears every model of its group.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  document
    .querySelectorAll(`input[data-group="${all.dataset.checkAll}"]:not(:disabled)`)
    .forEach((box) => {
      box.checked = all.checked;
    });
});
