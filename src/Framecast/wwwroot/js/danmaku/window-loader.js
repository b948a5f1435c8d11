// Fetches a video's danmaku by time window as it plays (GET /api/v1/videos/{id}/danmaku?fromMs=&toMs=): the 30 s
// window around the playhead and, near its end, the next one; again where a seek lands. A failed window is asked
// for again on a later tick.

const WINDOW_MS = 30000;
const AHEAD_MS = 10000;
const RETRY_MS = 5000;

/** @param {(items: object[]) => void} onItems */
export function loadByWindow(video, videoId, onItems) {
  const done = new Set();
  const failedAt = new Map();
  const base = `/api/v1/videos/${encodeURIComponent(videoId)}/danmaku`;

  async function fetchWindow(index) {
    if (index < 0 || done.has(index) || Date.now() - (failedAt.get(index) || 0) < RETRY_MS) {
      return;
    }
    done.add(index);
    try {
      const response = await fetch(`${base}?fromMs=${index * WINDOW_MS}&toMs=${(index + 1) * WINDOW_MS}`,
        { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const body = await response.json();
      onItems(Array.isArray(body.items) ? body.items : []);
    } catch {
      done.delete(index);
      failedAt.set(index, Date.now());
    }
  }

  function check() {
    const ms = Math.max(0, (video.currentTime || 0) * 1000);
    const index = Math.floor(ms / WINDOW_MS);
    fetchWindow(index);
    if (ms - index * WINDOW_MS > WINDOW_MS - AHEAD_MS) {
      fetchWindow(index + 1);
    }
  }

  for (const event of ['timeupdate', 'seeking', 'loadedmetadata', 'play']) {
    video.addEventListener(event, check);
  }
  check();
}
