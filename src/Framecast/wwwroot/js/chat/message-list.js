// The chat panel's messages, oldest at the top: kept in time order without duplicates (history from REST and live
// events from the hub overlap), trimmed to the last few hundred, and following the newest message unless the viewer
// has scrolled up to read; then a "New messages" button brings them back down.
import { el } from './dom.js';

const KEEP = 300;
const NEAR_BOTTOM_PX = 32;

function timeOf(item) {
  const t = Date.parse(item.sentAt);
  return Number.isNaN(t) ? Date.now() : t;
}

/**
 * @param {HTMLElement} scroller the scrolling box (role=log)
 * @param {HTMLOListElement} list
 * @param {HTMLButtonElement} jump the "New messages" button
 * @param {(item: object) => HTMLElement|null} controls moderation controls for a message, if any
 */
export function createMessageList(scroller, list, jump, controls) {
  const rows = new Map();
  let following = true;
  let unseen = 0;

  function atBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= NEAR_BOTTOM_PX;
  }

  function toBottom() {
    scroller.scrollTop = scroller.scrollHeight;
    unseen = 0;
    jump.hidden = true;
  }

  scroller.addEventListener('scroll', () => {
    following = atBottom();
    if (following) {
      unseen = 0;
      jump.hidden = true;
    }
  }, { passive: true });
  jump.addEventListener('click', () => {
    following = true;
    toBottom();
    scroller.focus({ preventScroll: true });
  });

  function row(item, mine) {
    const name = item.author?.username || 'someone';
    const swatch = el('span', { className: 'chat-color', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = item.color || '#ffffff';
    const sentAt = new Date(timeOf(item));
    return el('li', { className: mine ? 'chat-message chat-mine' : 'chat-message', dataset: { id: item.id, author: name } },
      el('time', { className: 'visually-hidden', datetime: sentAt.toISOString() },
        sentAt.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })),
      swatch,
      el('span', { className: 'chat-author' }, name),
      el('span', { className: 'chat-sep', 'aria-hidden': 'true' }, ': '),
      el('span', { className: 'chat-text' }, item.text),
      controls(item));
  }

  function insert(id, time, node) {
    const wasFollowing = following || atBottom();
    node.dataset.time = String(time);
    let before = list.lastElementChild;
    while (before && Number(before.dataset.time) > time) {
      before = before.previousElementSibling;
    }
    if (before) {
      before.after(node);
    } else {
      list.prepend(node);
    }
    rows.set(id, node);
    while (rows.size > KEEP) {
      const oldest = list.firstElementChild;
      rows.delete(oldest.dataset.id);
      oldest.remove();
    }
    if (wasFollowing) {
      toBottom();
    } else {
      unseen += 1;
      jump.textContent = unseen === 1 ? '1 new message' : `${unseen} new messages`;
      jump.hidden = false;
    }
  }

  return {
    has: (id) => rows.has(id),
    /** Adds a message where its time puts it; returns false when it was already there. */
    add(item, mine = false) {
      if (!item?.id || rows.has(item.id)) {
        return false;
      }
      insert(item.id, timeOf(item), row(item, mine));
      return true;
    },
    /** Adds another kind of line (a gift) with its own id and time (ms), kept in order with the messages. */
    addLine(id, time, node) {
      if (!id || rows.has(id)) {
        return false;
      }
      insert(id, Number.isFinite(time) ? time : Date.now(), node);
      return true;
    },
    remove(id) {
      const node = rows.get(id);
      if (!node) {
        return;
      }
      const focusWasInside = node.contains(document.activeElement);
      rows.delete(id);
      node.remove();
      if (focusWasInside) {
        scroller.focus({ preventScroll: true });
      }
    },
    /** Drops the moderation controls (e.g. after the viewer lost the right). */
    refreshControls() {
      for (const node of rows.values()) {
        node.querySelector('.chat-mod')?.remove();
      }
    },
    scrollToNewest: toBottom,
  };
}
