// Moderators' inline controls on a chat message: "Delete" (DELETE /api/v1/messages/{id}: it disappears for everyone
// through the hub's `deleted` event) and "Ban" with a length and a reason (POST /api/v1/channels/{c}/bans). Authors
// may delete their own messages too; other signed-in viewers get "Report".
import { api, segment } from './api.js';
import { el } from './dom.js';

export const BAN_LENGTHS = [
  { seconds: 600, label: '10 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '24 hours' },
  { seconds: 604800, label: '7 days' },
  { seconds: 0, label: 'Permanently' },
];

let banForms = 0;

function banForm(item, channel, report, close) {
  const n = ++banForms;
  const name = item.author.username;
  const length = el('select', { id: `ban-length-${n}` },
    BAN_LENGTHS.map((option) => el('option', { value: option.seconds }, option.label)));
  const reason = el('input', { id: `ban-reason-${n}`, type: 'text', maxlength: 200, autocomplete: 'off' });
  const submit = el('button', { type: 'submit', className: 'danger' }, `Ban ${name}`);
  const form = el('form', { className: 'chat-ban-form' },
    el('div', { className: 'field' }, el('label', { for: length.id }, 'Ban for'), length),
    el('div', { className: 'field' }, el('label', { for: reason.id }, 'Reason'), reason),
    el('div', { className: 'chat-ban-actions' }, submit,
      el('button', { type: 'button', onclick: close }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const seconds = Number(length.value);
    const body = { username: name, reason: reason.value.trim() || 'Banned from the live chat' };
    if (seconds > 0) {
      body.durationSeconds = seconds;
    }
    const result = await api('POST', `/api/v1/channels/${segment(channel)}/bans`, body);
    submit.disabled = false;
    if (result.ok) {
      report(`${name} is banned ${seconds > 0 ? `for ${length.selectedOptions[0].textContent}` : 'permanently'}.`);
      close();
    } else {
      report(`Could not ban ${name}${result.body?.detail ? `: ${result.body.detail}` : '.'}`, true);
    }
  });
  return { form, focus: () => length.focus() };
}

/**
 * @param {{ channel: string, me: string, moderator: () => boolean, report: (text: string, isError?: boolean) => void }} context
 * @returns {(item: object) => HTMLElement|null}
 */
export function moderationControls({ channel, me, moderator, report }) {
  return (item) => {
    const author = item.author?.username || '';
    const mine = me && author === me;
    const mod = moderator();
    if (!mine && !mod) {
      // Other signed-in viewers may report it to the site's admins (in a new tab, so the broadcast keeps playing).
      return me ? el('span', { className: 'chat-mod' }, el('a', {
        className: 'report-link', href: `/report?type=message&id=${encodeURIComponent(item.id)}`, target: '_blank', rel: 'noopener',
        'aria-label': `Report message from ${author}`,
      }, 'Report')) : null;
    }
    const box = el('span', { className: 'chat-mod' });
    const remove = el('button', { type: 'button', className: 'link-button', 'aria-label': `Delete message from ${author}` }, 'Delete');
    remove.addEventListener('click', async () => {
      remove.disabled = true;
      const result = await api('DELETE', `/api/v1/messages/${segment(item.id)}`);
      if (!result.ok && result.status !== 404) {
        remove.disabled = false;
        report(`Could not delete the message${result.body?.detail ? `: ${result.body.detail}` : '.'}`, true);
      }
      // On success the hub's `deleted` event removes it, here and for everyone.
    });
    box.append(remove);
    if (mod && !mine && author !== channel) {
      const ban = el('button', { type: 'button', className: 'link-button', 'aria-expanded': 'false', 'aria-label': `Ban ${author}` }, 'Ban');
      let open = null;
      const close = () => {
        open?.form.remove();
        open = null;
        ban.setAttribute('aria-expanded', 'false');
        ban.focus();
      };
      ban.addEventListener('click', () => {
        if (open) {
          close();
          return;
        }
        open = banForm(item, channel, report, close);
        ban.setAttribute('aria-expanded', 'true');
        box.after(open.form);
        open.focus();
      });
      box.append(ban);
    }
    return box;
  };
}
