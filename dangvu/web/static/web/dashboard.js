/* The dashboard's charts (Chart.js, vendored). No inline script (strict CSP): each <canvas data-chart="ID"> is
   drawn from the JSON of <script type="application/json" id="ID"> (Django's json_script). The same numbers are
   in the tables beside the charts, linked to their lists; the tables stay the reference without JavaScript. */
(function () {
  "use strict";

  var COLOURS = ["#8f1d21", "#1d4f91", "#1e6b37", "#b7791f", "#4c2c92", "#5f6b7a"];

  function dataset(spec, item, index, several) {
    var colour = COLOURS[index % COLOURS.length];
    var out = { label: item.label, data: item.data, borderWidth: 0, backgroundColor: colour };
    if (spec.type === "doughnut") {
      out.backgroundColor = item.data.map(function (_value, i) { return COLOURS[i % COLOURS.length]; });
    } else if (item.type === "line" || spec.type === "line") {
      out.type = "line";
      out.borderColor = colour;
      out.backgroundColor = colour;
      out.borderWidth = 2;
      out.pointRadius = 2;
      out.fill = false;
      if (item.dashed) out.borderDash = [6, 4];
    } else if (!several) {
      out.backgroundColor = COLOURS[0];
    }
    return out;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") return;
    var spec = JSON.parse(source.textContent);
    if (!spec.labels.length) return;
    var several = spec.datasets.length > 1;
    var round = spec.type === "doughnut";
    var options = {
      locale: "vi-VN",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: several || round, position: "bottom" } }
    };
    if (!round) {
      options.indexAxis = spec.horizontal ? "y" : "x";
      options.scales = {
        x: { beginAtZero: true, ticks: { precision: 0 } },
        y: { beginAtZero: spec.type !== "line", ticks: { precision: 0 } }
      };
    }
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (item, index) { return dataset(spec, item, index, several); })
      },
      options: options
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
