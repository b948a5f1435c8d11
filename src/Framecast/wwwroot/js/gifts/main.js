// Gifts on the channel page while live and on the watch page: the picker (signed-in viewers who do not own the
// channel), gifts flying over the player, and on the live page the "Top gifters" board. The chat line is
// js/chat/gift-line.js; the markup contract is in Features/Web/PAGES.md.
import { createGiftBarrage } from './barrage.js';
import { onGift } from './events.js';
import { createLeaderboard } from './leaderboard.js';
import { createGiftPicker } from './picker.js';

const picker = document.getElementById('gift-picker');
const player = document.getElementById('live-root') || document.getElementById('player-root');
const board = document.getElementById('gift-leaderboard');
const sessionId = document.getElementById('chat')?.dataset.sessionId || board?.dataset.sessionId || '';
const videoId = sessionId ? '' : player?.dataset.videoId || '';
const room = sessionId ? { sessionId } : { videoId };

if (picker) {
  createGiftPicker(picker);
}
if (player && (sessionId || videoId)) {
  const barrage = createGiftBarrage(player);
  onGift(room, (gift) => barrage.add(gift));
}
if (board) {
  const leaderboard = createLeaderboard(board);
  onGift(room, () => leaderboard.refresh());
}
