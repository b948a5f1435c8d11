// The header's notification bell (signed-in pages): the unread count as a badge and in the link's name
// ("Notifications (3 unread)"), read every 30 s while the tab is visible, at once when it becomes visible again, and
// when /notifications marks some read (the document event `framecast:notifications-unread`).

const EVERY_MS = 30000;
const bell = document.getElementById('notification-bell');

function show(unread) {
  // The link's name says it all ("Notifications (3 unread)"). The badge draws the number from its data-count (CSS
  // generated content), so the number is not a second, separate text of the link.
  const badge = bell.querySelector('.bell-badge');
  const n = Math.max(0, Number(unread) || 0);
  bell.setAttribute('aria-label', n > 0 ? `Notifications (${n} unread)` : 'Notifications');
  bell.dataset.unread = String(n);
  badge.dataset.count = n > 99 ? '99+' : String(n);
  badge.hidden = n === 0;
}

async function refresh() {
  try {
    const response = await fetch('/api/v1/me/notifications/unread', {
      headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store',
    });
    if (response.ok) {
      show((await response.json())?.unread);
    }
  } catch {
    // Offline for a moment: the next poll tries again; the badge keeps the last known count.
  }
}

if (bell) {
  refresh();
  setInterval(() => {
    if (document.visibilityState === 'visible') {
      refresh();
    }
  }, EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      refresh();
    }
  });
  document.addEventListener('framecast:notifications-unread', (event) => show(event.detail?.unread));
}
