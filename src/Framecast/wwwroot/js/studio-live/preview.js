// The broadcaster's muted preview of their own broadcast, through the channel page's live player (live-hls.js).
// A broadcast that just started may have no playlist yet: the preview tries again a few seconds later.
import { startLive } from '../live/live-hls.js';
import { announce } from './announce.js';

const RETRY_MS = 3000;

export function createPreview(video, status) {
  let player = null;
  let url = null;
  let retry = null;

  function say(text) {
    announce(status, text);
  }

  function stopPlayer() {
    clearTimeout(retry);
    retry = null;
    if (player?.hls) {
      player.hls.destroy();
    }
    player = null;
    video.removeAttribute('src');
    video.load();
  }

  function start() {
    stopPlayer();
    say('Starting the preview…');
    player = startLive(video, url, {
      showError() {
        say('The preview cannot play yet; trying again…');
        retry ??= setTimeout(() => {
          retry = null;
          if (url) {
            start();
          }
        }, RETRY_MS);
      },
    });
    if (!player) {
      clearTimeout(retry);
      retry = null;
      say('This browser cannot play the preview.');
    }
  }

  // Muted autoplay is allowed; a browser that still refuses leaves the preview's own play button.
  video.muted = true;
  video.autoplay = true;
  video.addEventListener('playing', () => say(''));

  return {
    /** Plays <url> (the broadcast's master playlist); a second call with the same url keeps playing. */
    show(next) {
      if (next && next !== url) {
        url = next;
        start();
      }
    },
    stop() {
      url = null;
      stopPlayer();
      say('');
    },
  };
}
