// The seek bar: a range input over the video's length, with a storyboard preview (picture and time) where the
// pointer or the dragged thumb is.
import { rangeInput } from './range-input.js';
import { clamp, formatTime } from './time-format.js';
import { cueAt } from './storyboard.js';

export function createSeekBar(video, duration) {
  let cues = [];
  let dragging = false;
  let hovering = false;

  const wrap = document.createElement('div');
  wrap.className = 'player-seek';
  const seek = rangeInput({ className: 'seek', label: 'Seek', min: '0', step: '1', id: 'seek' });
  const preview = document.createElement('div');
  preview.className = 'storyboard-preview';
  preview.hidden = true;
  preview.setAttribute('aria-hidden', 'true');
  const previewImage = document.createElement('div');
  previewImage.className = 'storyboard-image';
  previewImage.hidden = true;
  const previewTime = document.createElement('span');
  previewTime.className = 'storyboard-time';
  preview.append(previewImage, previewTime);
  wrap.append(seek, preview);

  function sync() {
    const d = duration();
    seek.max = String(d > 0 ? d : 0);
    seek.disabled = d <= 0;
    if (!dragging) {
      seek.value = String(video.currentTime || 0);
    }
    seek.setAttribute('aria-valuetext', `${formatTime(Number(seek.value))} of ${formatTime(d)}`);
  }

  function showPreview(t) {
    const d = duration();
    if (d <= 0) {
      return;
    }
    t = clamp(t, 0, d);
    previewTime.textContent = formatTime(t);
    const cue = cueAt(cues, t);
    previewImage.hidden = !cue;
    if (cue) {
      Object.assign(previewImage.style, {
        width: `${cue.w}px`,
        height: `${cue.h}px`,
        backgroundImage: `url("${cue.image}")`,
        backgroundPosition: `-${cue.x}px -${cue.y}px`,
      });
    }
    const width = seek.getBoundingClientRect().width;
    const half = cue ? cue.w / 2 : 0;
    // Centred on the position, but never past either end of the bar.
    const x = width > 0 ? clamp((t / d) * width, Math.min(half, width / 2), Math.max(width - half, width / 2)) : 0;
    preview.style.left = `${seek.offsetLeft + x}px`;
    preview.hidden = false;
  }

  function hidePreview() {
    preview.hidden = true;
  }

  for (const event of ['durationchange', 'loadedmetadata', 'timeupdate', 'seeked']) {
    video.addEventListener(event, sync);
  }
  seek.addEventListener('pointerdown', () => { dragging = true; });
  seek.addEventListener('input', () => {
    const t = Number(seek.value);
    video.currentTime = t;
    showPreview(t);
    sync();
  });
  seek.addEventListener('change', () => {
    dragging = false;
    if (!hovering) {
      hidePreview();
    }
    sync();
  });
  document.addEventListener('pointerup', () => {
    if (dragging) {
      dragging = false;
      if (!hovering) {
        hidePreview();
      }
    }
  });
  seek.addEventListener('pointerenter', () => { hovering = true; });
  seek.addEventListener('pointermove', (event) => {
    hovering = true;
    const rect = seek.getBoundingClientRect();
    if (dragging || rect.width <= 0) {
      return; // while dragging, the input event shows the dragged position
    }
    showPreview(clamp((event.clientX - rect.left) / rect.width, 0, 1) * duration());
  });
  seek.addEventListener('pointerleave', () => {
    hovering = false;
    if (!dragging) {
      hidePreview();
    }
  });
  seek.addEventListener('blur', hidePreview);
  sync();

  return {
    element: wrap,
    sync,
    setCues(loaded) { cues = loaded; },
  };
}
