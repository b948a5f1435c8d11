// JSON calls to Framecast's API with the session cookie and the page's antiforgery token. Every call resolves to
// { ok, status, body, retryAfterSeconds } and never throws: the pages say in words what went wrong.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-TOKEN'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, body: null, retryAfterSeconds: null };
  }
  let parsed = null;
  if (response.status !== 204) {
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
  }
  const header = Number.parseInt(response.headers.get('Retry-After') || '', 10);
  const retryAfterSeconds = Number.isFinite(parsed?.retryAfterSeconds) ? parsed.retryAfterSeconds
    : Number.isFinite(header) ? header : null;
  return { ok: response.ok, status: response.status, body: parsed, retryAfterSeconds };
}

/** A failed call as the `error` of a hub SendResult: { status, code, detail, retryAfterSeconds, until, reason }. */
export function problemOf(result) {
  const body = result.body || {};
  return {
    status: result.status,
    code: typeof body.code === 'string' ? body.code : null,
    detail: typeof body.detail === 'string' && body.detail ? body.detail : typeof body.title === 'string' ? body.title : null,
    retryAfterSeconds: result.retryAfterSeconds,
    until: body.until ?? null,
    reason: body.reason ?? null,
  };
}

export const segment = encodeURIComponent;
