// The desk dashboard's chart: dossiers finished each month (bars) and the share early or on
// time (line). Data comes from the page's json_script block.
(function () {
  "use strict";
  const source = document.getElementById("desk-data");
  const canvas = document.getElementById("desk-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const styles = getComputedStyle(document.documentElement);
  const primary = (styles.getPropertyValue("--chuan-primary") || "").trim() || "#0b5394";
  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: data.rateLabel, data: data.rates, yAxisID: "rate",
          borderColor: "#198754", backgroundColor: "#19875422", tension: 0.2, borderWidth: 2.5 },
        { type: "bar", label: data.finishedLabel, data: data.finished, yAxisID: "count",
          backgroundColor: primary + "55", borderRadius: 3 },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        rate: { position: "left", min: 0, max: 100, ticks: { callback: (v) => v + "%" } },
        count: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } },
      },
    },
  });
})();
