// A row's title, description, tags and visibility: shown from the server, saved with PATCH as they are edited.
import { parseTags } from './format.js';
import { isSignedOut, jsonHeaders, parseProblem, problemText } from './problems.js';
import { SAVE_DELAY_MS } from './settings.js';

export class VideoFields {
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
}
