// The coverage chart of the QMS roll-out dashboard: the level's coverage month by month and
// the province's targets as dashed lines. Data comes from the page's json_script block, so
// the page needs no inline script.
(function () {
  "use strict";
  const source = document.getElementById("coverage-data");
  const canvas = document.getElementById("coverage-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const styles = getComputedStyle(document.documentElement);
  const colour = (name, fallback) => (styles.getPropertyValue(name) || "").trim() || fallback;
  const tones = {
    success: colour("--bs-success", "#198754"),
    warning: colour("--bs-warning", "#ffc107"),
    danger: colour("--bs-danger", "#dc3545"),
  };
  const primary = colour("--chuan-primary", "#0b5394");
  const percent = new Intl.NumberFormat(document.documentElement.lang || "vi", {
    maximumFractionDigits: 1,
  });

  const datasets = [
    {
      label: data.coverageLabel,
      data: data.coverage,
      borderColor: primary,
      backgroundColor: primary + "22",
      fill: true,
      tension: 0.15,
      pointRadius: data.labels.length > 18 ? 0 : 3,
      pointHoverRadius: 5,
      borderWidth: 2.5,
    },
  ];
  data.targets.forEach((target) => {
    // A target is a level the coverage must reach: a flat dashed line, with a dot on the
    // month of its deadline when that month is on the chart.
    datasets.push({
      label: target.label,
      data: data.labels.map(() => target.percent),
      borderColor: tones[target.tone] || tones.warning,
      borderDash: [6, 4],
      borderWidth: 1.5,
      fill: false,
      pointRadius: data.labels.map((_, i) => (i === target.deadlineIndex ? 5 : 0)),
      pointHoverRadius: 0,
      pointBackgroundColor: tones[target.tone] || tones.warning,
      stepped: true,
      // A 100% target sits on the chart's top edge; let it draw there in full.
      clip: false,
    });
  });

  new window.Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: {
          min: 0,
          max: 100,
          ticks: { stepSize: 20, callback: (value) => value + "%" },
        },
        x: { ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: 8 } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 18, usePointStyle: false } },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            title: (items) => (items.length ? data.dates[items[0].dataIndex] : ""),
            label: (item) =>
              ` ${percent.format(item.parsed.y)}% (${data.announced[item.dataIndex]}/` +
              `${data.inScope[item.dataIndex]} ${data.announcedOf})`,
          },
        },
      },
    },
  });
  canvas.dataset.ready = "true";
})();
