// One row per file: its fields, progress, buttons and status. The upload itself, the field edits and the
// processing status are methods of their own files, mixed in.
import { button, field } from './dom.js';
import { formatBytes, titleFromFilename } from './format.js';
import { mixin } from './mixin.js';
import { ProcessingStatus } from './processing-status.js';
import { LOGIN_URL, MAX_TITLE } from './settings.js';
import { TusSession } from './tus-session.js';
import { VideoFields } from './video-fields.js';

let rowCounter = 0;

export class UploadRow {
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
}

mixin(UploadRow, TusSession, VideoFields, ProcessingStatus);
