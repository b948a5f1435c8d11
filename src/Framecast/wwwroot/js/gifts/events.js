// Gifts reach a page two ways: the hub's `gift` event in the room (everyone's, js/chat/live-chat.js and
// js/danmaku/main.js pass it on) and the answer to the viewer's own send (js/gifts/picker.js). Both go through one
// document event, so the chat line, the barrage and the leaderboard each see every gift, the same gift once.

const EVENT = 'framecast:gift';

/** @param {{ id: string, sessionId?: string|null, videoId?: string|null, sender: {username: string},
 *            gift: {id: string, name: string, imageUrl?: string}, count: number, totalCoins: number, createdAt: string }} gift */
export function announceGift(gift) {
  if (gift?.id && gift.gift) {
    document.dispatchEvent(new CustomEvent(EVENT, { detail: gift }));
  }
}

/** Calls `handler` once per gift id for the gifts of this room ({ sessionId } or { videoId }). */
export function onGift(room, handler) {
  const seen = new Set();
  document.addEventListener(EVENT, (event) => {
    const gift = event.detail;
    if (room.sessionId && gift.sessionId && gift.sessionId !== room.sessionId) {
      return;
    }
    if (room.videoId && gift.videoId && gift.videoId !== room.videoId) {
      return;
    }
    if (seen.has(gift.id)) {
      return;
    }
    seen.add(gift.id);
    handler(gift);
  });
}

/** "alice sent Rose ×3": the words of a gift line, in the chat and over the player. */
export function giftText(gift) {
  const who = gift.sender?.username || 'Someone';
  const count = Number(gift.count) > 1 ? ` ×${gift.count}` : '';
  return `${who} sent ${gift.gift?.name || 'a gift'}${count}`;
}
