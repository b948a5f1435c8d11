// Shows the broadcast from GET /api/v1/me/live: live, reconnecting or offline, its ingest health, viewers and
// duration, health warnings and the last refused publish. The markup is the server's (PAGES.md, Studio live page).
import {
  UNKNOWN, formatAge, formatBitrate, formatCount, formatDuration, formatFrameRate, formatResolution, formatSeconds, formatViewers,
} from './format.js';

const KEYFRAME_WARNING_SECONDS = 2;

const STATES = {
  live: { badge: 'LIVE', text: 'You are live.' },
  reconnecting: { badge: 'RECONNECTING', text: "Your encoder's connection dropped; the broadcast waits for it to come back." },
  offline: { badge: 'OFFLINE', text: 'You are not live. Start streaming in OBS with the server URL and stream key below.' },
};

const byId = (id) => document.getElementById(id);

/** Sets an element's text only when it changed, so live regions do not announce the same words again. */
function setText(element, text) {
  if (element && element.textContent !== text) {
    element.textContent = text;
  }
}

export function createBroadcastView(root, preview) {
  const el = {
    badge: byId('broadcast-badge'),
    stateText: byId('broadcast-state-text'),
    live: byId('broadcast-live'),
    guide: byId('obs-guide'),
    title: byId('broadcast-title'),
    warnings: byId('live-warnings'),
    bitrate: byId('live-bitrate'),
    frameRate: byId('live-frame-rate'),
    resolution: byId('live-resolution'),
    keyframe: byId('live-keyframe'),
    keyframeStat: byId('live-keyframe-stat'),
    disconnects: byId('live-disconnects'),
    viewers: byId('live-viewers'),
    duration: byId('live-duration'),
    lastError: byId('live-last-error'),
  };
  // The browser's clock may differ from the server's, which stamped startedAt.
  const serverNow = Date.parse(root.dataset.serverNow || '');
  const skew = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();

  function stateOf(broadcast) {
    return broadcast && (broadcast.status === 'live' || broadcast.status === 'reconnecting') ? broadcast.status : 'offline';
  }

  function showWarnings(warnings) {
    const texts = Array.isArray(warnings) ? warnings.filter((w) => typeof w === 'string') : [];
    if (texts.join('\n') === Array.from(el.warnings.children, (p) => p.textContent).join('\n')) {
      return;
    }
    el.warnings.replaceChildren(...texts.map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    }));
    el.warnings.hidden = texts.length === 0;
  }

  function showHealth(health) {
    const h = health || {};
    setText(el.bitrate, formatBitrate(h.bitrateKbps));
    setText(el.frameRate, formatFrameRate(h.frameRate));
    setText(el.resolution, formatResolution(h.width, h.height));
    const slow = typeof h.keyframeIntervalSeconds === 'number' && h.keyframeIntervalSeconds > KEYFRAME_WARNING_SECONDS;
    setText(el.keyframe, formatSeconds(h.keyframeIntervalSeconds) + (slow ? ' (over 2 s)' : ''));
    el.keyframeStat.classList.toggle('stat-warning', slow);
    setText(el.disconnects, health ? formatCount(h.disconnects) : UNKNOWN);
    showWarnings(h.warnings);
  }

  function showLastError(message, at) {
    if (typeof message !== 'string' || !message) {
      el.lastError.hidden = true;
      el.lastError.replaceChildren();
      return;
    }
    const date = new Date(at);
    const text = `${message}|${at}`;
    if (el.lastError.dataset.shown === text) {
      return;
    }
    el.lastError.dataset.shown = text;
    const strong = document.createElement('strong');
    strong.textContent = 'Last broadcast problem';
    const time = document.createElement('time');
    time.className = 'relative';
    if (!Number.isNaN(date.getTime())) {
      time.dateTime = date.toISOString();
      time.textContent = formatAge(date, Date.now() + skew);
    }
    const detail = document.createElement('span');
    detail.textContent = `: ${message}`;
    el.lastError.replaceChildren(strong, ' ', time, detail);
    el.lastError.hidden = false;
  }

  function tick() {
    const started = Date.parse(root.dataset.startedAt || '');
    const live = root.dataset.state !== 'offline';
    setText(el.duration, live && !Number.isNaN(started) ? formatDuration((Date.now() + skew - started) / 1000) : UNKNOWN);
  }

  return {
    get state() {
      return root.dataset.state;
    },

    render(settings) {
      const broadcast = settings.broadcast;
      const state = stateOf(broadcast);
      root.dataset.state = state;
      setText(el.badge, STATES[state].badge);
      el.badge.classList.toggle('live-badge', state !== 'offline');
      el.badge.classList.toggle('offline-badge', state === 'offline');
      setText(el.stateText, STATES[state].text);
      el.live.hidden = state === 'offline';
      el.guide.hidden = state !== 'offline';
      if ('lastError' in settings) {
        showLastError(settings.lastError, settings.lastErrorAt);
      }
      if (state === 'offline') {
        root.dataset.startedAt = '';
        root.dataset.sessionId = '';
        preview.stop();
        tick();
        return;
      }
      root.dataset.startedAt = broadcast.startedAt || '';
      root.dataset.sessionId = broadcast.sessionId || '';
      setText(el.title, broadcast.title || '');
      showHealth(broadcast.health);
      setText(el.viewers, formatViewers(broadcast.viewers, broadcast.peakViewers));
      tick();
      preview.show(broadcast.hlsUrl || root.dataset.hls);
    },

    tick,
  };
}
