// Flying comments over a player, drawn by the danmaku library (weizhenye/Danmaku, DOM engine: lanes without overlap,
// in step with the video's clock when there is one, else the wall clock as a live barrage). Adds items from the API
// or the hub without duplicates, removes deleted ones even mid-flight, and applies the viewer's settings.
import Danmaku from '/lib/danmaku.dom.min.js';
import { createDensityGate } from './density.js';

const MODES = { scroll: 'rtl', top: 'top', bottom: 'bottom' };
const SPEED = 160; // px per second on a 640 px stage; the library scales the time on screen with the width

/**
 * @param {HTMLElement} host the player box the layer goes over (position: relative)
 * @param {{ media?: HTMLMediaElement, fitTo?: HTMLElement, settings: object, me?: string }} options
 *   fitTo: the layer covers only this element's box (the video, not the controls under it).
 */
export function createRenderer(host, { media = null, fitTo = null, settings, me = '' }) {
  const layer = document.createElement('div');
  layer.className = 'danmaku-layer';
  layer.setAttribute('aria-hidden', 'true'); // the chat panel or the page says the same in order, as text
  host.append(layer);
  const fit = () => {
    if (fitTo) {
      layer.style.height = `${fitTo.offsetHeight}px`;
    }
  };
  fit();
  const danmaku = new Danmaku({ container: layer, media: media || undefined, comments: [], speed: SPEED });
  const gate = createDensityGate();
  const renders = new Map(); // id → the render function given to the library (how its copy is found again)
  let current = { ...settings };

  const span = () => (layer.offsetWidth || 640) / danmaku.speed;
  const clock = () => (media ? media.currentTime : performance.now() / 1000);

  function apply() {
    layer.style.opacity = String(current.opacity / 100);
    layer.style.setProperty('--danmaku-scale', String(current.scale / 100));
    if (current.enabled) {
      layer.hidden = false;
      danmaku.resize(); // sizes read while hidden were 0
      danmaku.show();
    } else {
      danmaku.hide();
      layer.hidden = true;
    }
  }

  function node(item, time, own) {
    const element = document.createElement('span');
    element.className = `danmaku-item danmaku-${item.size || 'normal'}${own ? ' danmaku-own' : ''}`;
    element.dataset.id = item.id;
    element.textContent = item.text;
    element.style.color = item.color || '#ffffff';
    if (!own && !gate.admit(item.id, time, current.density, span())) {
      element.hidden = true; // thinned out: takes no lane
    }
    return element;
  }

  function findIn(list, id) {
    const render = renders.get(id);
    return list.findIndex((c) => c.render === render);
  }

  // A live barrage's list only grows in the library: past a few hundred, what has flown by (and is not on screen
  // now) is let go, so a long broadcast does not keep every message.
  function forgetShown() {
    const state = danmaku._;
    const drop = state.position - 100;
    if (danmaku.comments.length < 400 || drop <= 0) {
      return;
    }
    const running = new Set(state.runningList);
    for (const comment of danmaku.comments.splice(0, drop)) {
      if (!running.has(comment)) {
        renders.delete(comment.render.id);
      }
    }
    state.position -= drop;
  }

  const resizer = new ResizeObserver(() => {
    fit();
    danmaku.resize();
  });
  resizer.observe(fitTo || host);
  apply();

  return {
    layer,
    has: (id) => renders.has(id),
    /** Adds an item at `timeSeconds` on the video (ignored without one: a live barrage shows it now). */
    add(item, timeSeconds, own = (me && item.author?.username === me)) {
      if (!item?.id || renders.has(item.id)) {
        return false;
      }
      const render = () => node(item, media ? timeSeconds : clock(), own);
      render.id = item.id;
      renders.set(item.id, render);
      const comment = { text: item.text, mode: MODES[item.mode] || 'rtl', render };
      if (media) {
        comment.time = timeSeconds;
      }
      danmaku.emit(comment);
      if (!media) {
        forgetShown();
      }
      return true;
    },
    /** Takes a deleted item away, off the screen if it is flying now. */
    remove(id) {
      if (!renders.has(id)) {
        return;
      }
      // The library has no per-comment removal; its state (`_`) is pinned with the package version (2.0.10).
      const state = danmaku._;
      const running = findIn(state.runningList, id);
      if (running >= 0) {
        const [comment] = state.runningList.splice(running, 1);
        comment.node?.remove();
      }
      const index = findIn(danmaku.comments, id);
      if (index >= 0) {
        danmaku.comments.splice(index, 1);
        if (index < state.position) {
          state.position -= 1;
        }
      }
      renders.delete(id);
    },
    /** New settings: shown or not, opacity and size at once; density for what comes next. */
    update(settings) {
      const rethin = settings.density !== current.density || settings.scale !== current.scale;
      current = { ...settings };
      if (rethin) {
        gate.reset();
        const running = new Set(danmaku._.runningList);
        for (const comment of danmaku.comments) {
          if (!running.has(comment)) {
            comment.node = null; // made again (size, thinning) the next time it shows
            comment.width = 0;
            comment.height = 0;
          }
        }
      }
      apply();
    },
    resize: () => danmaku.resize(),
  };
}
