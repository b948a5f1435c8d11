// Keeps the channel page's "N watching" current, and says when the broadcast has ended: the channel's live
// session is read every few seconds (counts are renewed about every 5 s on the server).

const EVERY_MS = 5000;

function watching(count) {
  return count === 1 ? '1 watching' : `${count.toLocaleString('en-US')} watching`;
}

export function followViewers(element, onEnded) {
  const url = `/api/v1/channels/${encodeURIComponent(element.dataset.channel)}/live`;
  const timer = setInterval(async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (response.status === 404) {
        clearInterval(timer);
        onEnded();
        return;
      }
      if (response.ok) {
        const session = await response.json();
        element.textContent = watching(session.viewers);
      }
    } catch {
      // A failed poll leaves the last count; the next one tries again.
    }
  }, EVERY_MS);
}
