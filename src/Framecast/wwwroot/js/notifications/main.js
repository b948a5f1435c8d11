// /notifications: newest first, each in words linking to what it is about, unread ones marked; "Load more" by
// cursor; "Mark all as read" clears them here and the header's badge at once.
import { api } from '../chat/api.js';
import { el, say } from '../chat/dom.js';
import { describeNotification } from './describe.js';

const list = document.getElementById('notification-list');
const empty = document.getElementById('notifications-empty');
const more = document.getElementById('notifications-more');
const markAll = document.getElementById('mark-all-read');
const status = document.getElementById('notifications-status');
let cursor = null;

function tellBell(unread) {
  document.dispatchEvent(new CustomEvent('framecast:notifications-unread', { detail: { unread } }));
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

function row(item) {
  const { text, href, extra } = describeNotification(item);
  const unread = item.read !== true;
  return el('li', { className: unread ? 'notification unread' : 'notification', dataset: { id: item.id, type: item.type } },
    unread ? el('span', { className: 'notification-dot' }, el('span', { className: 'visually-hidden' }, 'Unread: ')) : null,
    el('a', { className: 'notification-link', href }, text),
    el('time', { datetime: item.createdAt }, when(item.createdAt)),
    extra ? el('q', { className: 'notification-excerpt' }, extra) : null);
}

async function load() {
  more.disabled = true;
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const result = await api('GET', `/api/v1/me/notifications${query}`);
  more.disabled = false;
  if (!result.ok || !Array.isArray(result.body?.items)) {
    say(status, 'The notifications could not be loaded. Reload the page to try again.');
    return;
  }
  list.append(...result.body.items.map(row));
  cursor = result.body.nextCursor || null;
  more.hidden = !cursor;
  empty.hidden = list.childElementCount > 0;
  list.hidden = list.childElementCount === 0;
  if (Number.isFinite(result.body.unread)) {
    markAll.disabled = result.body.unread === 0;
    tellBell(result.body.unread);
  }
}

markAll.addEventListener('click', async () => {
  markAll.disabled = true;
  const result = await api('POST', '/api/v1/me/notifications/read', {});
  if (!result.ok) {
    markAll.disabled = false;
    say(status, 'Could not mark them as read. Try again.');
    return;
  }
  for (const item of list.querySelectorAll('.notification.unread')) {
    item.classList.remove('unread');
    item.querySelector('.notification-dot')?.remove();
  }
  const unread = Number(result.body?.unread) || 0;
  tellBell(unread);
  say(status, 'All notifications are marked as read.');
});
more.addEventListener('click', load);
load();
