// The studio live page (/studio/live): the broadcast's state and health kept current, the preview, the stream key
// (reveal, copy, rotate), the settings form and "End broadcast", all in place. Markup contract: PAGES.md.
import { announce, report } from './announce.js';
import { createBroadcastView } from './broadcast-view.js';
import { startPolling } from './broadcast-poll.js';
import { wireEndBroadcast } from './end-broadcast.js';
import { createPreview } from './preview.js';
import { wireSettingsForm } from './settings-form.js';
import { wireStreamKey } from './stream-key.js';

const byId = (id) => document.getElementById(id);
const root = byId('broadcast');

if (root) {
  const notice = byId('broadcast-notice');
  const preview = createPreview(byId('live-preview'), byId('preview-status'));
  const view = createBroadcastView(root, preview);
  let latest = null;
  let poller = null;
  // Broadcasts ended from here (End broadcast, a rotated key): the server reports them live for a moment more, while
  // their transcoder stops; the page does not flip back to them.
  const ended = new Set([new URLSearchParams(window.location.search).get('ended')].filter(Boolean));

  const streamKey = wireStreamKey({
    field: byId('live-key'),
    server: byId('live-server'),
    revealForm: byId('reveal-form'),
    copyButton: byId('copy-key'),
    rotateForm: byId('rotate-form'),
    status: byId('key-status'),
  }, {
    onSettings,
    onRotated(settings) {
      ended.add(root.dataset.sessionId);
      onSettings(settings);
      // A rotation cuts a broadcast made with the old key: ask the server what is left.
      poller.refresh();
    },
  });

  function onSettings(answer) {
    const wasOffline = view.state === 'offline';
    const settings = answer.broadcast && ended.has(answer.broadcast.sessionId) ? { ...answer, broadcast: null } : answer;
    latest = settings;
    view.render(settings);
    streamKey.update(settings);
    if (wasOffline && view.state !== 'offline') {
      announce(notice, '');
    }
  }

  wireSettingsForm(byId('settings-form'), byId('settings-status'));

  wireEndBroadcast(byId('end-form'), {
    onEnded() {
      ended.add(root.dataset.sessionId);
      view.render({ ...(latest || {}), broadcast: null });
      poller.refresh();
    },
    say(text) {
      report(notice, text);
    },
  });

  if (root.dataset.state !== 'offline') {
    preview.show(root.dataset.hls);
  }
  poller = startPolling(() => view.state !== 'offline', onSettings, (text) => report(notice, text));
  setInterval(view.tick, 1000);
}
