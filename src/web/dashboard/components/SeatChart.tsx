import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
} from "chart.js";
// Chart.js's time scale reads and formats dates through an adapter; this one uses date-fns.
import "chartjs-adapter-date-fns";
import { useEffect, useRef } from "react";
import { formatTime } from "../format.ts";
import { timeWindow } from "../time-window.ts";
import type { SeatPoint } from "../types.ts";

Chart.register(LinearScale, TimeScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** The page's colours (light or dark), read from its CSS custom properties so the chart matches the theme. */
function themeColours() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return { used: read("--accent"), available: read("--muted"), grid: read("--border"), text: read("--text") };
}

/**
 * Seats used and seats available over time, as a Chart.js line chart (oldest point first). The same figures
 * are in the table beside it (SeatTable) for screen readers and for copying.
 */
export function SeatChart({ points, label }: { points: SeatPoint[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const colours = themeColours();
    const span = timeWindow(points.map((p) => Date.parse(p.created_at)));
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        // x is the sync time in ms: points sit at their real distance in time.
        datasets: [
          {
            label: "Seats used",
            data: points.map((p) => ({ x: Date.parse(p.created_at), y: p.seats_used })),
            borderColor: colours.used,
            backgroundColor: colours.used,
            stepped: true,
          },
          {
            label: "Seats available",
            data: points.map((p) => ({ x: Date.parse(p.created_at), y: p.seats_available })),
            borderColor: colours.available,
            backgroundColor: colours.available,
            borderDash: [6, 4],
            stepped: true,
          },
        ],
      },
      options: {
        // Drawn once, fully: an animation would only delay what the operator came to read.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            type: "time",
            min: span.min,
            max: span.max,
            // Ticks on round local times (hours, days, months: the scale picks the unit for the window).
            ticks: { color: colours.text, maxRotation: 0, maxTicksLimit: 5 },
            grid: { color: colours.grid },
          },
          y: {
            beginAtZero: true,
            ticks: { color: colours.text, precision: 0 },
            grid: { color: colours.grid },
          },
        },
        plugins: {
          legend: { labels: { color: colours.text } },
          // The axis shows minutes; the tooltip names the exact sync time.
          tooltip: {
            callbacks: { title: (items) => formatTime(points[items[0]?.dataIndex ?? 0]?.created_at) },
          },
        },
      },
    });
    // What the chart holds, in the page: browser tests and tools read the drawn series from here.
    canvas.current.dataset.series = JSON.stringify(chart.data.datasets.map((d) => d.data));
    // …and the time axis as drawn: [min, max] in epoch ms.
    canvas.current.dataset.timeAxis = JSON.stringify([chart.scales.x?.min, chart.scales.x?.max]);
    return () => chart.destroy();
  }, [points]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={`${label}: chart of seats used and available over time`} />
    </div>
  );
}
