// Unfinished uploads from earlier visits (tus-js-client's stored fingerprints): pick the same file to resume, or
// discard one (which frees it on the server too).
import { button } from './dom.js';
import { formatBytes } from './format.js';
import { UPLOADS_CHANGED, csrfToken, endpoint } from './settings.js';

const RESUME_HINT = 'Pick the same file again to resume';

export function watchResumable(resumable, list) {
  const resumableList = document.createElement('ul');
  resumableList.className = 'resumable-list';
  let resumableReady = false;

  function setUpResumable() {
    if (!resumable || resumableReady) {
      return;
    }
    resumableReady = true;
    // The page may already say it; otherwise add the hint.
    if (!resumable.textContent.includes(RESUME_HINT)) {
      const hint = document.createElement('p');
      hint.textContent = `${RESUME_HINT}.`;
      resumable.append(hint);
    }
    resumable.append(resumableList);
  }

  async function refreshResumable() {
    if (!resumable || typeof window.tus === 'undefined' || !window.tus.defaultOptions || !window.tus.defaultOptions.urlStorage) {
      return;
    }
    let entries = [];
    try {
      entries = await window.tus.defaultOptions.urlStorage.findAllUploads();
    } catch {
      entries = [];
    }
    // Fingerprints end with the endpoint; other tus endpoints on this origin are not ours to list.
    entries = entries.filter((entry) => typeof entry.urlStorageKey === 'string' && entry.urlStorageKey.includes(`-${endpoint}::`));
    const active = new Set(
      Array.from(list.querySelectorAll('li.upload[data-state="uploading"], li.upload[data-state="paused"]'))
        .map((li) => li.dataset.fileKey)
        .filter(Boolean),
    );
    setUpResumable();
    resumableList.replaceChildren();
    for (const entry of entries) {
      const metadata = entry.metadata || {};
      const name = typeof metadata.filename === 'string' && metadata.filename ? metadata.filename : 'Unnamed file';
      if (active.has(`${name}:${entry.size}`)) {
        continue;
      }
      const li = document.createElement('li');
      li.className = 'resumable-upload';
      const strong = document.createElement('strong');
      strong.textContent = name;
      const details = [];
      if (Number.isFinite(entry.size)) {
        details.push(formatBytes(entry.size));
      }
      const started = entry.creationTime ? new Date(entry.creationTime) : null;
      if (started && !Number.isNaN(started.getTime())) {
        details.push(`started ${started.toLocaleString()}`);
      }
      const forget = button('Discard', async () => {
        forget.disabled = true;
        if (entry.uploadUrl) {
          // Frees the partial upload on the server now rather than at its expiry; failures change nothing here.
          await window.tus.Upload.terminate(entry.uploadUrl, { headers: { 'X-CSRF-TOKEN': csrfToken }, retryDelays: null })
            .catch(() => {});
        }
        await window.tus.defaultOptions.urlStorage.removeUpload(entry.urlStorageKey);
        refreshResumable();
      });
      forget.setAttribute('aria-label', `Discard ${name}`);
      li.append(strong, details.length ? ` (${details.join(', ')}) ` : ' ', forget);
      resumableList.append(li);
    }
    resumable.hidden = resumableList.childElementCount === 0;
  }

  document.addEventListener(UPLOADS_CHANGED, refreshResumable);
  refreshResumable();
}
