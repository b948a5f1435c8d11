// After the last byte: the video's processing stage and progress, polled until it is ready or failed.
import { jsonHeaders } from './problems.js';
import { POLL_MS, TEXT } from './settings.js';

export class ProcessingStatus {
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
