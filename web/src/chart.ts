// Chart.js, loaded only by the coverage page (a separate chunk).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export function barChart(canvas: HTMLCanvasElement, data: { labels: string[]; values: number[]; label: string }) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: '#0057b7' }] },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { ticks: { autoSkip: false, font: { size: 11 } } } },
    },
  });
}
