// The bar's buttons and readouts: play/pause, elapsed/total time, mute, volume, full screen. Each button's
// accessible name says what pressing it does now ("Play" / "Pause"), as its icon shows.
import { icon } from './icons.js';
import { rangeInput } from './range-input.js';
import { formatTime } from './time-format.js';

function button(className) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = `player-button ${className}`;
  return { element, set(label, iconName) { element.setAttribute('aria-label', label); element.replaceChildren(icon(iconName)); } };
}

export function createButtons(video, duration, actions) {
  const play = button('player-play');
  play.element.addEventListener('click', actions.togglePlay);
  const syncPlay = () => (video.paused || video.ended ? play.set('Play', 'play') : play.set('Pause', 'pause'));
  for (const event of ['play', 'pause', 'ended', 'emptied']) {
    video.addEventListener(event, syncPlay);
  }
  syncPlay();

  const time = document.createElement('span');
  time.className = 'player-time';
  const syncTime = () => {
    const d = duration();
    const t = video.currentTime || 0;
    time.textContent = d > 0 ? `${formatTime(t)} / ${formatTime(d)}` : formatTime(t);
  };
  for (const event of ['timeupdate', 'durationchange', 'loadedmetadata', 'seeked']) {
    video.addEventListener(event, syncTime);
  }
  syncTime();

  const mute = button('player-mute');
  mute.element.addEventListener('click', actions.toggleMute);
  const volume = rangeInput({ className: 'player-volume', label: 'Volume', min: '0', max: '1', step: '0.05' });
  volume.addEventListener('input', () => {
    video.volume = Number(volume.value);
    video.muted = video.volume === 0;
  });
  const syncVolume = () => {
    const silent = video.muted || video.volume === 0;
    mute.set(silent ? 'Unmute' : 'Mute', silent ? 'muted' : 'volume');
    volume.value = String(video.muted ? 0 : video.volume);
    volume.setAttribute('aria-valuetext', `${Math.round((video.muted ? 0 : video.volume) * 100)} %`);
  };
  video.addEventListener('volumechange', syncVolume);
  syncVolume();

  const fullscreen = button('player-fullscreen');
  fullscreen.element.addEventListener('click', actions.toggleFullscreen);
  const syncFullscreen = () => (actions.isFullscreen() ? fullscreen.set('Exit full screen', 'exitFullscreen') : fullscreen.set('Full screen', 'fullscreen'));
  document.addEventListener('fullscreenchange', syncFullscreen);
  document.addEventListener('webkitfullscreenchange', syncFullscreen);
  syncFullscreen();

  // A click or tap on the picture plays or pauses, as on every video site.
  video.addEventListener('click', actions.togglePlay);

  return { play: play.element, time, mute: mute.element, volume, fullscreen: fullscreen.element };
}
