// /admin/gifts, wallet grants: put coins into one account's balance, with the reason kept in its ledger.
import { segment } from '../chat/api.js';
import { coins } from '../gifts/coins.js';
import { perform } from './actions.js';

const form = document.getElementById('grant-form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('grant-username').value.trim();
  const amount = Number(document.getElementById('grant-coins').value);
  const reason = document.getElementById('grant-reason').value.trim();
  const body = await perform({
    method: 'POST', path: `/api/v1/admin/wallets/${segment(username || '-')}/grants`, body: { coins: amount, reason },
    doing: `grant coins to ${username || 'that account'}`,
    confirm: `Grant ${coins(amount)} to ${username}?`,
    done: () => `Granted ${coins(amount)} to ${username}.`,
  }, form.querySelector('button'));
  if (body) {
    form.reset();
  }
});
