// Why a gift was not sent, in words. "Not enough coins" also says the balance and what the gift needs; the picker
// adds the link to /wallet.
import { coins } from './coins.js';

export function describeGiftError(error) {
  switch (error?.code) {
    case 'wallet.insufficient_funds': {
      const balance = Number.isFinite(error.balanceCoins) ? `Your balance is ${coins(error.balanceCoins)}` : '';
      const needed = Number.isFinite(error.requiredCoins) ? `this costs ${coins(error.requiredCoins)}` : '';
      const facts = [balance, needed].filter(Boolean).join('; ');
      return facts ? `Not enough coins. ${facts[0].toUpperCase()}${facts.slice(1)}.` : 'Not enough coins.';
    }
    case 'gift.self':
      return 'You cannot send gifts to your own channel.';
    case 'gift.not_found':
      return 'That gift is not available any more. Pick another.';
    default:
      break;
  }
  if (error?.status === 401) {
    return 'Sign in again to send gifts: your session has ended.';
  }
  if (error?.status === 0 || error?.status >= 500) {
    return 'Not sent: the server cannot be reached. Press Send to try again (the gift will not be sent twice).';
  }
  if (error?.status === 429) {
    return error.retryAfterSeconds ? `Too many gifts at once: wait ${error.retryAfterSeconds} s.` : 'Too many gifts at once: wait a moment.';
  }
  return error?.detail ? `Not sent: ${error.detail}` : 'The gift could not be sent. Try again.';
}
