// The server's problem+json answers in plain words, and the headers our own fetches send.
import { formatBytes } from './format.js';
import { TEXT, csrfToken, maxBytes } from './settings.js';

export function tooLargeMessage(detail) {
  let limit = maxBytes;
  if (!limit && detail) {
    const match = /(\d+)\s*bytes/.exec(detail);
    limit = match ? Number(match[1]) : 0;
  }
  return limit ? TEXT.tooLarge(formatBytes(limit)) : 'This file is too large.';
}

/** The problem+json body of a response text, or null. */
export function parseProblem(text) {
  if (!text) {
    return null;
  }
  try {
    const body = JSON.parse(text);
    return body && typeof body === 'object' ? body : null;
  } catch {
    return null;
  }
}

/** Plain words for a problem: its detail, else its validation messages, else its title. */
export function problemText(problem) {
  if (!problem) {
    return '';
  }
  if (typeof problem.detail === 'string' && problem.detail) {
    return problem.detail;
  }
  if (problem.errors && typeof problem.errors === 'object') {
    const messages = Object.values(problem.errors).flat().filter((m) => typeof m === 'string');
    if (messages.length > 0) {
      return messages.join(' ');
    }
  }
  return typeof problem.title === 'string' ? problem.title : '';
}

export function isSignedOut(status, problem) {
  // A stale antiforgery token means the session changed (logged out or in as someone else) since the page loaded.
  return status === 401 || status === 403 || (problem && problem.code === 'auth.antiforgery');
}

export function jsonHeaders(withBody) {
  const headers = { Accept: 'application/json' };
  if (withBody) {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-TOKEN'] = csrfToken;
  }
  return headers;
}
