// The channel's bans (GET …/bans, DELETE …/bans/{user}): who, until when, why and by whom, with "Lift ban".
import { api, segment } from './api.js';
import { el, say } from './dom.js';
import { formatUntil } from './send-errors.js';

export function startBans(base, changed) {
  const list = document.getElementById('ban-list');
  const status = document.getElementById('bans-status');

  async function load() {
    const result = await api('GET', `${base}/bans`);
    if (!result.ok) {
      say(status, 'Could not load the bans.');
      return;
    }
    const items = result.body?.items || [];
    list.replaceChildren(...items.map((ban) => {
      const name = ban.user?.username || '?';
      const until = formatUntil(ban.until);
      return el('li', { className: 'studio-ban' },
        el('span', { className: 'studio-ban-who' }, name),
        el('span', { className: 'studio-ban-what' },
          `${until ? `until ${until}` : 'permanently'} · ${ban.reason || 'no reason given'}${ban.by?.username ? ` · by ${ban.by.username}` : ''}`),
        el('button', { type: 'button', 'aria-label': `Lift ban on ${name}`, onclick: () => lift(name) }, 'Lift ban'));
    }));
    if (items.length === 0) {
      list.append(el('li', { className: 'empty' }, 'Nobody is banned.'));
    }
  }

  async function lift(username) {
    const result = await api('DELETE', `${base}/bans/${segment(username)}`);
    say(status, result.ok || result.status === 404 ? `The ban on ${username} is lifted.` : `Could not lift the ban on ${username}.`);
    await load();
    list.closest('section')?.querySelector('h2')?.setAttribute('tabindex', '-1');
    list.closest('section')?.querySelector('h2')?.focus();
    changed();
  }

  load();
  return { reload: load };
}
