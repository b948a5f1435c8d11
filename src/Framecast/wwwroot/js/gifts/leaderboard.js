// "Top gifters" beside the live chat: who gave the most coins during this broadcast, read again (at most every
// second) when a gift arrives.
import { api, segment } from '../chat/api.js';
import { el } from '../chat/dom.js';
import { coins } from './coins.js';

const SHOWN = 5;

/** @param {HTMLElement} section #gift-leaderboard[data-session-id] holding ol#leaderboard-list and #leaderboard-empty */
export function createLeaderboard(section) {
  const list = section.querySelector('#leaderboard-list');
  const empty = section.querySelector('#leaderboard-empty');
  const url = `/api/v1/live/${segment(section.dataset.sessionId)}/gifts/leaderboard`;
  let timer = 0;
  let loading = false;
  let again = false;

  async function load() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    const result = await api('GET', url);
    loading = false;
    if (result.ok && Array.isArray(result.body?.items)) {
      const items = result.body.items.slice(0, SHOWN);
      list.replaceChildren(...items.map((item, index) => el('li', { className: 'leaderboard-entry' },
        el('span', { className: 'leaderboard-rank', 'aria-hidden': 'true' }, `${index + 1}`),
        el('a', { className: 'leaderboard-name', href: `/u/${segment(item.user?.username || '')}` }, item.user?.username || 'someone'),
        el('span', { className: 'leaderboard-coins' }, coins(item.totalCoins)))));
      list.hidden = items.length === 0;
      empty.hidden = items.length > 0;
    }
    if (again) {
      again = false;
      refresh();
    }
  }

  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(load, 300);
  }

  load();
  return { refresh };
}
