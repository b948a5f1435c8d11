// Watch history: tells the server where the viewer is (signed in only; the page sets data-progress-url then) every
// 10 s while playing, on pause and when the page goes away (keepalive, so the last position survives the unload).
const INTERVAL_MS = 10_000;

export function reportProgress(video, url) {
  if (!url) {
    return;
  }
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';
  let lastSent = -1;
  let timer = 0;

  function send(keepalive) {
    const position = Math.floor(video.currentTime * 10) / 10;
    if (!Number.isFinite(position) || position === lastSent) {
      return;
    }
    lastSent = position;
    fetch(url, {
      method: 'PUT',
      keepalive,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
      body: JSON.stringify({ positionSeconds: position }),
    }).catch(() => { lastSent = -1; }); // offline for a moment: the next tick tries again
  }

  video.addEventListener('playing', () => {
    clearInterval(timer);
    timer = setInterval(() => send(false), INTERVAL_MS);
  });
  video.addEventListener('pause', () => {
    clearInterval(timer);
    send(false);
  });
  video.addEventListener('ended', () => send(false));
  window.addEventListener('pagehide', () => {
    if (video.currentTime > 0) {
      send(true);
    }
  });
}
