// What every console page shares: the status line (an aria-live region that says what the last action did), the
// error line (role=alert, the problem's `detail` in words), confirmation before anything destructive, and formats.
import { say } from '../chat/dom.js';

const status = document.getElementById('admin-status');
const error = document.getElementById('admin-error');

/** Says what just happened (and clears an earlier error). */
export function announce(text) {
  say(error, '');
  if (status) {
    // Emptied first so the same sentence twice is announced twice (a timer, not a frame: frames wait for a visible tab).
    status.textContent = '';
    setTimeout(() => { status.textContent = text; }, 50);
  }
}

/** Says why something failed. */
export function fail(text) {
  say(error, text);
}

/** The words for a failed API call: the problem's detail, its field errors, or what the status means. */
export function problemText(result, doing) {
  const body = result.body || {};
  if (result.status === 0) {
    return `Could not ${doing}: the server cannot be reached. Check your connection and try again.`;
  }
  if (result.status === 401) {
    return 'Your session has ended. Log in again.';
  }
  if (result.status === 403) {
    return `Could not ${doing}: you are no longer an admin.`;
  }
  if (body.errors && typeof body.errors === 'object') {
    const messages = Object.values(body.errors).flat().filter(Boolean);
    if (messages.length > 0) {
      return `Could not ${doing}: ${messages.join(' ')}`;
    }
  }
  if (typeof body.detail === 'string' && body.detail) {
    return `Could not ${doing}: ${body.detail}`;
  }
  if (result.status === 404 || result.status === 405) {
    return `Could not ${doing}: this server does not offer it (HTTP ${result.status}).`;
  }
  return `Could not ${doing}: ${body.title || `the server answered ${result.status}`}.`;
}

/** Asks before a destructive action; false when the admin says no. */
export function confirmed(question) {
  return window.confirm(question);
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "Nov 24, 2026, 7:07 PM UTC", or "" for no date. */
export function when(iso) {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? `${dateTime.format(date)} UTC` : '';
}

export function count(n, one, many) {
  const value = Number(n) || 0;
  return `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
}

export function bytes(n) {
  let value = Number(n) || 0;
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${units[unit]}`;
}
