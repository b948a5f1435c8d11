// The watch page's player: one bar under the picture (play, time, seek with storyboard previews, volume, quality,
// full screen), keyboard shortcuts, a remembered volume, and watch history (progress reports, resume). Without this
// script the browser's own controls stay.
// The markup contract is in Features/Web/PAGES.md.
import { createActions } from './actions.js';
import { createButtons } from './buttons.js';
import { createQualityMenu } from './quality-menu.js';
import { reportProgress } from './progress.js';
import { resumeAt } from './resume.js';
import { createSeekBar } from './seek-bar.js';
import { bindShortcuts } from './shortcuts.js';
import { startSources } from './sources.js';
import { loadStoryboard } from './storyboard.js';
import { rememberVolume } from './volume-memory.js';

const root = document.getElementById('player-root');
const video = document.getElementById('player');
if (root && video instanceof HTMLVideoElement) {
  const declared = Number.parseFloat(root.dataset.duration || '');
  const duration = () => (Number.isFinite(video.duration) && video.duration > 0 ? video.duration
    : Number.isFinite(declared) && declared > 0 ? declared : 0);

  video.controls = false;
  rememberVolume(video);
  const actions = createActions(video, root, duration);
  const buttons = createButtons(video, duration, actions);
  const seekBar = createSeekBar(video, duration);
  const quality = createQualityMenu();

  const bar = document.createElement('div');
  bar.className = 'player-controls';
  bar.append(buttons.play, buttons.time, seekBar.element, buttons.mute, buttons.volume, quality.element, buttons.fullscreen);
  const alertBox = document.createElement('p');
  alertBox.className = 'player-error';
  alertBox.setAttribute('role', 'alert');
  video.after(bar, alertBox);

  startSources(video, root.dataset.hls || '', root.dataset.mp4 || '', {
    showError(message) { alertBox.textContent = message; },
    clearError() { alertBox.textContent = ''; },
    quality,
  });
  bindShortcuts(actions);
  resumeAt(video, Number.parseFloat(root.dataset.resume || ''), root);
  reportProgress(video, root.dataset.progressUrl || '');
  loadStoryboard(root.dataset.storyboard || '').then(seekBar.setCues);
}
