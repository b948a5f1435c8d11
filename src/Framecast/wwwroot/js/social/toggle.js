// An on/off relation kept on the server (a like, a follow) behind a button: read with GET, set with PUT, cleared
// with DELETE. A click shows the new state and count at once; the server's answer then corrects both, and a refused
// or failed call puts back what was there and says why.
import { api } from '../chat/api.js';
import { say } from '../chat/dom.js';

/**
 * @param {{ button: HTMLButtonElement, url: string, read: (body: object) => { on: boolean, count: number },
 *           render: (state: { on: boolean, count: number }) => void, error: HTMLElement, what: string }} options
 */
export function bindToggle({ button, url, read, render, error, what }) {
  let state = null;
  let busy = false;

  function show(next) {
    state = next;
    render(state);
  }

  async function load() {
    const result = await api('GET', url);
    if (result.ok && result.body) {
      show(read(result.body));
      button.disabled = false;
    } else {
      say(error, `Could not load the ${what}. Reload the page to try again.`);
    }
  }

  button.addEventListener('click', async () => {
    if (!state || busy) {
      return;
    }
    busy = true;
    const before = state;
    const on = !before.on;
    show({ on, count: Math.max(0, before.count + (on ? 1 : -1)) });
    say(error, '');
    const result = await api(on ? 'PUT' : 'DELETE', url);
    busy = false;
    if (result.ok && result.body) {
      show(read(result.body));
      return;
    }
    show(before);
    say(error, result.status === 401
      ? 'Your session has ended. Log in again.'
      : result.body?.detail ? `Not saved: ${result.body.detail}` : 'Not saved: the server cannot be reached. Try again.');
  });

  load();
}
