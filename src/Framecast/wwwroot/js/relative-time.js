// Rewrites <time class="relative" datetime="ISO"> as "3 minutes ago", "yesterday", "2 months ago".
// The server-rendered text stays as the fallback without JavaScript; the exact date goes into the title.
(() => {
  'use strict';

  const SECOND = 1000;
  const MINUTE = 60 * SECOND;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;

  const locale = document.documentElement.lang || 'en';
  let relative;
  let absolute;
  try {
    relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  } catch {
    relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    absolute = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
  }

  function describe(date, now) {
    const diff = date.getTime() - now; // negative in the past
    const ago = Math.abs(diff);
    // A server clock slightly ahead of this one must not say "in 2 minutes".
    if (ago < 45 * SECOND || (diff > 0 && diff < 5 * MINUTE)) {
      return 'just now';
    }
    const sign = diff < 0 ? -1 : 1;
    if (ago < 45 * MINUTE) {
      return relative.format(sign * Math.max(1, Math.round(ago / MINUTE)), 'minute');
    }
    if (ago < 22 * HOUR) {
      return relative.format(sign * Math.max(1, Math.round(ago / HOUR)), 'hour');
    }
    const days = Math.max(1, Math.round(ago / DAY));
    if (days < 7) {
      return relative.format(sign * days, 'day');
    }
    if (days < 30) {
      return relative.format(sign * Math.max(1, Math.round(days / 7)), 'week');
    }
    const months = Math.round(days / 30.44);
    if (months < 12) {
      return relative.format(sign * Math.max(1, months), 'month');
    }
    return relative.format(sign * Math.max(1, Math.round(days / 365.25)), 'year');
  }

  function update(root) {
    const now = Date.now();
    for (const el of (root || document).querySelectorAll('time.relative[datetime]')) {
      const date = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(date.getTime())) {
        continue;
      }
      el.textContent = describe(date, now);
      if (!el.title) {
        el.title = absolute.format(date);
      }
    }
  }

  function start() {
    update(document);
    setInterval(() => update(document), MINUTE);
  }

  // Other scripts that insert <time class="relative"> can format them at once.
  window.framecastRelativeTime = { update, describe };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
