// Upload page: resumable tus uploads (tus-js-client, global `tus`), editable video fields, processing progress.
// The markup contract is in Features/Web/PAGES.md; the server is Features/Uploads (tus 1.0.0).
(() => {
  'use strict';

  const section = document.getElementById('uploader');
  const input = document.getElementById('files');
  const dropZone = document.getElementById('drop-zone');
  const list = document.getElementById('upload-list');
  const resumable = document.getElementById('resumable');
  if (!section || !input || !list) {
    return;
  }

  // Absolute, so tus resolves the Location header against it and the resume fingerprint is stable.
  const endpoint = new URL(section.dataset.endpoint || '/api/v1/uploads', window.location.href).href;
  const maxBytes = Number(section.dataset.maxBytes) || 0;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';
  const CHUNK_SIZE = 8 * 1024 * 1024;
  const POLL_MS = 1500;
  const SAVE_DELAY_MS = 700;
  const MAX_TITLE = 100;
  const VIDEO_ID_HEADER = 'Framecast-Video-Id';
  const LOGIN_URL = '/login?returnUrl=' + encodeURIComponent('/upload');

  const TEXT = {
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

  let rowCounter = 0;

  // ---- formatting ----

  function formatBytes(bytes) {
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const rounded = unit === 0 ? String(Math.round(value)) : String(Number(value.toFixed(value < 10 ? 1 : 0)));
    return `${rounded} ${units[unit]}`;
  }

  function formatDuration(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    if (seconds < 60) {
      return `${seconds} s`;
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      const rest = seconds % 60;
      return rest && minutes < 10 ? `${minutes} min ${rest} s` : `${minutes} min`;
    }
    const hours = Math.floor(minutes / 60);
    const restMinutes = minutes % 60;
    return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
  }

  function titleFromFilename(name) {
    const dot = name.lastIndexOf('.');
    const base = (dot > 0 ? name.slice(0, dot) : name).trim();
    return base.slice(0, MAX_TITLE);
  }

  function parseTags(text) {
    const seen = new Set();
    const tags = [];
    for (const raw of text.split(',')) {
      const tag = raw.trim();
      if (tag && !seen.has(tag.toLowerCase())) {
        seen.add(tag.toLowerCase());
        tags.push(tag);
      }
    }
    return tags;
  }

  function tooLargeMessage(detail) {
    let limit = maxBytes;
    if (!limit && detail) {
      const match = /(\d+)\s*bytes/.exec(detail);
      limit = match ? Number(match[1]) : 0;
    }
    return limit ? TEXT.tooLarge(formatBytes(limit)) : 'This file is too large.';
  }

  /** The problem+json body of a response text, or null. */
  function parseProblem(text) {
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
  function problemText(problem) {
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

  function isSignedOut(status, problem) {
    // A stale antiforgery token means the session changed (logged out or in as someone else) since the page loaded.
    return status === 401 || status === 403 || (problem && problem.code === 'auth.antiforgery');
  }

  function jsonHeaders(withBody) {
    const headers = { Accept: 'application/json' };
    if (withBody) {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRF-TOKEN'] = csrfToken;
    }
    return headers;
  }

  // ---- one row per file ----

  function field(row, key, labelText, control, hint) {
    const id = `${row.idPrefix}-${key}`;
    const wrap = document.createElement('p');
    wrap.className = `upload-field upload-${key}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = labelText;
    control.id = id;
    control.name = key;
    wrap.append(label, ' ', control);
    if (hint) {
      const hintEl = document.createElement('span');
      hintEl.className = 'hint';
      hintEl.id = `${id}-hint`;
      hintEl.textContent = hint;
      control.setAttribute('aria-describedby', hintEl.id);
      wrap.append(' ', hintEl);
    }
    return wrap;
  }

  function button(text, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  class UploadRow {
    constructor(file) {
      rowCounter += 1;
      this.file = file;
      this.idPrefix = `upload-${rowCounter}`;
      this.upload = null;
      this.videoId = null;
      this.state = 'new';
      this.needsSync = false;
      this.saveTimer = null;
      this.saveChain = Promise.resolve();
      this.pollTimer = null;
      this.samples = [];
      this.build();
    }

    build() {
      const file = this.file;
      const li = document.createElement('li');
      li.className = 'upload';
      // Name and size are how the list of unfinished uploads recognises a file that is being uploaded again.
      li.dataset.fileKey = `${file.name}:${file.size}`;
      this.li = li;

      const name = document.createElement('p');
      name.className = 'upload-name';
      const strong = document.createElement('strong');
      strong.textContent = file.name;
      const size = document.createElement('span');
      size.className = 'upload-size';
      size.textContent = ` (${formatBytes(file.size)})`;
      name.append(strong, size);

      this.title = document.createElement('input');
      this.title.type = 'text';
      this.title.maxLength = MAX_TITLE;
      this.title.value = titleFromFilename(file.name);
      this.title.autocomplete = 'off';

      this.description = document.createElement('textarea');
      this.description.rows = 3;
      this.description.maxLength = 5000;

      this.tags = document.createElement('input');
      this.tags.type = 'text';
      this.tags.autocomplete = 'off';

      this.visibility = document.createElement('select');
      for (const [value, text] of [['public', 'Public'], ['unlisted', 'Unlisted'], ['private', 'Private']]) {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = text;
        this.visibility.append(option);
      }
      this.visibility.value = 'public';

      const fields = document.createElement('div');
      fields.className = 'upload-fields';
      this.savedNote = document.createElement('p');
      this.savedNote.className = 'upload-saved';
      this.savedNote.setAttribute('aria-live', 'polite');
      fields.append(
        field(this, 'title', 'Title', this.title),
        field(this, 'description', 'Description', this.description),
        field(this, 'tags', 'Tags', this.tags, 'Comma separated'),
        field(this, 'visibility', 'Visibility', this.visibility),
        this.savedNote,
      );
      for (const control of [this.title, this.description, this.tags]) {
        control.addEventListener('input', () => this.fieldsChanged());
      }
      this.visibility.addEventListener('change', () => this.fieldsChanged());

      this.progress = document.createElement('progress');
      this.progress.className = 'upload-progress';
      this.progress.max = 100;
      this.progress.value = 0;
      this.progress.setAttribute('aria-label', `Upload progress for ${file.name}`);

      this.progressText = document.createElement('p');
      this.progressText.className = 'upload-progress-text';
      this.progressText.textContent = '0%';

      this.pauseButton = button('Pause', () => this.pause());
      this.resumeButton = button('Resume', () => this.resume());
      this.cancelButton = button('Cancel', () => this.cancel());
      this.retryButton = button('Retry', () => this.retry());
      this.loginLink = document.createElement('a');
      this.loginLink.href = LOGIN_URL;
      this.loginLink.textContent = 'Log in';
      const actions = document.createElement('p');
      actions.className = 'upload-actions';
      actions.append(this.pauseButton, ' ', this.resumeButton, ' ', this.cancelButton, ' ', this.retryButton, ' ', this.loginLink);

      this.status = document.createElement('p');
      this.status.className = 'upload-status';
      this.status.setAttribute('role', 'status');

      this.processing = document.createElement('progress');
      this.processing.className = 'processing-progress';
      this.processing.max = 100;
      this.processing.value = 0;
      this.processing.setAttribute('aria-label', `Processing progress for ${file.name}`);
      this.processing.hidden = true;

      li.append(name, fields, this.progress, this.progressText, actions, this.status, this.processing);
      this.showButtons([]);
    }

    showButtons(visible) {
      const all = {
        pause: this.pauseButton,
        resume: this.resumeButton,
        cancel: this.cancelButton,
        retry: this.retryButton,
        login: this.loginLink,
      };
      const focused = Object.values(all).includes(document.activeElement);
      for (const [key, el] of Object.entries(all)) {
        el.hidden = !visible.includes(key);
      }
      // The clicked button may have just been hidden; keep keyboard focus in the row.
      if (focused && document.activeElement && document.activeElement.hidden) {
        const next = visible.map((key) => all[key]).find((el) => el.tagName === 'BUTTON');
        (next || this.title).focus();
      }
    }

    setStatus(text, state) {
      this.status.textContent = text;
      if (state) {
        this.state = state;
        this.li.dataset.state = state;
      }
    }

    fail(message, { retry = false, signedOut = false } = {}) {
      this.setStatus(message, 'error');
      this.samples = [];
      const buttons = [];
      if (retry) {
        buttons.push('retry');
      }
      if (signedOut) {
        buttons.push('login');
      }
      if (this.upload) {
        buttons.push('cancel');
      }
      this.showButtons(buttons);
    }

    // ---- starting ----

    async begin() {
      const file = this.file;
      if (file.size === 0) {
        this.fail(TEXT.empty);
        return;
      }
      if (maxBytes && file.size > maxBytes) {
        this.fail(tooLargeMessage(''));
        return;
      }
      if (typeof window.tus === 'undefined' || !window.tus.isSupported) {
        this.fail('This browser cannot upload files here.');
        return;
      }

      const metadata = {
        filename: file.name,
        title: this.title.value.trim(),
        description: this.description.value,
        visibility: this.visibility.value,
      };
      if (file.type) {
        metadata.filetype = file.type;
      }
      const watermark = document.getElementById('watermark');
      if (watermark && !watermark.checked) {
        metadata.watermark = 'off';
      }
      // The server takes no tags in Upload-Metadata; they follow in a PATCH once the video id is known.
      if (parseTags(this.tags.value).length > 0) {
        this.needsSync = true;
      }

      this.upload = new window.tus.Upload(file, {
        endpoint,
        chunkSize: CHUNK_SIZE,
        retryDelays: [0, 1000, 3000, 5000],
        headers: { 'X-CSRF-TOKEN': csrfToken },
        metadata,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onAfterResponse: (_req, res) => {
          const id = res.getHeader(VIDEO_ID_HEADER);
          if (id && id !== this.videoId) {
            this.videoIdKnown(id);
          }
        },
        onProgress: (sent, total) => this.progressed(sent, total),
        onSuccess: () => this.uploaded(),
        onError: (error) => this.uploadFailed(error),
      });

      this.setStatus(TEXT.uploading, 'uploading');
      this.showButtons(['cancel']);

      let previous = [];
      try {
        previous = await this.upload.findPreviousUploads();
      } catch {
        previous = [];
      }
      if (this.state !== 'uploading') {
        return; // cancelled or paused while looking
      }
      if (previous.length > 0) {
        // tus-js-client forgets the stored upload when its HEAD gets any 4xx, so a signed-out resume would throw
        // the partial upload away; check the session first.
        const signedOut = await this.signedOut();
        if (this.state !== 'uploading') {
          return;
        }
        if (signedOut) {
          this.fail(TEXT.signedOut, { signedOut: true });
          return;
        }
        if (!this.attempted) {
          // Until the server's current values arrive (see loadFields), show what the upload was created with.
          this.resumed = true;
          this.fillFields(previous[0].metadata || {});
        }
        this.upload.resumeFromPreviousUpload(previous[0]);
        refreshResumable();
      }
      this.attempted = true;
      this.showButtons(['pause', 'cancel']);
      this.upload.start();
    }

    fillFields(values) {
      if (typeof values.title === 'string' && values.title) {
        this.title.value = values.title;
      }
      if (typeof values.description === 'string') {
        this.description.value = values.description;
      }
      if (Array.isArray(values.tags)) {
        this.tags.value = values.tags.join(', ');
      }
      if (['public', 'unlisted', 'private'].includes(values.visibility)) {
        this.visibility.value = values.visibility;
      }
    }

    /** A resumed upload's video may have been edited in an earlier visit: show its current fields. */
    async loadFields() {
      try {
        const response = await fetch(`/api/v1/videos/${encodeURIComponent(this.videoId)}`, {
          credentials: 'same-origin',
          headers: jsonHeaders(false),
        });
        if (response.ok && !this.needsSync) {
          this.fillFields(await response.json());
        }
      } catch {
        // The fields keep the values the upload was created with.
      }
    }

    async signedOut() {
      try {
        const response = await fetch('/api/v1/me', { credentials: 'same-origin', headers: jsonHeaders(false) });
        return response.status === 401 || response.status === 403;
      } catch {
        return false; // offline: let tus retry and report
      }
    }

    // ---- progress ----

    progressed(sent, total) {
      const percent = total > 0 ? Math.floor((sent * 100) / total) : 0;
      this.progress.value = percent;
      const now = performance.now();
      this.samples.push({ t: now, bytes: sent });
      // Speed over the last few seconds: smooth, yet it follows real changes.
      while (this.samples.length > 2 && now - this.samples[0].t > 5000) {
        this.samples.shift();
      }
      const first = this.samples[0];
      const elapsed = (now - first.t) / 1000;
      const parts = [`${percent}%`];
      if (elapsed >= 0.5 && sent > first.bytes) {
        const speed = (sent - first.bytes) / elapsed;
        parts.push(`${(speed / 1e6).toFixed(1)} MB/s`);
        parts.push(`${formatDuration((total - sent) / speed)} left`);
      }
      this.progressText.textContent = parts.join(' · ');
      if (this.state === 'uploading' && this.status.textContent !== TEXT.uploading) {
        this.setStatus(TEXT.uploading);
      }
    }

    videoIdKnown(id) {
      this.videoId = id;
      this.li.dataset.videoId = id;
      if (this.needsSync) {
        this.saveNow();
      } else if (this.resumed) {
        this.loadFields();
      }
    }

    uploaded() {
      this.progress.value = 100;
      this.progressText.textContent = '100%';
      this.samples = [];
      this.showButtons([]);
      this.setStatus('Processing: queued 0%', 'processing');
      this.processing.hidden = false;
      refreshResumable();
      if (this.videoId) {
        this.poll();
      } else {
        this.setStatus('Uploaded. Processing continues; see Studio for its progress.', 'processing');
        this.processing.hidden = true;
      }
    }

    uploadFailed(error) {
      this.samples = [];
      const response = error && error.originalResponse;
      const status = response ? response.getStatus() : 0;
      const problem = response ? parseProblem(response.getBody()) : null;
      if (status === 413 || (problem && problem.code === 'upload.too_large')) {
        this.fail(tooLargeMessage(problem && problem.detail));
      } else if (isSignedOut(status, problem)) {
        this.fail(TEXT.signedOut, { signedOut: true });
      } else if (problem && problem.code === 'media.unsupported') {
        this.fail(TEXT.unsupported);
      } else {
        this.fail(problemText(problem) || TEXT.generic, { retry: true });
      }
    }

    // ---- buttons ----

    pause() {
      if (!this.upload || this.state !== 'uploading') {
        return;
      }
      this.setStatus(TEXT.paused, 'paused');
      this.samples = [];
      this.showButtons(['resume', 'cancel']);
      this.upload.abort(false);
    }

    resume() {
      if (!this.upload || this.state !== 'paused') {
        return;
      }
      this.setStatus(TEXT.uploading, 'uploading');
      this.showButtons(['pause', 'cancel']);
      this.upload.start();
    }

    retry() {
      // A fresh tus.Upload looks up the stored URL again: it resumes at the server's offset, or starts over when
      // the server no longer knows the upload (expired or removed).
      if (this.upload) {
        this.upload.abort(false);
      }
      this.upload = null;
      this.begin();
    }

    cancel() {
      const upload = this.upload;
      this.upload = null;
      this.setStatus('Cancelling…', 'cancelled');
      this.showButtons([]);
      this.stopSaving();
      for (const control of [this.title, this.description, this.tags, this.visibility]) {
        control.disabled = true;
      }
      const done = () => {
        this.setStatus(TEXT.cancelled, 'cancelled');
        refreshResumable();
      };
      if (upload) {
        upload.abort(true).then(done, done);
      } else {
        done();
      }
    }

    // ---- saving field edits ----

    fieldsChanged() {
      if (this.state === 'cancelled') {
        return;
      }
      this.needsSync = true;
      if (!this.videoId) {
        return; // sent once the id is known (or as metadata if the upload has not started)
      }
      this.savedNote.textContent = '';
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
    }

    stopSaving() {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.needsSync = false;
    }

    saveNow() {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      // One PATCH at a time, in order, so an older request cannot overwrite a newer edit.
      this.saveChain = this.saveChain.then(() => this.save()).catch(() => {});
    }

    async save() {
      if (!this.videoId || !this.needsSync || this.state === 'cancelled') {
        return;
      }
      this.needsSync = false;
      const body = {
        description: this.description.value,
        tags: parseTags(this.tags.value),
        visibility: this.visibility.value,
      };
      const title = this.title.value.trim();
      if (title) {
        body.title = title;
      }
      this.savedNote.textContent = 'Saving…';
      let response;
      try {
        response = await fetch(`/api/v1/videos/${encodeURIComponent(this.videoId)}`, {
          method: 'PATCH',
          credentials: 'same-origin',
          headers: jsonHeaders(true),
          body: JSON.stringify(body),
        });
      } catch {
        this.needsSync = true;
        this.savedNote.textContent = 'Not saved: no connection. Edit again to retry.';
        return;
      }
      if (response.ok) {
        if (!this.needsSync) {
          this.savedNote.textContent = title ? 'Saved' : 'Saved (a title is needed; the old one is kept)';
        }
        return;
      }
      this.needsSync = true;
      const problem = parseProblem(await response.text().catch(() => ''));
      if (isSignedOut(response.status, problem)) {
        this.savedNote.textContent = 'Not saved: you are signed out.';
      } else {
        this.savedNote.textContent = `Not saved: ${problemText(problem) || `error ${response.status}`}`;
      }
    }

    // ---- processing ----

    poll() {
      clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => this.checkProcessing(), POLL_MS);
    }

    async checkProcessing() {
      if (this.state !== 'processing') {
        return;
      }
      let response;
      try {
        response = await fetch(`/api/v1/videos/${encodeURIComponent(this.videoId)}`, {
          credentials: 'same-origin',
          headers: jsonHeaders(false),
        });
      } catch {
        this.poll(); // offline for a moment: keep trying
        return;
      }
      if (response.status === 404) {
        this.setStatus('This video was deleted.', 'error');
        this.processing.hidden = true;
        return;
      }
      if (response.status === 401 || response.status === 403) {
        this.setStatus('You are signed out. Log in again to follow this video in Studio.', 'error');
        this.processing.hidden = true;
        return;
      }
      if (!response.ok) {
        this.poll();
        return;
      }
      let video;
      try {
        video = await response.json();
      } catch {
        this.poll();
        return;
      }
      this.showVideo(video);
    }

    showVideo(video) {
      const progress = Number.isFinite(video.progress) ? Math.max(0, Math.min(100, video.progress)) : 0;
      if (video.status === 'ready') {
        this.processing.value = 100;
        this.processing.hidden = true;
        const link = document.createElement('a');
        link.href = `/v/${encodeURIComponent(video.id || this.videoId)}`;
        link.textContent = 'Watch';
        this.status.replaceChildren(TEXT.ready, ' ', link);
        this.state = 'ready';
        this.li.dataset.state = 'ready';
        return;
      }
      if (video.status === 'failed') {
        this.processing.hidden = true;
        const error = video.error || {};
        const message = error.code === 'media.unsupported'
          ? TEXT.unsupported
          : (error.message || 'Processing failed.');
        this.setStatus(message, 'failed');
        return;
      }
      if (video.status === 'deleting') {
        this.processing.hidden = true;
        this.setStatus('This video is being deleted.', 'failed');
        return;
      }
      const stage = video.status === 'processing' && video.stage ? video.stage : 'queued';
      const shown = video.status === 'processing' ? progress : 0;
      this.processing.value = shown;
      this.setStatus(`Processing: ${stage} ${shown}%`);
      this.poll();
    }
  }

  // ---- picking files ----

  function addFiles(files) {
    for (const file of files) {
      const row = new UploadRow(file);
      list.append(row.li);
      row.begin();
    }
  }

  input.addEventListener('change', () => {
    addFiles(Array.from(input.files || []));
    input.value = ''; // so picking the same file again (to resume) fires change
  });

  function hasFiles(event) {
    return Boolean(event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files'));
  }

  if (dropZone) {
    dropZone.addEventListener('dragenter', (event) => {
      if (hasFiles(event)) {
        event.preventDefault();
        dropZone.classList.add('dragover');
      }
    });
    dropZone.addEventListener('dragover', (event) => {
      if (hasFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        dropZone.classList.add('dragover');
      }
    });
    dropZone.addEventListener('dragleave', (event) => {
      if (!event.relatedTarget || !dropZone.contains(event.relatedTarget)) {
        dropZone.classList.remove('dragover');
      }
    });
    dropZone.addEventListener('drop', (event) => {
      event.preventDefault();
      dropZone.classList.remove('dragover');
      addFiles(Array.from((event.dataTransfer && event.dataTransfer.files) || []));
    });
  }

  // A file dropped beside the zone would otherwise make the browser navigate away from the uploads in progress.
  window.addEventListener('dragover', (event) => {
    if (hasFiles(event) && !(dropZone && dropZone.contains(event.target))) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    }
  });
  window.addEventListener('drop', (event) => {
    if (hasFiles(event) && !(dropZone && dropZone.contains(event.target))) {
      event.preventDefault();
    }
  });

  // ---- unfinished uploads from earlier visits ----

  const RESUME_HINT = 'Pick the same file again to resume';
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

  refreshResumable();
})();
