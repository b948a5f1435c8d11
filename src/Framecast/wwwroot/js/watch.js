// Watch page player: hls.js (or native HLS, or the fast-start MP4), a quality menu, a seek bar with storyboard
// previews, keyboard shortcuts and a remembered volume. The markup contract is in Features/Web/PAGES.md.
(() => {
  'use strict';

  const root = document.getElementById('player-root');
  const video = document.getElementById('player');
  if (!root || !(video instanceof HTMLVideoElement)) {
    return;
  }

  const hlsUrl = root.dataset.hls || '';
  const mp4Url = root.dataset.mp4 || '';
  const storyboardUrl = root.dataset.storyboard || '';
  const VOLUME_KEY = 'framecast.volume';
  const MUTED_KEY = 'framecast.muted';

  let hls = null;
  let usingMp4 = false;

  // ---- elements added under the video ----

  const controls = document.createElement('div');
  controls.className = 'player-controls';

  const seekWrap = document.createElement('div');
  seekWrap.className = 'player-seek';
  seekWrap.style.position = 'relative';

  const seek = document.createElement('input');
  seek.type = 'range';
  seek.id = 'seek';
  seek.className = 'seek';
  seek.min = '0';
  seek.step = '1';
  seek.value = '0';
  seek.setAttribute('aria-label', 'Seek');
  seek.style.width = '100%';

  const preview = document.createElement('div');
  preview.className = 'storyboard-preview';
  preview.hidden = true;
  preview.setAttribute('aria-hidden', 'true');
  Object.assign(preview.style, {
    position: 'absolute',
    bottom: '100%',
    left: '0',
    transform: 'translateX(-50%)',
    pointerEvents: 'none',
    textAlign: 'center',
  });
  const previewImage = document.createElement('div');
  previewImage.className = 'storyboard-image';
  previewImage.hidden = true;
  previewImage.style.backgroundRepeat = 'no-repeat';
  const previewTime = document.createElement('span');
  previewTime.className = 'storyboard-time';
  preview.append(previewImage, previewTime);

  seekWrap.append(seek, preview);

  const timeText = document.createElement('span');
  timeText.className = 'player-time';
  timeText.textContent = '0:00';

  controls.append(seekWrap, timeText);

  const alertBox = document.createElement('p');
  alertBox.className = 'player-error';
  alertBox.setAttribute('role', 'alert');

  video.after(controls);
  controls.after(alertBox);

  // ---- helpers ----

  function formatTime(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) {
      seconds = 0;
    }
    const total = Math.floor(seconds);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const ss = String(s).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
  }

  function duration() {
    if (Number.isFinite(video.duration) && video.duration > 0) {
      return video.duration;
    }
    const declared = Number.parseFloat(root.dataset.duration || '');
    return Number.isFinite(declared) && declared > 0 ? declared : 0;
  }

  function showError(message) {
    alertBox.textContent = message;
  }

  function clearError() {
    alertBox.textContent = '';
  }

  function clamp(value, min, max) {
    return Math.min(max, Math.max(min, value));
  }

  // ---- volume memory ----

  function readStorage(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  function writeStorage(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage full or disabled: the volume just isn't remembered.
    }
  }

  const savedVolume = Number.parseFloat(readStorage(VOLUME_KEY) ?? '');
  if (Number.isFinite(savedVolume)) {
    video.volume = clamp(savedVolume, 0, 1);
  }
  const savedMuted = readStorage(MUTED_KEY);
  if (savedMuted !== null) {
    video.muted = savedMuted === '1';
  }
  video.addEventListener('volumechange', () => {
    writeStorage(VOLUME_KEY, String(Math.round(video.volume * 100) / 100));
    writeStorage(MUTED_KEY, video.muted ? '1' : '0');
  });

  // ---- sources ----

  function mediaErrorMessage(code) {
    switch (code) {
      case 2: // MEDIA_ERR_NETWORK
        return 'The video could not be loaded. Check your connection and reload the page.';
      case 3: // MEDIA_ERR_DECODE
        return 'This video could not be decoded, so it cannot be played.';
      case 4: // MEDIA_ERR_SRC_NOT_SUPPORTED
        return 'This video cannot be played in this browser.';
      default:
        return 'This video cannot be played right now.';
    }
  }

  function playMp4(resumeAt) {
    usingMp4 = true;
    video.src = mp4Url;
    if (resumeAt > 0) {
      video.addEventListener('loadedmetadata', () => { video.currentTime = resumeAt; }, { once: true });
    }
  }

  video.addEventListener('error', () => {
    // With hls.js the element's errors arrive (with recovery) through Hls.Events.ERROR instead.
    if (hls) {
      return;
    }
    if (mp4Url && !usingMp4 && video.error && video.error.code !== 1) {
      playMp4(video.currentTime || 0); // native HLS failed; the fast-start MP4 may still play
      return;
    }
    showError(mediaErrorMessage(video.error ? video.error.code : 0));
  });

  function setUpQualityMenu() {
    document.getElementById('quality')?.closest('.player-quality')?.remove();
    const wrap = document.createElement('span');
    wrap.className = 'player-quality';
    const label = document.createElement('label');
    label.htmlFor = 'quality';
    label.textContent = 'Quality';
    const select = document.createElement('select');
    select.id = 'quality';
    const auto = document.createElement('option');
    auto.value = '-1';
    auto.textContent = 'Auto';
    select.append(auto);

    const levels = hls.levels.map((level, index) => ({ index, height: level.height || 0, bitrate: level.bitrate || 0 }));
    levels.sort((a, b) => b.height - a.height || b.bitrate - a.bitrate);
    const heightCounts = new Map();
    for (const level of levels) {
      heightCounts.set(level.height, (heightCounts.get(level.height) || 0) + 1);
    }
    for (const level of levels) {
      const option = document.createElement('option');
      option.value = String(level.index);
      let name = level.height ? `${level.height}p` : `${Math.round(level.bitrate / 1000)} kbps`;
      if (level.height && heightCounts.get(level.height) > 1) {
        name += ` (${(level.bitrate / 1e6).toFixed(1)} Mbps)`;
      }
      option.textContent = name;
      select.append(option);
    }
    select.value = '-1';
    select.addEventListener('change', () => {
      if (!hls) {
        return;
      }
      // currentLevel switches at once (flushing the buffer) so the choice is visible immediately; -1 is automatic.
      hls.currentLevel = Number.parseInt(select.value, 10);
    });
    wrap.append(label, select);
    controls.append(wrap);
  }

  function startHlsJs() {
    hls = new window.Hls({ enableWorker: false });
    let mediaRecoveries = 0;
    hls.on(window.Hls.Events.MANIFEST_PARSED, () => {
      setUpQualityMenu();
    });
    hls.on(window.Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) {
        return;
      }
      if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
        mediaRecoveries += 1;
        hls.recoverMediaError();
        return;
      }
      const resumeAt = video.currentTime || 0;
      hls.destroy();
      hls = null;
      document.getElementById('quality')?.closest('.player-quality')?.remove();
      if (mp4Url && !usingMp4) {
        // The ladder failed but the fast-start MP4 may still play.
        playMp4(resumeAt);
        return;
      }
      showError(data.type === window.Hls.ErrorTypes.NETWORK_ERROR
        ? mediaErrorMessage(2)
        : data.type === window.Hls.ErrorTypes.MEDIA_ERROR ? mediaErrorMessage(3) : mediaErrorMessage(0));
    });
    hls.loadSource(hlsUrl);
    hls.attachMedia(video);
  }

  if (hlsUrl && window.Hls && window.Hls.isSupported()) {
    startHlsJs();
  } else if (hlsUrl && video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = hlsUrl;
  } else if (mp4Url) {
    playMp4(0);
  } else {
    showError('This video cannot be played in this browser.');
  }

  video.addEventListener('playing', clearError);

  // ---- seek bar ----

  let dragging = false;
  let hovering = false;

  function syncSeekMax() {
    const d = duration();
    seek.max = String(d > 0 ? d : 0);
    seek.disabled = d <= 0;
  }

  function syncSeek() {
    const d = duration();
    const t = video.currentTime || 0;
    if (!dragging) {
      seek.value = String(t);
    }
    seek.setAttribute('aria-valuetext', `${formatTime(Number(seek.value))} of ${formatTime(d)}`);
    timeText.textContent = d > 0 ? `${formatTime(t)} / ${formatTime(d)}` : formatTime(t);
  }

  syncSeekMax();
  syncSeek();
  video.addEventListener('durationchange', () => { syncSeekMax(); syncSeek(); });
  video.addEventListener('loadedmetadata', () => { syncSeekMax(); syncSeek(); });
  video.addEventListener('timeupdate', syncSeek);
  video.addEventListener('seeked', syncSeek);

  seek.addEventListener('pointerdown', () => { dragging = true; });
  seek.addEventListener('input', () => {
    const t = Number(seek.value);
    video.currentTime = t;
    showPreview(t);
    syncSeek();
  });
  seek.addEventListener('change', () => {
    dragging = false;
    if (!hovering) {
      hidePreview();
    }
    syncSeek();
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
    if (dragging) {
      return; // the input event shows the dragged position
    }
    const rect = seek.getBoundingClientRect();
    if (rect.width <= 0) {
      return;
    }
    const fraction = clamp((event.clientX - rect.left) / rect.width, 0, 1);
    showPreview(fraction * duration());
  });
  seek.addEventListener('pointerleave', () => {
    hovering = false;
    if (!dragging) {
      hidePreview();
    }
  });
  seek.addEventListener('blur', hidePreview);

  // ---- storyboard ----

  let cues = [];

  function parseTimestamp(text) {
    const parts = text.trim().split(':');
    let seconds = 0;
    for (const part of parts) {
      seconds = seconds * 60 + Number.parseFloat(part);
    }
    return seconds;
  }

  function resolveImage(reference, vttUrl) {
    const url = new URL(reference, vttUrl);
    const token = vttUrl.searchParams.get('token');
    // A private video's VTT is fetched with ?token=; its sprite needs the same token.
    if (token && !url.searchParams.has('token')) {
      url.searchParams.set('token', token);
    }
    return url.href;
  }

  function parseStoryboard(text, vttUrl) {
    const result = [];
    const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
    for (const block of blocks) {
      const lines = block.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
      const timing = lines.findIndex((line) => line.includes('-->'));
      if (timing < 0 || timing + 1 >= lines.length) {
        continue;
      }
      const [from, to] = lines[timing].split('-->');
      const payload = lines[timing + 1];
      const hash = payload.indexOf('#xywh=');
      if (hash < 0) {
        continue;
      }
      const box = payload.slice(hash + 6).split(',').map((n) => Number.parseInt(n, 10));
      if (box.length !== 4 || box.some((n) => !Number.isFinite(n))) {
        continue;
      }
      result.push({
        start: parseTimestamp(from),
        end: parseTimestamp(to.trim().split(/\s+/)[0]),
        image: resolveImage(payload.slice(0, hash), vttUrl),
        x: box[0],
        y: box[1],
        w: box[2],
        h: box[3],
      });
    }
    result.sort((a, b) => a.start - b.start);
    return result;
  }

  function cueAt(t) {
    let found = null;
    for (const cue of cues) {
      if (cue.start <= t) {
        found = cue;
      } else {
        break;
      }
    }
    return found;
  }

  function showPreview(t) {
    const d = duration();
    if (d <= 0) {
      return;
    }
    t = clamp(t, 0, d);
    previewTime.textContent = formatTime(t);
    const cue = cueAt(t);
    if (cue) {
      previewImage.hidden = false;
      previewImage.style.width = `${cue.w}px`;
      previewImage.style.height = `${cue.h}px`;
      previewImage.style.backgroundImage = `url("${cue.image}")`;
      previewImage.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    } else {
      previewImage.hidden = true;
    }
    const width = seek.getBoundingClientRect().width;
    const half = cue ? cue.w / 2 : 0;
    // Keep the preview over the bar: centred on the position, but not past either end.
    const x = width > 0 ? clamp((t / d) * width, Math.min(half, width / 2), Math.max(width - half, width / 2)) : 0;
    preview.style.left = `${x}px`;
    preview.hidden = false;
  }

  function hidePreview() {
    preview.hidden = true;
  }

  if (storyboardUrl) {
    const vttUrl = new URL(storyboardUrl, window.location.href);
    fetch(vttUrl.href, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((text) => {
        cues = parseStoryboard(text, vttUrl);
        if (cues.length > 0) {
          new Image().src = cues[0].image; // warm the cache so the first hover shows a picture
        }
      })
      .catch(() => {
        // No previews; the seek bar still shows the time.
      });
  }

  // ---- keyboard ----

  function togglePlay() {
    if (video.paused || video.ended) {
      const started = video.play();
      if (started && typeof started.catch === 'function') {
        started.catch(() => {});
      }
    } else {
      video.pause();
    }
  }

  function seekBy(delta) {
    const d = duration();
    const target = (video.currentTime || 0) + delta;
    video.currentTime = d > 0 ? clamp(target, 0, d) : Math.max(0, target);
    syncSeek();
  }

  function changeVolume(delta) {
    video.volume = clamp(Math.round((video.volume + delta) * 10) / 10, 0, 1);
    if (delta > 0 && video.muted) {
      video.muted = false;
    }
  }

  function toggleFullscreen() {
    const current = document.fullscreenElement || document.webkitFullscreenElement;
    if (current) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
      return;
    }
    if (root.requestFullscreen) {
      root.requestFullscreen().catch(() => {});
    } else if (root.webkitRequestFullscreen) {
      root.webkitRequestFullscreen();
    } else if (video.webkitEnterFullscreen) {
      video.webkitEnterFullscreen(); // iOS Safari only lets the video itself go full screen
    }
  }

  function inFormField(target) {
    if (!(target instanceof Element)) {
      return false;
    }
    return target.closest('input, textarea, select, button, [contenteditable=""], [contenteditable="true"]') !== null;
  }

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || inFormField(event.target)) {
      return;
    }
    switch (event.key) {
      case ' ':
      case 'k':
      case 'K':
        togglePlay();
        break;
      case 'j':
      case 'J':
        seekBy(-10);
        break;
      case 'l':
      case 'L':
        seekBy(10);
        break;
      case 'ArrowLeft':
        seekBy(-5);
        break;
      case 'ArrowRight':
        seekBy(5);
        break;
      case 'ArrowUp':
        changeVolume(0.1);
        break;
      case 'ArrowDown':
        changeVolume(-0.1);
        break;
      case 'f':
      case 'F':
        toggleFullscreen();
        break;
      case 'm':
      case 'M':
        video.muted = !video.muted;
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
