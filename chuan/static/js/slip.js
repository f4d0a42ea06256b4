// The print button of a slip (no inline script, so a strict Content-Security-Policy holds).
document.querySelector("[data-print]")?.addEventListener("click", () => window.print());
