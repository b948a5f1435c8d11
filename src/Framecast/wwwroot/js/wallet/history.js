// The wallet's history table: ledger entries newest first (date, what, which account, amount), "Load more" by
// cursor. The ledger's memo says what happened ("Voucher redeemed", "Rose ×3 to @bob"), shown as text; the kind
// when there is none.
import { el } from '../chat/dom.js';
import { signedCoins } from '../gifts/coins.js';

const KINDS = {
  voucher: 'Voucher redeemed',
  grant: 'Coins granted',
  gift: 'Gift',
  gift_sent: 'Gift sent',
  gift_received: 'Gift received',
};

function kindText(kind) {
  if (KINDS[kind]) {
    return KINDS[kind];
  }
  const words = String(kind || 'entry').replace(/[_.]/g, ' ');
  return words[0].toUpperCase() + words.slice(1);
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** @param {HTMLTableSectionElement} body the table's tbody */
export function createHistory(body) {
  const seen = new Set();
  const transactions = new Set();
  function row(entry) {
    transactions.add(entry.transactionId);
    const amount = Number(entry.amountCoins) || 0;
    return el('tr', { dataset: { id: entry.id, kind: entry.kind } },
      el('td', { 'data-label': 'Date' }, el('time', { datetime: entry.createdAt }, when(entry.createdAt))),
      el('td', { 'data-label': 'What' }, entry.memo || kindText(entry.kind)),
      el('td', { 'data-label': 'Account' }, entry.account === 'earnings' ? 'Earnings' : 'Balance'),
      el('td', { 'data-label': 'Amount', className: amount < 0 ? 'amount amount-out' : 'amount amount-in' }, signedCoins(amount)));
  }
  return {
    /** Adds entries (in the order given: newest first) after those shown; duplicates are skipped. */
    append(entries) {
      body.append(...entries.filter((e) => e?.id && !seen.has(e.id)).map((e) => { seen.add(e.id); return row(e); }));
    },
    /** Whether a ledger transaction is among the entries shown. */
    hasTransaction: (id) => transactions.has(id),
    /** Starts again from the newest (after a redeem). */
    clear() {
      seen.clear();
      transactions.clear();
      body.replaceChildren();
    },
    get size() {
      return seen.size;
    },
  };
}
