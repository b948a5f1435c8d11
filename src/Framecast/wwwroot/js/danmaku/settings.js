// The viewer's danmaku settings, shared by the live page's barrage and the watch page's danmaku (one localStorage
// key): shown or not, density (how many on screen at once, 0 = all), opacity (%) and font size (% of normal).

const KEY = 'framecast.danmaku';

export const DENSITIES = [
  { value: 10, label: 'Low (10 at once)' },
  { value: 30, label: 'Normal (30 at once)' },
  { value: 60, label: 'High (60 at once)' },
  { value: 0, label: 'All' },
];

export const SCALES = [
  { value: 75, label: 'Small' },
  { value: 100, label: 'Normal' },
  { value: 125, label: 'Large' },
  { value: 150, label: 'Extra large' },
];

export const DEFAULTS = Object.freeze({ enabled: true, density: 30, opacity: 100, scale: 100 });

function valid(value, allowed, fallback) {
  return allowed.includes(value) ? value : fallback;
}

export function loadSettings() {
  let stored = {};
  try {
    stored = JSON.parse(localStorage.getItem(KEY) || '{}') || {};
  } catch {
    stored = {};
  }
  const opacity = Number(stored.opacity);
  return {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : DEFAULTS.enabled,
    density: valid(Number(stored.density), DENSITIES.map((d) => d.value), DEFAULTS.density),
    opacity: Number.isFinite(opacity) && opacity >= 10 && opacity <= 100 ? Math.round(opacity) : DEFAULTS.opacity,
    scale: valid(Number(stored.scale), SCALES.map((s) => s.value), DEFAULTS.scale),
  };
}

export function saveSettings(settings) {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private mode or a full storage: the settings hold for this page only.
  }
}
