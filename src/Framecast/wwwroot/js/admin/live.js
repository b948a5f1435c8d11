// /admin/live: broadcasts going on now (GET /api/v1/live), each with "End" and "Revoke key"; and a key revocation
// by username for a channel that is not live.
import { el } from '../chat/dom.js';
import { segment } from '../chat/api.js';
import { actionButton, perform } from './actions.js';
import { pagedList } from './list.js';
import { count, when } from './ui.js';

function endAction(name) {
  return () => ({
    method: 'POST', path: `/api/v1/admin/live/${segment(name)}/end`, doing: `end the broadcast of ${name}`,
    confirm: `End the broadcast of ${name} now? Viewers see it end.`, done: () => `The broadcast of ${name} is ending.`,
  });
}

function revokeAction(name) {
  return {
    method: 'POST', path: `/api/v1/admin/live/${segment(name)}/key`, doing: `revoke the stream key of ${name}`,
    confirm: `Revoke the stream key of ${name}? Their encoder is cut off and they need the new key from their studio.`,
    done: () => `The stream key of ${name} is revoked. A new one is in their studio.`,
  };
}

function render(session) {
  const name = session.channel?.username || '';
  return el('li', { className: 'admin-item', dataset: { id: session.sessionId } },
    el('div', { className: 'admin-item-head' },
      el('a', { href: `/u/${segment(name)}`, className: 'admin-item-title' }, session.title || `${name} is live`),
      el('span', { className: 'admin-badges' }, el('span', { className: 'badge badge-live' }, session.status === 'reconnecting' ? 'Reconnecting' : 'Live'))),
    el('p', { className: 'admin-meta' }, `${name} · ${count(session.viewers, 'viewer', 'viewers')} · started ${when(session.startedAt)}`),
    el('div', { className: 'admin-actions' },
      actionButton(`End broadcast of ${name}`, endAction(name), () => broadcasts.remove(session.sessionId), 'danger'),
      actionButton(`Revoke key of ${name}`, () => revokeAction(name), () => {})));
}

const broadcasts = pagedList({
  list: document.getElementById('live-list'),
  empty: document.getElementById('live-empty'),
  more: document.getElementById('live-more'),
  what: 'live broadcasts',
  path: () => '/api/v1/live',
  render,
});

const keyForm = document.getElementById('revoke-form');
keyForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('revoke-username');
  const name = input.value.trim();
  if (name && await perform(revokeAction(name), keyForm.querySelector('button'))) {
    input.value = '';
  }
});
document.getElementById('live-refresh').addEventListener('click', () => broadcasts.reload());
broadcasts.reload();
