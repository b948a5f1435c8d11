// Sending a gift: one idempotency key per action of the viewer, kept for retries of that same action (automatic
// ones after a network error, and the viewer pressing Send again after it), so a gift is never sent twice. A new
// choice of gift or count is a new action with a new key.
import { api, problemOf, segment } from '../chat/api.js';

const RETRY_DELAYS_MS = [1000, 3000];

const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** @param {{ sessionId?: string, videoId?: string }} room where the gifts go */
export function createGiftSender(room) {
  const path = room.sessionId ? `/api/v1/live/${segment(room.sessionId)}/gifts` : `/api/v1/videos/${segment(room.videoId)}/gifts`;
  let pending = null; // { giftId, count, key } of an action not known to have arrived

  /** Resolves to { ok: true, sent } or { ok: false, error: { status, code, detail, balanceCoins, requiredCoins } }. */
  return async function send(giftId, count) {
    if (!pending || pending.giftId !== giftId || pending.count !== count) {
      pending = { giftId, count, key: newKey() };
    }
    const body = { giftId, count, idempotencyKey: pending.key };
    let result = await api('POST', path, body);
    for (const delay of RETRY_DELAYS_MS) {
      if (result.status !== 0 && result.status < 500) {
        break;
      }
      await wait(delay);
      result = await api('POST', path, body);
    }
    if (result.ok) {
      pending = null;
      return { ok: true, sent: result.body };
    }
    if (result.status !== 0 && result.status < 500) {
      pending = null; // refused: trying again is a new action
    }
    const problem = problemOf(result);
    return {
      ok: false,
      error: { ...problem, balanceCoins: result.body?.balanceCoins ?? null, requiredCoins: result.body?.requiredCoins ?? null },
    };
  };
}
