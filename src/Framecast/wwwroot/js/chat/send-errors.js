// Plain words for a refused message or danmaku (a hub SendResult's `error`, or a REST problem): who may not send,
// until when and why, and how long to wait.

export function formatUntil(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return null;
  }
  return date.toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

function seconds(n) {
  return n === 1 ? '1 second' : `${n} seconds`;
}

function withDetail(text, detail) {
  return detail && !text.includes(detail) ? `${text} ${detail}` : text;
}

/** @param {{ status?: number, code?: string, detail?: string, retryAfterSeconds?: number, until?: string, reason?: string }} error */
export function describeSendError(error) {
  const code = error?.code || '';
  const detail = typeof error?.detail === 'string' ? error.detail.trim() : '';
  const wait = Number.isFinite(error?.retryAfterSeconds) && error.retryAfterSeconds > 0 ? error.retryAfterSeconds : null;
  switch (code) {
    case 'chat.banned': {
      if (error.until === undefined && error.reason === undefined && detail) {
        return `You are banned from this chat. ${detail}`;
      }
      const until = formatUntil(error.until);
      const when = until ? `until ${until}` : 'permanently';
      const why = error.reason ? ` Reason: ${error.reason}` : '';
      return `You are banned from this chat ${when}.${why}`;
    }
    case 'chat.slow_mode':
      return wait ? `Slow mode is on: wait ${seconds(wait)} before sending again.` : withDetail('Slow mode is on.', detail);
    case 'chat.rate_limited':
      return wait ? `You are sending too fast: wait ${seconds(wait)}.` : 'You are sending too fast: wait a moment.';
    case 'chat.blocked_word':
      return withDetail('Not sent: it contains a word this channel does not allow.', detail);
    case 'chat.account_too_new':
      return withDetail('Your account is too new to chat here.', detail);
    case 'chat.followers_only':
      return withDetail('Only followers of this channel can chat here.', detail);
    case 'chat.closed':
      return 'The broadcast has ended; its chat is closed.';
    default:
      break;
  }
  if (error?.status === 401) {
    return 'Sign in to chat: your session has ended.';
  }
  if (error?.status === 0) {
    return 'Not sent: the server cannot be reached. Check your connection and try again.';
  }
  if (error?.status === 429) {
    return wait ? `Too many messages: wait ${seconds(wait)}.` : 'Too many messages: wait a moment.';
  }
  return detail ? `Not sent: ${detail}` : 'Your message could not be sent. Try again.';
}
