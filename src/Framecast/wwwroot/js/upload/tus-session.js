// A row's tus upload: start or resume (tus-js-client, global `tus`), progress, pause, resume, retry, cancel.
import { formatDuration, parseTags } from './format.js';
import { isSignedOut, jsonHeaders, parseProblem, problemText, tooLargeMessage } from './problems.js';
import { CHUNK_SIZE, TEXT, VIDEO_ID_HEADER, csrfToken, endpoint, maxBytes, uploadsChanged } from './settings.js';

export class TusSession {
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
      uploadsChanged();
    }
    this.attempted = true;
    this.showButtons(['pause', 'cancel']);
    this.upload.start();
  }

  async signedOut() {
    try {
      const response = await fetch('/api/v1/me', { credentials: 'same-origin', headers: jsonHeaders(false) });
      return response.status === 401 || response.status === 403;
    } catch {
      return false; // offline: let tus retry and report
    }
  }

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
    uploadsChanged();
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
      uploadsChanged();
    };
    if (upload) {
      upload.abort(true).then(done, done);
    } else {
      done();
    }
  }
}
