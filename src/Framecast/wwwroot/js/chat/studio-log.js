// The moderation log (GET …/moderation-log), newest first: when, who, what, to whom, why.
import { api } from './api.js';
import { el } from './dom.js';

const ACTIONS = {
  settings: 'changed the chat rules',
  ban: 'banned',
  unban: 'lifted the ban on',
  'moderator.add': 'made a moderator:',
  'moderator.remove': 'removed the moderator',
  'message.delete': 'deleted a message by',
  'danmaku.delete': 'deleted a danmaku by',
};

export function startLog(base) {
  const list = document.getElementById('moderation-log');
  const button = document.getElementById('log-refresh');

  async function refresh() {
    const result = await api('GET', `${base}/moderation-log?limit=50`);
    if (!result.ok) {
      list.replaceChildren(el('li', { className: 'empty' }, 'Could not load the moderation log.'));
      return;
    }
    const items = result.body?.items || [];
    list.replaceChildren(...items.map((entry) => {
      const at = new Date(entry.at);
      const target = entry.action === 'settings' ? '' : ` ${entry.target}`;
      return el('li', {},
        el('time', { datetime: at.toISOString() }, at.toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })),
        ' ',
        el('strong', {}, entry.actor?.username || '?'),
        ` ${ACTIONS[entry.action] || entry.action}${target}`,
        entry.reason ? el('span', { className: 'studio-log-reason' }, ` (${entry.reason})`) : null);
    }));
    if (items.length === 0) {
      list.append(el('li', { className: 'empty' }, 'Nothing yet.'));
    }
  }

  button.addEventListener('click', refresh);
  refresh();
  return { refresh };
}
