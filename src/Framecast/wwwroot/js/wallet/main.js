// /wallet: the balance and earnings, the history (newest first, "Load more"), and the voucher form. The markup
// contract is in Features/Web/PAGES.md.
import { api } from '../chat/api.js';
import { say } from '../chat/dom.js';
import { coins } from '../gifts/coins.js';
import { createHistory } from './history.js';
import { bindRedeem } from './redeem.js';

const balance = document.getElementById('wallet-balance');
const earned = document.getElementById('wallet-earned');
const table = document.getElementById('wallet-history');
const empty = document.getElementById('wallet-empty');
const more = document.getElementById('wallet-more');
const problem = document.getElementById('wallet-problem');
const history = createHistory(table.querySelector('tbody'));
let cursor = null;

async function load(reset) {
  more.disabled = true;
  const query = !reset && cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const result = await api('GET', `/api/v1/me/wallet${query}`);
  more.disabled = false;
  if (!result.ok || !result.body) {
    say(problem, 'Your wallet could not be loaded. Reload the page to try again.');
    return;
  }
  say(problem, '');
  balance.textContent = coins(result.body.balanceCoins);
  earned.textContent = coins(result.body.earnedCoins);
  if (reset) {
    history.clear();
  }
  history.append(Array.isArray(result.body.entries) ? result.body.entries : []);
  cursor = result.body.nextCursor || null;
  more.hidden = !cursor;
  table.hidden = history.size === 0;
  empty.hidden = history.size > 0;
}

bindRedeem({
  form: document.getElementById('redeem-form'),
  input: document.getElementById('voucher-code'),
  status: document.getElementById('redeem-status'),
  known: (transactionId) => history.hasTransaction(transactionId),
  onRedeemed: (body) => {
    balance.textContent = coins(body.balanceCoins);
    load(true);
  },
});
more.addEventListener('click', () => load(false));
load(true);
