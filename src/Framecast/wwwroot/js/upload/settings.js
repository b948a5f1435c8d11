// The upload page's settings (from its markup, see Features/Web/PAGES.md) and the words it shows.
const section = document.getElementById('uploader');

// Absolute, so tus resolves the Location header against it and the resume fingerprint is stable.
export const endpoint = new URL(section?.dataset.endpoint || '/api/v1/uploads', window.location.href).href;
export const maxBytes = Number(section?.dataset.maxBytes) || 0;
export const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';
export const CHUNK_SIZE = 8 * 1024 * 1024;
export const POLL_MS = 1500;
export const SAVE_DELAY_MS = 700;
export const MAX_TITLE = 100;
export const VIDEO_ID_HEADER = 'Framecast-Video-Id';
export const LOGIN_URL = '/login?returnUrl=' + encodeURIComponent('/upload');

export const TEXT = {
  uploading: 'Uploading…',
  paused: 'Paused',
  cancelled: 'Cancelled',
  ready: 'Ready',
  signedOut: 'You are signed out. Log in again and pick the file to resume.',
  unsupported: 'This file is not a video Framecast can read.',
  generic: 'The upload failed. Check your connection and try again.',
  empty: 'This file is empty.',
  tooLarge: (limit) => `This file is too large (limit ${limit}).`,
};

// Rows tell the list of unfinished uploads to look again (an upload started, finished or was cancelled).
export const UPLOADS_CHANGED = 'framecast:uploads-changed';

export function uploadsChanged() {
  document.dispatchEvent(new Event(UPLOADS_CHANGED));
}
