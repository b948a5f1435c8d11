// /admin/gifts, vouchers: make a batch (the codes are shown once, here, and never again) and list the batches.
import { el } from '../chat/dom.js';
import { coins } from '../gifts/coins.js';
import { perform } from './actions.js';
import { pagedList } from './list.js';
import { count, when } from './ui.js';

const form = document.getElementById('voucher-create');
const output = document.getElementById('voucher-codes');
const codes = document.getElementById('voucher-codes-text');
const expiry = document.getElementById('voucher-expires');

// Vouchers must expire (within five years, the API says); three months unless the admin picks another day.
expiry.min = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
expiry.value = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

function render(batch) {
  return el('li', { className: 'admin-item', dataset: { id: batch.id } },
    el('div', { className: 'admin-item-head' },
      el('span', { className: 'admin-item-title' }, `${count(batch.count, 'voucher', 'vouchers')} of ${coins(batch.valueCoins)}`)),
    el('p', { className: 'admin-meta' }, `${batch.redeemed} redeemed · made ${when(batch.createdAt)} · expires ${when(batch.expiresAt) || 'never'}`));
}

const batches = pagedList({
  list: document.getElementById('voucher-list'),
  empty: document.getElementById('voucher-empty'),
  more: document.getElementById('voucher-more'),
  what: 'voucher batches',
  path: () => '/api/v1/admin/vouchers',
  render,
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const valueCoins = Number(document.getElementById('voucher-value').value);
  const number = Number(document.getElementById('voucher-count').value);
  const expires = expiry.value;
  const body = await perform({
    method: 'POST', path: '/api/v1/admin/vouchers', doing: 'make the vouchers',
    body: { valueCoins, count: number, expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null },
    done: (made) => `${count(made.codes?.length, 'voucher code', 'voucher codes')} made. Copy them now: they are not shown again.`,
  }, form.querySelector('button'));
  if (body) {
    codes.value = (body.codes || []).join('\n');
    output.hidden = false;
    codes.focus();
    batches.reload();
  }
});
batches.reload();
