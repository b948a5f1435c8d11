// The channel page's chat and barrage while live (the player itself is js/live/main.js): the barrage layer over the
// player with the viewer's settings, and the chat panel. The markup contract is in Features/Web/PAGES.md.
import { createRenderer } from '../danmaku/renderer.js';
import { createSettingsPanel } from '../danmaku/settings-panel.js';
import { startLiveChat } from './live-chat.js';

const panel = document.getElementById('chat');
const player = document.getElementById('live-root');
const controlsHost = document.getElementById('barrage-controls');

if (panel) {
  let barrage = null;
  if (player && controlsHost) {
    let renderer = null;
    const controls = createSettingsPanel({ prefix: 'barrage', noun: 'barrage', onChange: (s) => renderer?.update(s) });
    controlsHost.append(controls.element);
    renderer = createRenderer(player, { settings: controls.settings, me: panel.dataset.username || '' });
    barrage = { add: (item) => renderer.add(item), remove: (id) => renderer.remove(id) };
  }
  startLiveChat(panel, barrage);
}
