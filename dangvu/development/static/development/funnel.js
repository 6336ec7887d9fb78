/* The funnel page's charts (Chart.js, vendored). No inline script (strict CSP): each <canvas data-chart="ID">
   is drawn from the JSON of <script type="application/json" id="ID"> (Django's json_script). The same numbers
   are in the tables beside the charts, which stay the reference without JavaScript. */
(function () {
  "use strict";

  var COLOURS = ["#8f1d21", "#1d4f91", "#1e6b37", "#b7791f", "#4c2c92"];

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") return;
    var spec = JSON.parse(source.textContent);
    var several = spec.datasets.length > 1;
    var datasets = spec.datasets.map(function (dataset, index) {
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: several ? COLOURS[index % COLOURS.length] : COLOURS[0],
        borderWidth: 0
      };
    });
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        locale: "vi-VN",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: several } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
    canvas.setAttribute("data-drawn", "true");
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
