// A console list read page by page (`?limit=&cursor=` → `{items, nextCursor}`): "Load more" follows the cursor,
// `reload` starts again (after a search or filter change), `replace` redraws one item after an action.
import { api } from '../chat/api.js';
import { fail, problemText } from './ui.js';

const PAGE = 50;

/**
 * @param {{ list: HTMLElement, empty: HTMLElement, more: HTMLButtonElement, path: () => string,
 *           render: (item: object) => HTMLElement, what: string }} options path: the list's URL with its filters
 */
export function pagedList({ list, empty, more, path, render, what }) {
  let cursor = null;
  let generation = 0;

  async function load(reset) {
    const mine = reset ? ++generation : generation;
    more.disabled = true;
    const base = path();
    const query = `${base.includes('?') ? '&' : '?'}limit=${PAGE}${!reset && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    list.setAttribute('aria-busy', 'true');
    const result = await api('GET', base + query);
    if (mine !== generation) {
      return; // A newer search started meanwhile.
    }
    list.removeAttribute('aria-busy');
    more.disabled = false;
    if (!result.ok) {
      fail(problemText(result, `load the ${what}`));
      return;
    }
    if (reset) {
      list.replaceChildren();
    }
    const items = Array.isArray(result.body?.items) ? result.body.items : [];
    list.append(...items.map(render));
    cursor = result.body?.nextCursor || null;
    more.hidden = !cursor;
    empty.hidden = list.children.length > 0;
  }

  more.addEventListener('click', () => load(false));
  return {
    reload: () => load(true),
    /** Redraws the item whose element carries data-id=id. */
    replace(id, item) {
      const old = list.querySelector(`[data-id="${CSS.escape(String(id))}"]`);
      old?.replaceWith(render(item));
    },
    remove(id) {
      list.querySelector(`[data-id="${CSS.escape(String(id))}"]`)?.remove();
      empty.hidden = list.children.length > 0;
    },
  };
}
