// The 766 index's trend: the total points month by month (a bold line) and each group's
// points (thin lines). Data comes from the page's json_script block (no inline script).
(function () {
  "use strict";
  const source = document.getElementById("index-data");
  const canvas = document.getElementById("index-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const styles = getComputedStyle(document.documentElement);
  const primary = (styles.getPropertyValue("--chuan-primary") || "").trim() || "#0b5394";
  const tones = ["#6f42c1", "#198754", "#fd7e14", "#20c997", "#dc3545", "#0dcaf0"];
  const datasets = [
    { type: "line", label: data.totalLabel, data: data.totals, yAxisID: "total",
      borderColor: primary, backgroundColor: primary + "22", fill: true, tension: 0.2,
      borderWidth: 3 },
  ];
  data.groups.forEach((group, i) => {
    datasets.push({ type: "line", label: group.label, data: group.points, yAxisID: "group",
      borderColor: tones[i % tones.length], borderWidth: 1.5, pointRadius: 2, tension: 0.2,
      spanGaps: true });
  });
  new window.Chart(canvas, {
    data: { labels: data.labels, datasets: datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      scales: {
        total: { position: "left", min: 0, max: 100 },
        group: { position: "right", min: 0, max: 22, grid: { drawOnChartArea: false } },
      },
    },
  });
})();
