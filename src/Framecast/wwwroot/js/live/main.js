// The channel page's live player: starts the broadcast at the live edge, shows the latency, and jumps back to the
// live edge on request.
import { startLive } from './live-hls.js';
import { measureLatency, formatLatency } from './latency.js';
import { followViewers } from './viewers.js';

const root = document.getElementById('live-root');
const video = document.getElementById('live-video');
const latency = document.getElementById('live-latency');
const edge = document.getElementById('live-edge');
const status = document.getElementById('live-status');
const viewers = document.getElementById('live-viewers');

function showError(text) {
  status.textContent = text;
  status.classList.add('error');
  status.hidden = false;
}

if (viewers) {
  followViewers(viewers, () => {
    status.textContent = 'The broadcast has ended.';
    status.classList.remove('error');
    status.hidden = false;
  });
}

if (root && video) {
  const player = startLive(video, root.dataset.hls, { showError });
  if (player) {
    edge.addEventListener('click', () => player.goToLiveEdge());
    video.addEventListener('playing', () => {
      if (!status.classList.contains('error')) {
        status.hidden = true;
      }
    });
    if (player.hls) {
      const show = () => {
        const seconds = video.paused ? null : measureLatency(player.hls);
        latency.textContent = formatLatency(seconds);
        latency.dataset.seconds = seconds === null ? '' : seconds.toFixed(3);
      };
      setInterval(show, 1000);
      video.addEventListener('playing', show);
    } else {
      latency.hidden = true;
    }
  } else {
    edge.disabled = true;
  }
}
