// The watch page's danmaku: drawn over the player at their moment on the video (fetched by window as it plays, and
// live from others watching through the hub), the viewer's settings, and a form that posts at the playback offset.
// The markup contract is in Features/Web/PAGES.md.
import { api, problemOf, segment } from '../chat/api.js';
import { createComposer } from '../chat/composer.js';
import { say } from '../chat/dom.js';
import { connectRoom } from '../chat/hub.js';
import { loadPalette } from '../chat/palette.js';
import { describeSendError } from '../chat/send-errors.js';
import { createRenderer } from './renderer.js';
import { createSettingsPanel } from './settings-panel.js';
import { bindToggleKey } from './toggle-key.js';
import { loadByWindow } from './window-loader.js';
import { announceGift } from '../gifts/events.js';

const root = document.getElementById('player-root');
const video = document.getElementById('player');
const panel = document.getElementById('danmaku');

async function start() {
  const videoId = panel.dataset.videoId;
  const me = panel.dataset.username || '';
  const error = document.getElementById('danmaku-error');
  const notice = document.getElementById('danmaku-notice');
  let renderer = null;
  const controls = createSettingsPanel({ prefix: 'danmaku', noun: 'danmaku', onChange: (s) => renderer?.update(s) });
  document.getElementById('danmaku-controls').append(controls.element);
  renderer = createRenderer(root, { media: video, fitTo: video, settings: controls.settings, me });
  bindToggleKey(controls.toggle);
  const place = (item) => renderer.add(item, Math.max(0, item.offsetMs || 0) / 1000);
  loadByWindow(video, videoId, (items) => items.forEach(place));

  let composer = null;
  const room = connectRoom({
    join: 'JoinVideo',
    room: videoId,
    events: {
      danmaku: place,
      gift: (gift) => announceGift(gift), // js/gifts/ shows it over the player
      deleted: (event) => {
        if (event?.kind === 'danmaku') {
          renderer.remove(event.id);
        }
      },
    },
    onState: (state) => {
      if (composer && me) {
        composer.setEnabled(state.canSend !== false);
        say(notice, state.canSend === false && state.reason ? state.reason : '');
      }
    },
    onStatus: (status) => { panel.dataset.hub = status; }, // tests wait for `connected` before a gift or danmaku
  });

  const host = document.getElementById('danmaku-compose');
  if (!host || !me) {
    return;
  }
  const palette = await loadPalette();
  composer = createComposer({
    prefix: 'danmaku',
    label: 'Send a danmaku',
    palette,
    sizes: true,
    async send(text, style) {
      const duration = Number.isFinite(video.duration) ? video.duration : Infinity;
      const offsetMs = Math.round(Math.min(video.currentTime || 0, duration) * 1000);
      const body = { offsetMs, text, ...style };
      let outcome = null;
      if (room?.joined) {
        try {
          outcome = await room.invoke('SendDanmaku', videoId, body);
        } catch {
          outcome = null; // the connection dropped mid-call: REST below
        }
      }
      if (!outcome) {
        const result = await api('POST', `/api/v1/videos/${segment(videoId)}/danmaku`, body);
        outcome = result.ok ? { item: result.body, error: null } : { item: null, error: problemOf(result) };
      }
      if (outcome.error || !outcome.item) {
        say(error, describeSendError(outcome.error));
        return false;
      }
      say(error, '');
      renderer.add(outcome.item, outcome.item.offsetMs / 1000, true);
      return true;
    },
  });
  host.append(composer.element);
}

if (root && video instanceof HTMLVideoElement && panel) {
  start();
}
