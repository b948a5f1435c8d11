// "Send a gift": a button opening a modal <dialog> (role dialog, named by its heading, Escape closes it) with the
// catalogue as a radio group (picture, name, price), a "Count" field (1–99), the total, the viewer's balance and
// "Send". The answer is announced like a gift from the room (js/gifts/events.js); "Not enough coins" links to /wallet.
import { api } from '../chat/api.js';
import { el, say } from '../chat/dom.js';
import { coins } from './coins.js';
import { announceGift } from './events.js';
import { describeGiftError } from './problems.js';
import { createGiftSender } from './sender.js';

const MAX_COUNT = 99;

/** @param {HTMLElement} host #gift-picker[data-session-id | data-video-id] */
export function createGiftPicker(host) {
  const room = host.dataset.sessionId ? { sessionId: host.dataset.sessionId } : { videoId: host.dataset.videoId };
  const send = createGiftSender(room);
  const opener = el('button', { type: 'button', id: 'gift-open', className: 'gift-open', 'aria-haspopup': 'dialog' }, 'Send a gift');
  const choices = el('div', { className: 'gift-choices' });
  const count = el('input', { id: 'gift-count', type: 'number', min: 1, max: MAX_COUNT, step: 1, value: 1, inputmode: 'numeric', required: true });
  const total = el('p', { id: 'gift-total', className: 'gift-total' });
  const balance = el('p', { id: 'gift-balance', className: 'gift-balance' }, 'Your balance: …');
  const status = el('p', { id: 'gift-status', className: 'notice', role: 'status', hidden: true });
  const error = el('div', { id: 'gift-error', className: 'gift-error', role: 'alert', hidden: true });
  const submit = el('button', { type: 'submit', className: 'primary' }, 'Send');
  const close = el('button', { type: 'button', className: 'gift-close' }, 'Close');
  const form = el('form', { className: 'gift-form', method: 'dialog', novalidate: true },
    el('fieldset', { className: 'gift-catalogue' }, el('legend', {}, 'Gift'), choices),
    el('div', { className: 'field gift-count-field' }, el('label', { for: count.id }, 'Count'), count),
    total, balance, error, status,
    el('div', { className: 'gift-actions' }, submit, close));
  const dialog = el('dialog', { id: 'gift-dialog', className: 'gift-dialog', 'aria-labelledby': 'gift-dialog-title' },
    el('h2', { id: 'gift-dialog-title' }, 'Send a gift'), form);
  host.append(opener);
  document.body.append(dialog);

  let catalogue = [];
  let balanceCoins = null;

  const selected = () => catalogue.find((g) => g.id === form.querySelector('input[name=gift]:checked')?.value) || null;
  const countValue = () => Number.parseInt(count.value, 10);

  function showTotal() {
    const gift = selected();
    const n = countValue();
    total.textContent = gift && n >= 1 && n <= MAX_COUNT ? `Total: ${coins(gift.priceCoins * n)}` : '';
  }

  function showBalance() {
    balance.replaceChildren('Your balance: ', balanceCoins === null ? '…' : coins(balanceCoins), ' · ',
      el('a', { href: '/wallet' }, 'Wallet'));
  }

  function showError(text, withWalletLink) {
    error.replaceChildren(el('span', {}, text), withWalletLink ? ' ' : null,
      withWalletLink ? el('a', { href: '/wallet' }, 'Get coins in your wallet') : null);
    error.hidden = !text;
  }

  async function loadCatalogue() {
    const result = await api('GET', '/api/v1/gifts');
    if (!result.ok || !Array.isArray(result.body?.items)) {
      choices.replaceChildren(el('p', { className: 'hint' }, 'The gifts could not be loaded. Close and try again.'));
      return;
    }
    const previous = selected()?.id;
    catalogue = result.body.items.filter((g) => g.active !== false);
    choices.replaceChildren(...catalogue.map((gift, index) => {
      const id = `gift-choice-${index}`;
      return el('label', { className: 'gift-choice', for: id },
        el('input', { type: 'radio', name: 'gift', id, value: gift.id, checked: previous ? previous === gift.id : index === 0 }),
        gift.imageUrl ? el('img', { src: gift.imageUrl, alt: '', width: 48, height: 48 }) : null,
        el('span', { className: 'gift-choice-name' }, gift.name),
        el('span', { className: 'gift-choice-price' }, coins(gift.priceCoins)));
    }));
    showTotal();
  }

  async function loadBalance() {
    const result = await api('GET', '/api/v1/me/wallet?limit=1');
    if (result.ok && Number.isFinite(result.body?.balanceCoins)) {
      balanceCoins = result.body.balanceCoins;
    }
    showBalance();
  }

  opener.addEventListener('click', () => {
    say(status, '');
    showError('');
    dialog.showModal();
    loadCatalogue();
    loadBalance();
  });
  close.addEventListener('click', () => dialog.close());
  // The broadcast ended (js/chat/live-chat.js): no more gifts to it.
  document.addEventListener('framecast:live-ended', () => {
    if (room.sessionId) {
      dialog.close();
      opener.disabled = true;
      opener.title = 'The broadcast has ended.';
    }
  });
  dialog.addEventListener('close', () => opener.focus());
  form.addEventListener('change', showTotal);
  count.addEventListener('input', showTotal);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const gift = selected();
    const n = countValue();
    if (!gift) {
      showError('Pick a gift.');
      return;
    }
    if (!(n >= 1 && n <= MAX_COUNT) || String(n) !== count.value.trim()) {
      count.setAttribute('aria-invalid', 'true');
      showError(`The count is a whole number from 1 to ${MAX_COUNT}.`);
      count.focus();
      return;
    }
    count.removeAttribute('aria-invalid');
    submit.disabled = true;
    say(status, 'Sending…');
    showError('');
    const outcome = await send(gift.id, n);
    submit.disabled = false;
    if (outcome.ok) {
      const sent = outcome.sent;
      balanceCoins = Number.isFinite(sent.balanceCoins) ? sent.balanceCoins : balanceCoins;
      showBalance();
      say(status, `Sent ${gift.name} ×${n}.`);
      announceGift({ ...sent, ...room, sessionId: room.sessionId || null, videoId: room.videoId || null });
      return;
    }
    say(status, '');
    const insufficient = outcome.error.code === 'wallet.insufficient_funds';
    if (insufficient && Number.isFinite(outcome.error.balanceCoins)) {
      balanceCoins = outcome.error.balanceCoins;
      showBalance();
    }
    showError(describeGiftError(outcome.error), insufficient);
    if (outcome.error.code === 'gift.not_found') {
      loadCatalogue();
    }
  });

  return { opener, dialog };
}
