// How the live page shows ingest health, viewers and durations (the same texts the server renders).

export const UNKNOWN = '–';

const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);

/** Up to two decimals without trailing zeros: 2, 2.5, 29.97. */
function decimal(value) {
  return String(Math.round(value * 100) / 100);
}

export const formatBitrate = (kbps) => (isNumber(kbps) ? `${Math.round(kbps).toLocaleString('en-US')} kbps` : UNKNOWN);

export const formatFrameRate = (fps) => (isNumber(fps) ? `${decimal(fps)} fps` : UNKNOWN);

export const formatResolution = (width, height) => (isNumber(width) && isNumber(height) ? `${width}×${height}` : UNKNOWN);

export const formatSeconds = (seconds) => (isNumber(seconds) ? `${decimal(seconds)} s` : UNKNOWN);

export const formatCount = (count) => (isNumber(count) ? Math.round(count).toLocaleString('en-US') : UNKNOWN);

export function formatViewers(viewers, peak) {
  if (!isNumber(viewers)) {
    return UNKNOWN;
  }
  return isNumber(peak) && peak > viewers ? `${formatCount(viewers)} (peak ${formatCount(peak)})` : formatCount(viewers);
}

/** "4:05" or "1:02:05", like Display.Duration on the server. */
export function formatDuration(seconds) {
  if (!isNumber(seconds) || seconds < 0) {
    return UNKNOWN;
  }
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "just now", "5 minutes ago", … like Display.Age on the server. */
export function formatAge(date, now = Date.now()) {
  const seconds = Math.max(0, (now - date.getTime()) / 1000);
  const steps = [[3600, 60, 'minute'], [86400, 3600, 'hour'], [86400 * 30, 86400, 'day'], [86400 * 365, 86400 * 30, 'month']];
  if (seconds < 60) {
    return 'just now';
  }
  const [, size, unit] = steps.find(([limit]) => seconds < limit) || [0, 86400 * 365, 'year'];
  const n = Math.floor(seconds / size);
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
