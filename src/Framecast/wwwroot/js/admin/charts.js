// Draws the dashboard's charts with Chart.js (lib/chart.umd.min.js, loaded before the modules as window.Chart) in
// the page's own colours, light or dark, without animation when the system asks for reduced motion. Every canvas
// is an image named by its summary; the numbers are also in a table next to it.

const Chart = window.Chart;
const charts = new Map();

function palette() {
  const style = getComputedStyle(document.documentElement);
  const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#111827'), muted: v('--muted', '#4b5563'), border: v('--border', '#d1d5db'),
    accent: v('--accent', '#b91c1c'), link: v('--link', '#1d4ed8'), ok: v('--ok', '#166534') };
}

function options(colours, kind) {
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const axis = { ticks: { color: colours.muted, precision: 0, maxRotation: 0, autoSkipPadding: 12 }, grid: { color: colours.border } };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduced ? false : { duration: 300 },
    plugins: { legend: { display: kind === 'doughnut', labels: { color: colours.text } } },
    scales: kind === 'doughnut' ? {} : { x: axis, y: { ...axis, beginAtZero: true } },
  };
}

/**
 * Draws or updates one chart. `colour` names a palette entry ('accent', 'link', 'ok', 'muted').
 * @param {HTMLCanvasElement} canvas
 * @param {{ kind: 'bar'|'line'|'doughnut', labels: string[], values: number[], label: string, colour?: string, colours?: string[], summary: string }} spec
 */
export function draw(canvas, spec) {
  canvas.setAttribute('aria-label', spec.summary);
  if (!Chart) {
    return;
  }
  const colours = palette();
  const fill = spec.colours ? spec.colours.map((c) => colours[c]) : colours[spec.colour || 'link'];
  const dataset = { label: spec.label, data: spec.values, backgroundColor: fill, borderColor: spec.kind === 'doughnut' ? colours.border : fill,
    borderWidth: spec.kind === 'line' ? 2 : 1, pointRadius: spec.kind === 'line' ? 2 : 0, tension: 0.2 };
  const existing = charts.get(canvas);
  if (existing) {
    existing.data.labels = spec.labels;
    existing.data.datasets = [dataset];
    existing.update();
    return;
  }
  charts.set(canvas, new Chart(canvas, { type: spec.kind, data: { labels: spec.labels, datasets: [dataset] }, options: options(colours, spec.kind) }));
}

/** Redraws every chart in the current colours (the system switched between light and dark). */
export function recolour(redraw) {
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    charts.forEach((chart) => chart.destroy());
    charts.clear();
    redraw();
  });
}
