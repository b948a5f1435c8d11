// The owner's live API (GET/PATCH /api/v1/me/live, POST …/key and …/end) with the session cookie and the page's
// antiforgery token. Every call resolves to { ok, status, body } and never throws: the page says what went wrong.

const BASE = '/api/v1/me/live';
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-TOKEN'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, body: null };
  }
  let parsed = null;
  if (response.status !== 204) {
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

export const getSettings = () => call('GET', '');
export const saveSettings = (settings) => call('PATCH', '', settings);
export const rotateKey = () => call('POST', '/key');
export const endBroadcast = () => call('POST', '/end');

/** Plain words for a failed call. */
export function failureText(result, action) {
  if (result.status === 0) {
    return `Could not ${action}: the server cannot be reached. Check your connection and try again.`;
  }
  if (result.status === 401 || result.status === 403 || result.body?.code === 'auth.antiforgery') {
    return `Could not ${action}: you are signed out. Log in again and reload this page.`;
  }
  const detail = typeof result.body?.detail === 'string' && result.body.detail ? ` ${result.body.detail}` : '';
  return `Could not ${action}.${detail}`;
}
