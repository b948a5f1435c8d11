// Gifts over the player: a card with the gift's picture and "alice sent Rose ×3" slides in from the left, holds and
// fades (css/gifts.css; without motion for prefers-reduced-motion), set apart from the text danmaku. At most a few at
// once; more wait their turn. It follows the barrage/danmaku switch: hidden while the danmaku layer is hidden.
import { el } from '../chat/dom.js';
import { loadSettings } from '../danmaku/settings.js';
import { coins } from './coins.js';
import { giftText } from './events.js';

const AT_ONCE = 3;
const WAITING = 20;

/** @param {HTMLElement} host the player box (#live-root or #player-root) */
export function createGiftBarrage(host) {
  const layer = el('div', { className: 'gift-layer', 'aria-hidden': 'true' });
  host.append(layer);
  const waiting = [];
  // Over the picture only: the watch page's control bar is under the video, inside the same box.
  const video = host.querySelector('video');
  if (video) {
    const fit = () => { layer.style.height = `${video.offsetHeight}px`; };
    new ResizeObserver(fit).observe(video);
    fit();
  }
  const atOnce = () => (host.offsetWidth < 480 ? 2 : AT_ONCE);

  // The danmaku renderer hides its layer when the viewer turns the barrage off (checkbox or the "d" key).
  const danmakuLayer = () => host.querySelector('.danmaku-layer');
  const enabled = () => {
    const danmaku = danmakuLayer();
    return danmaku ? !danmaku.hidden : loadSettings().enabled;
  };
  const follow = () => {
    layer.hidden = !enabled();
    if (layer.hidden) {
      layer.replaceChildren();
      waiting.length = 0;
    }
  };
  const watchSwitch = () => {
    const danmaku = danmakuLayer();
    if (danmaku) {
      new MutationObserver(follow).observe(danmaku, { attributes: true, attributeFilter: ['hidden'] });
      follow();
    }
  };
  watchSwitch();
  if (!danmakuLayer()) {
    // The renderer may add its layer after this module ran.
    const late = new MutationObserver(() => {
      if (danmakuLayer()) {
        late.disconnect();
        watchSwitch();
      }
    });
    late.observe(host, { childList: true });
  }

  function show(gift) {
    const card = el('div', { className: 'gift-item', dataset: { id: gift.id } },
      gift.gift?.imageUrl ? el('img', { className: 'gift-item-image', src: gift.gift.imageUrl, alt: '' }) : null,
      el('span', { className: 'gift-item-text' },
        el('span', { className: 'gift-item-words' }, giftText(gift)),
        Number.isFinite(gift.totalCoins) ? el('span', { className: 'gift-item-coins' }, coins(gift.totalCoins)) : null));
    const done = () => {
      card.remove();
      const next = waiting.shift();
      if (next) {
        show(next);
      }
    };
    card.addEventListener('animationend', (event) => {
      if (event.target === card) {
        done();
      }
    });
    layer.append(card);
  }

  return {
    layer,
    add(gift) {
      if (!enabled()) {
        return;
      }
      if (layer.childElementCount < atOnce()) {
        show(gift);
      } else if (waiting.length < WAITING) {
        waiting.push(gift);
      }
    },
  };
}
