// Where the picture comes from: hls.js (adaptive, with the quality menu), the browser's own HLS, or the fast-start
// MP4 (before the ladder is ready, and as the fallback when HLS fails).

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

// ui: { showError(text), clearError(), quality: { setLevels, clear } }
export function startSources(video, hlsUrl, mp4Url, ui) {
  let hls = null;
  let usingMp4 = false;

  function playMp4(resumeAt) {
    usingMp4 = true;
    video.src = mp4Url;
    if (resumeAt > 0) {
      video.addEventListener('loadedmetadata', () => { video.currentTime = resumeAt; }, { once: true });
    }
  }

  video.addEventListener('error', () => {
    if (hls) {
      return; // with hls.js the element's errors arrive (with recovery) as Hls.Events.ERROR instead
    }
    if (mp4Url && !usingMp4 && video.error && video.error.code !== 1) {
      playMp4(video.currentTime || 0); // native HLS failed; the fast-start MP4 may still play
      return;
    }
    ui.showError(mediaErrorMessage(video.error ? video.error.code : 0));
  });
  video.addEventListener('playing', ui.clearError);

  function startHlsJs() {
    const Hls = window.Hls;
    hls = new Hls({ enableWorker: false });
    let recoveries = 0;
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      const levels = hls.levels.map((level, index) => ({ index, height: level.height || 0, bitrate: level.bitrate || 0 }));
      // currentLevel switches at once (flushing the buffer), so the choice shows immediately.
      ui.quality.setLevels(levels, (index) => { if (hls) { hls.currentLevel = index; } });
    });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) {
        return;
      }
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && recoveries < 2) {
        recoveries += 1;
        hls.recoverMediaError();
        return;
      }
      const resumeAt = video.currentTime || 0;
      hls.destroy();
      hls = null;
      ui.quality.clear();
      if (mp4Url && !usingMp4) {
        playMp4(resumeAt); // the ladder failed but the fast-start MP4 may still play
        return;
      }
      ui.showError(mediaErrorMessage(data.type === Hls.ErrorTypes.NETWORK_ERROR ? 2 : data.type === Hls.ErrorTypes.MEDIA_ERROR ? 3 : 0));
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
    ui.showError('This video cannot be played in this browser.');
  }
}
