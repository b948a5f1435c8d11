// Studio: confirm before destructive forms, and live status for videos still uploading or processing.
// The markup contract is in Features/Web/PAGES.md.
(() => {
  'use strict';

  const POLL_MS = 2000;
  const BADGE_TEXT = {
    uploading: 'Uploading',
    processing: 'Processing',
    ready: 'Ready',
    failed: 'Failed',
    deleting: 'Deleting',
  };

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute('data-confirm') && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  const rows = () => Array.from(document.querySelectorAll(
    'tr[data-video-id][data-status="processing"], tr[data-video-id][data-status="uploading"]',
  ));
  if (rows().length === 0) {
    return;
  }

  let reloading = false;
  let stopped = false;

  function badgeOf(row) {
    return row.querySelector('[data-status-badge], .badge, .status-badge');
  }

  function progressOf(row, video) {
    let progress = row.querySelector('progress');
    if (!progress && video.status === 'processing') {
      // A row that was still uploading when the page was rendered has no processing bar yet.
      progress = document.createElement('progress');
      progress.max = 100;
      progress.setAttribute('aria-label', `Processing progress for ${video.title || 'this video'}`);
      const badge = badgeOf(row);
      if (badge) {
        badge.after(' ', progress);
      } else {
        (row.cells[1] || row).append(progress);
      }
    }
    return progress;
  }

  function reload() {
    if (!reloading) {
      reloading = true;
      window.location.reload();
    }
  }

  async function check(row) {
    const id = row.dataset.videoId;
    let response;
    try {
      response = await fetch(`/api/v1/videos/${encodeURIComponent(id)}`, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
    } catch {
      return; // offline for a moment; the next round tries again
    }
    if (response.status === 404) {
      reload(); // deleted meanwhile (another tab, or an abandoned upload that expired)
      return;
    }
    if (response.status === 401 || response.status === 403) {
      stopped = true;
      return;
    }
    if (!response.ok) {
      return;
    }
    let video;
    try {
      video = await response.json();
    } catch {
      return;
    }
    if (video.status === 'ready' || video.status === 'failed') {
      reload();
      return;
    }
    row.dataset.status = video.status;
    const badge = badgeOf(row);
    if (badge && BADGE_TEXT[video.status]) {
      badge.textContent = BADGE_TEXT[video.status];
    }
    const progress = progressOf(row, video);
    if (progress) {
      const value = Number.isFinite(video.progress) ? Math.max(0, Math.min(100, video.progress)) : 0;
      progress.value = value;
      progress.textContent = `${value}%`;
      if (video.status === 'processing' && video.stage) {
        progress.title = `${video.stage} ${value}%`;
      }
    }
  }

  async function round() {
    if (stopped || reloading) {
      return;
    }
    // No requests from a tab nobody looks at; the next visible round catches up.
    if (!document.hidden) {
      const pending = rows();
      if (pending.length === 0) {
        return;
      }
      await Promise.all(pending.map(check));
    }
    if (!stopped && !reloading) {
      setTimeout(round, POLL_MS);
    }
  }

  setTimeout(round, POLL_MS);
})();
