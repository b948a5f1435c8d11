// The viewer's volume and mute setting, kept in localStorage for the next video.
import { clamp } from './time-format.js';

const VOLUME_KEY = 'framecast.volume';
const MUTED_KEY = 'framecast.muted';

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage full or disabled: the volume just isn't remembered.
  }
}

export function rememberVolume(video) {
  const volume = Number.parseFloat(read(VOLUME_KEY) ?? '');
  if (Number.isFinite(volume)) {
    video.volume = clamp(volume, 0, 1);
  }
  const muted = read(MUTED_KEY);
  if (muted !== null) {
    video.muted = muted === '1';
  }
  video.addEventListener('volumechange', () => {
    write(VOLUME_KEY, String(Math.round(video.volume * 100) / 100));
    write(MUTED_KEY, video.muted ? '1' : '0');
  });
}
