// How far behind the broadcaster the picture is: the wall-clock time the shown frame reached the server
// (EXT-X-PROGRAM-DATE-TIME, via hls.js's playingDate) against now; hls.js's own distance to the live edge when the
// playlist has no dates or the clocks disagree.

const PLAUSIBLE_SECONDS = 60;

export function measureLatency(hls) {
  const playing = hls.playingDate;
  if (playing instanceof Date && !Number.isNaN(playing.getTime())) {
    const seconds = (Date.now() - playing.getTime()) / 1000;
    if (seconds >= 0 && seconds < PLAUSIBLE_SECONDS) {
      return seconds;
    }
  }
  return Number.isFinite(hls.latency) ? hls.latency : null;
}

export function formatLatency(seconds) {
  return seconds === null ? 'Latency: measuring…' : `Latency: ${seconds.toFixed(1)} s`;
}
