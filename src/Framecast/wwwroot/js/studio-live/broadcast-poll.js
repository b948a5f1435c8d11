// Keeps the page current: GET /api/v1/me/live every 2 s while live (health, viewers, status), every 5 s while offline
// (a broadcast that starts, a publish that was refused), none while the tab is hidden.
import { failureText, getSettings } from './api.js';

const LIVE_MS = 2000;
const OFFLINE_MS = 5000;

export function startPolling(isLive, onSettings, onSignedOut) {
  let timer = null;
  let generation = 0;
  let stopped = false;

  async function round() {
    clearTimeout(timer);
    timer = null;
    if (stopped) {
      return;
    }
    if (!document.hidden) {
      const asked = ++generation;
      const result = await getSettings();
      // An action (end, rotate) after this request went out makes its answer stale.
      if (asked !== generation || stopped) {
        return;
      }
      if (result.ok && result.body) {
        onSettings(result.body);
      } else if (result.status === 401 || result.status === 403) {
        stopped = true;
        onSignedOut(failureText(result, 'refresh the broadcast'));
        return;
      }
    }
    timer = setTimeout(round, isLive() ? LIVE_MS : OFFLINE_MS);
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      round();
    }
  });
  round();

  return {
    /** Forgets answers already on their way and asks again now. */
    refresh() {
      generation++;
      round();
    },
  };
}
