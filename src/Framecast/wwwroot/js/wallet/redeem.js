// The voucher form: the code is sent as typed (trimmed); the answer says the coins added and the new balance, or
// in words why not.
import { api } from '../chat/api.js';
import { coins } from '../gifts/coins.js';

function refusal(result) {
  const wait = result.retryAfterSeconds;
  switch (result.body?.code) {
    case 'voucher.not_found':
      return 'There is no voucher with that code. Check it and try again.';
    case 'voucher.redeemed':
      return 'That voucher has already been redeemed.';
    case 'voucher.expired':
      return 'That voucher has expired.';
    case 'voucher.rate_limited':
      return wait ? `Too many tries. Wait ${wait === 1 ? '1 second' : `${wait} seconds`} and try again.` : 'Too many tries. Wait a minute and try again.';
    default:
      break;
  }
  if (result.status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  if (result.status === 401) {
    return 'Your session has ended. Log in again.';
  }
  return result.body?.detail ? `Not redeemed: ${result.body.detail}` : 'The voucher could not be redeemed. Try again.';
}

/**
 * @param {{ form: HTMLFormElement, input: HTMLInputElement, status: HTMLElement, onRedeemed: (body: object) => void,
 *           known: (transactionId: string) => boolean }} options known: the transaction is already in the history
 */
export function bindRedeem({ form, input, status, onRedeemed, known }) {
  const button = form.querySelector('button[type=submit]');
  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
    status.hidden = !text;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = input.value.trim();
    if (!code) {
      input.setAttribute('aria-invalid', 'true');
      say('Type the voucher code first.', true);
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    button.disabled = true;
    say('Redeeming…');
    const result = await api('POST', '/api/v1/me/wallet/redeem', { code });
    button.disabled = false;
    if (result.ok && result.body) {
      input.value = '';
      // The same account redeeming a code again gets the first answer (nothing moves twice): say so.
      say(known(result.body.transactionId)
        ? `You have already redeemed this voucher (${coins(result.body.valueCoins)}). Your balance is ${coins(result.body.balanceCoins)}.`
        : `Voucher redeemed: ${coins(result.body.valueCoins)} added. Your balance is now ${coins(result.body.balanceCoins)}.`);
      onRedeemed(result.body);
      return;
    }
    input.setAttribute('aria-invalid', 'true');
    say(refusal(result), true);
  });
}
