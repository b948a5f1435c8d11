// The channel page's live chat, beside the player: the recent messages (REST) then live ones from the hub, each also
// flown across the player as barrage; the form to send (signed-in viewers), moderators' inline controls, notices of
// bans and of the broadcast's end; gifts as lines of their own. The hub's `viewers` and `ended` go on to js/live/viewers.js as document events.
import { api, problemOf, segment } from './api.js';
import { createComposer } from './composer.js';
import { say } from './dom.js';
import { connectRoom } from './hub.js';
import { createMessageList } from './message-list.js';
import { moderationControls } from './moderation.js';
import { loadPalette } from './palette.js';
import { describeSendError, formatUntil } from './send-errors.js';
import { announceGift, onGift } from '../gifts/events.js';
import { giftLine, giftTime } from './gift-line.js';

const CONNECTION_TEXT = {
  connecting: 'Connecting to the chat…',
  reconnecting: 'Reconnecting to the chat…',
  disconnected: 'The chat is disconnected; trying again shortly.',
  unavailable: 'The chat cannot connect in this browser.',
  'not-found': 'This broadcast has no chat any more.',
  connected: '',
};

function tell(name, detail) {
  document.dispatchEvent(new CustomEvent(`framecast:live-${name}`, { detail }));
}

/**
 * @param {HTMLElement} panel aside#chat with data-session-id, data-channel, data-username (empty when signed out)
 * @param {{ add(item: object): void, remove(id: string): void } | null} barrage
 */
export async function startLiveChat(panel, barrage) {
  const sessionId = panel.dataset.sessionId;
  const channel = panel.dataset.channel;
  const me = panel.dataset.username || '';
  const connection = document.getElementById('chat-connection');
  const notice = document.getElementById('chat-notice');
  const error = document.getElementById('chat-error');
  let moderator = false;
  let closed = false;
  let canSend = true;
  let composer = null;

  const report = (text, isError) => (isError ? say(error, text) : say(notice, text));
  const list = createMessageList(document.getElementById('chat-scroll'), document.getElementById('chat-messages'),
    document.getElementById('chat-jump'), moderationControls({ channel, me, moderator: () => moderator, report }));

  // Gifts (the hub's and the viewer's own) are lines of their own in the log; js/gifts/ flies them over the player.
  onGift({ sessionId }, (gift) => list.addLine(`gift-${gift.id}`, giftTime(gift), giftLine(gift)));

  function receive(item, live) {
    if (item?.sessionId && item.sessionId !== sessionId) {
      return;
    }
    if (list.add(item, me && item.author?.username === me) && live) {
      barrage?.add(item);
    }
  }

  async function history() {
    const [messages, gifts] = await Promise.all([
      api('GET', `/api/v1/live/${segment(sessionId)}/messages?limit=50`),
      api('GET', `/api/v1/live/${segment(sessionId)}/gifts?limit=20`),
    ]);
    if (messages.ok && Array.isArray(messages.body?.items)) {
      messages.body.items.forEach((item) => receive(item, false));
    }
    if (gifts.ok && Array.isArray(gifts.body?.items)) {
      // Earlier gifts are lines in the log only; they do not fly again.
      gifts.body.items.forEach((gift) => list.addLine(`gift-${gift.id}`, giftTime(gift), giftLine(gift)));
    }
  }

  function close(text) {
    closed = true;
    composer?.setEnabled(false);
    say(notice, text);
  }

  const room = connectRoom({
    join: 'JoinLive',
    room: sessionId,
    events: {
      message: (item) => receive(item, true),
      gift: (gift) => announceGift(gift),
      deleted: (event) => {
        if (event?.kind === 'message') {
          list.remove(event.id);
          barrage?.remove(event.id);
        }
      },
      banned: (event) => {
        const who = event?.user?.username || 'Someone';
        const until = formatUntil(event?.until);
        const why = event?.reason ? ` Reason: ${event.reason}` : '';
        if (me && who === me) {
          composer?.setEnabled(false);
          say(error, `You are banned from this chat ${until ? `until ${until}` : 'permanently'}.${why}`);
        } else {
          say(notice, `${who} was banned from the chat ${until ? `until ${until}` : 'permanently'}.${why}`);
        }
      },
      viewers: (event) => tell('viewers', { viewers: event?.viewers }),
      ended: () => {
        close('The broadcast has ended. The chat is closed.');
        tell('ended');
        room?.stop();
      },
    },
    onState: (state) => {
      moderator = state.moderator === true;
      canSend = state.canSend !== false;
      if (Number.isFinite(state.viewers)) {
        tell('viewers', { viewers: state.viewers });
      }
      if (composer && !closed) {
        composer.setEnabled(canSend);
        if (!canSend && state.reason) {
          say(error, state.reason);
        }
      }
      history(); // the first time, and after a reconnect: what was said meanwhile
    },
    onStatus: (status) => {
      say(connection, closed ? '' : CONNECTION_TEXT[status] ?? '');
      tell('hub', { connected: status === 'connected' });
      if (status === 'unavailable' || status === 'not-found') {
        history();
      }
    },
  });

  const host = document.getElementById('chat-compose');
  if (!host || !me) {
    return;
  }
  const palette = await loadPalette();
  composer = createComposer({
    prefix: 'chat',
    label: 'Message',
    palette,
    async send(text, style) {
      const body = { text, ...style };
      let outcome = null;
      if (room?.joined) {
        try {
          outcome = await room.invoke('SendMessage', sessionId, body);
        } catch {
          outcome = null; // the connection dropped mid-call: REST below
        }
      }
      if (!outcome) {
        const result = await api('POST', `/api/v1/live/${segment(sessionId)}/messages`, body);
        outcome = result.ok ? { item: result.body, error: null } : { item: null, error: problemOf(result) };
      }
      if (outcome.error || !outcome.item) {
        say(error, describeSendError(outcome.error));
        if (outcome.error?.code === 'chat.closed') {
          close('The broadcast has ended. The chat is closed.');
        }
        return false;
      }
      say(error, '');
      receive(outcome.item, true);
      list.scrollToNewest();
      return true;
    },
  });
  composer.setEnabled(!closed && canSend);
  host.append(composer.element);
}
