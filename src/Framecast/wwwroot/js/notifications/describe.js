// A notification in words, with where it leads: live → the channel, video and reply → the watch page, gift → /wallet,
// moderation (a takedown or restore of my video) → the studio, report (how my report was resolved) → nowhere new.
import { coins } from '../gifts/coins.js';

const quoted = (title) => `“${title || 'a video'}”`;

/** @returns {{ text: string, href: string, extra?: string }} */
export function describeNotification(item) {
  const who = item.actor?.username || 'Someone';
  const channel = `/u/${encodeURIComponent(who)}`;
  const watch = item.video?.id ? `/v/${encodeURIComponent(item.video.id)}` : channel;
  switch (item.type) {
    case 'live':
      return { text: `${who} is live`, href: channel };
    case 'video':
      return { text: `${who} uploaded ${quoted(item.video?.title)}`, href: watch };
    case 'reply':
      return {
        text: `${who} replied on ${quoted(item.video?.title)}`,
        href: item.comment?.id ? `${watch}#comments` : watch,
        extra: item.comment?.excerpt || '',
      };
    case 'gift': {
      const gift = item.gift || {};
      const count = Number(gift.count) > 1 ? ` ×${gift.count}` : '';
      const value = Number.isFinite(gift.coins) ? ` (${coins(gift.coins)})` : '';
      return { text: `${who} sent you ${gift.name || 'a gift'}${count}${value}`, href: '/wallet' };
    }
    case 'moderation':
      return { text: item.message || 'An admin changed one of your videos', href: '/studio', extra: item.video?.title || '' };
    case 'report':
      return { text: item.message || 'Your report was resolved', href: '/notifications' };
    default:
      return { text: `${who} did something new`, href: channel };
  }
}
