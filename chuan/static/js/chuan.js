// Small behaviours shared by every page; no build step.
document.addEventListener("click", (event) => {
  // A unit picked from search results fills the hidden field of its form.
  const choice = event.target.closest("[data-pick-unit]");
  if (!choice) return;
  event.preventDefault();
  const picker = choice.closest("[data-unit-picker]");
  picker.querySelector("input[type=hidden]").value = choice.dataset.pickUnit;
  picker.querySelector("[data-unit-label]").textContent = choice.dataset.label;
  picker.querySelector("[data-unit-results]").innerHTML = "";
  picker.querySelector("input[type=search]").value = "";
});
document.body.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("meta[name=csrf-token]");
  if (token) event.detail.headers["X-CSRFToken"] = token.content;
});
document.addEventListener("change", (event) => {
  // Filters marked data-autosubmit apply as soon as they change.
  if (event.target.matches("[data-autosubmit]")) event.target.form.requestSubmit();
});
document.addEventListener("submit", (event) => {
  // Destructive forms ask once before they send.
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
