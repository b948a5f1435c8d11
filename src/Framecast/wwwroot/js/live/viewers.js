// Keeps the channel page's "N watching" current and says when the broadcast has ended. The chat's hub connection
// (js/chat/live-chat.js) brings both as events (`viewers` about every 5 s, `ended`), passed on as document events;
// while it is not connected (no WebSockets, reconnecting, or the chat script not running) the channel's live
// session is read every 5 s instead.

const EVERY_MS = 5000;

export function watching(count) {
  return count === 1 ? '1 watching' : `${Number(count).toLocaleString('en-US')} watching`;
}

export function followViewers(element, onEnded) {
  const url = `/api/v1/channels/${encodeURIComponent(element.dataset.channel)}/live`;
  let timer = 0;
  let ended = false;

  function end() {
    if (ended) {
      return;
    }
    ended = true;
    clearInterval(timer);
    onEnded();
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (response.status === 404) {
        end();
        return;
      }
      if (response.ok) {
        const session = await response.json();
        if (session.status === 'ended') {
          end();
        } else if (Number.isFinite(session.viewers)) {
          element.textContent = watching(session.viewers);
        }
      }
    } catch {
      // A failed poll leaves the last count; the next one tries again.
    }
  }

  function polling(on) {
    clearInterval(timer);
    timer = on && !ended ? setInterval(poll, EVERY_MS) : 0;
  }

  document.addEventListener('framecast:live-hub', (event) => polling(!event.detail?.connected));
  document.addEventListener('framecast:live-viewers', (event) => {
    if (Number.isFinite(event.detail?.viewers)) {
      element.textContent = watching(event.detail.viewers);
    }
  });
  document.addEventListener('framecast:live-ended', end);
  polling(true);
}
