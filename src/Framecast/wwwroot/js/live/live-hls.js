// Plays a live LL-HLS stream: hls.js in low-latency mode where Media Source Extensions exist, the browser's own
// HLS where it is native (Safari), and says so plainly when neither is there or the stream stops.

export function startLive(video, url, ui) {
  const Hls = window.Hls;
  if (Hls && Hls.isSupported()) {
    // Playing up to 1.5x catches up to the target latency (PART-HOLD-BACK) after a slow start or a stall, instead of
    // staying behind for good as hls.js does by default.
    const hls = new Hls({ lowLatencyMode: true, enableWorker: false, backBufferLength: 30, maxLiveSyncPlaybackRate: 1.5 });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) {
        return;
      }
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
        return;
      }
      ui.showError('The broadcast cannot be played right now; it may have ended. Reload the page to try again.');
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    return {
      hls,
      goToLiveEdge() {
        if (Number.isFinite(hls.liveSyncPosition)) {
          video.currentTime = hls.liveSyncPosition;
        }
        video.play().catch(() => {});
      },
    };
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
    return {
      hls: null,
      goToLiveEdge() {
        if (video.seekable.length > 0) {
          video.currentTime = video.seekable.end(video.seekable.length - 1);
        }
        video.play().catch(() => {});
      },
    };
  }
  ui.showError('This browser cannot play live video.');
  return null;
}
