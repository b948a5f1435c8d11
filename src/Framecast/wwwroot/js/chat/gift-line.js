// A gift in the chat log: "alice sent Rose ×3" with the gift's picture, set apart from the messages (li.chat-gift).
// The sender's name and the gift's name go in as text, never as HTML.
import { giftText } from '../gifts/events.js';
import { coins } from '../gifts/coins.js';
import { el } from './dom.js';

export function giftLine(gift) {
  const sentAt = new Date(Date.parse(gift.createdAt) || Date.now());
  return el('li', { className: 'chat-message chat-gift', dataset: { id: `gift-${gift.id}`, author: gift.sender?.username || '' } },
    el('time', { className: 'visually-hidden', datetime: sentAt.toISOString() },
      sentAt.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })),
    gift.gift?.imageUrl ? el('img', { className: 'chat-gift-image', src: gift.gift.imageUrl, alt: '', width: 24, height: 24 }) : null,
    el('span', { className: 'chat-gift-text' }, giftText(gift)),
    Number.isFinite(gift.totalCoins) ? el('span', { className: 'chat-gift-coins' }, ` (${coins(gift.totalCoins)})`) : null);
}

/** The line's time in ms, for its place among the messages. */
export function giftTime(gift) {
  return Date.parse(gift.createdAt) || Date.now();
}
