// What the buttons and the keyboard do to the video, in one place.
import { clamp } from './time-format.js';

export function createActions(video, root, duration) {
  function togglePlay() {
    if (video.paused || video.ended) {
      const started = video.play();
      if (started && typeof started.catch === 'function') {
        started.catch(() => {}); // refused autoplay or no source: the state shows it
      }
    } else {
      video.pause();
    }
  }

  function seekBy(delta) {
    const d = duration();
    const target = (video.currentTime || 0) + delta;
    video.currentTime = d > 0 ? clamp(target, 0, d) : Math.max(0, target);
  }

  function changeVolume(delta) {
    video.volume = clamp(Math.round((video.volume + delta) * 10) / 10, 0, 1);
    if (delta > 0 && video.muted) {
      video.muted = false;
    }
  }

  function toggleMute() {
    video.muted = !video.muted;
  }

  function isFullscreen() {
    return Boolean(document.fullscreenElement || document.webkitFullscreenElement);
  }

  function toggleFullscreen() {
    if (isFullscreen()) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(() => {});
    } else if (root.webkitRequestFullscreen) {
      root.webkitRequestFullscreen();
    } else if (video.webkitEnterFullscreen) {
      video.webkitEnterFullscreen(); // iOS Safari only lets the video itself go full screen
    }
  }

  return { togglePlay, seekBy, changeVolume, toggleMute, toggleFullscreen, isFullscreen };
}
