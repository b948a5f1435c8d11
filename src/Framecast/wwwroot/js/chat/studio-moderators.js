// The channel's moderators (GET …/moderators, PUT/DELETE …/moderators/{user}): a list with "Remove", and a form to
// add one by username.
import { api, segment } from './api.js';
import { el, say } from './dom.js';

export function startModerators(base, changed) {
  const list = document.getElementById('moderator-list');
  const form = document.getElementById('moderator-form');
  const input = document.getElementById('moderator-name');
  const status = document.getElementById('moderators-status');

  async function load() {
    const result = await api('GET', `${base}/moderators`);
    if (!result.ok) {
      say(status, 'Could not load the moderators.');
      return;
    }
    const items = result.body?.items || [];
    list.replaceChildren(...items.map((user) => el('li', {},
      el('a', { href: `/u/${segment(user.username)}` }, user.username),
      el('button', { type: 'button', className: 'link-button', 'aria-label': `Remove moderator ${user.username}`,
        onclick: () => remove(user.username) }, 'Remove'))));
    if (items.length === 0) {
      list.append(el('li', { className: 'empty' }, 'No moderators yet.'));
    }
  }

  async function remove(username) {
    const result = await api('DELETE', `${base}/moderators/${segment(username)}`);
    say(status, result.ok ? `${username} is no longer a moderator.` : `Could not remove ${username}. ${result.body?.detail || ''}`.trim());
    await load();
    input.focus();
    changed();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = input.value.trim().toLowerCase();
    if (!username) {
      say(status, 'Type the username of the person to make a moderator.');
      input.focus();
      return;
    }
    const result = await api('PUT', `${base}/moderators/${segment(username)}`);
    if (result.ok) {
      input.value = '';
      say(status, `${username} is now a moderator.`);
      await load();
      changed();
    } else {
      const why = result.status === 404 ? 'There is no user with that name.' : (result.body?.detail || result.body?.title || '');
      say(status, `Could not add ${username}. ${why}`.trim());
      input.focus();
    }
  });
  load();
}
