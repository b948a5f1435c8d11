// The console's action controls: a button that asks first (when destructive), calls the admin API and says what
// happened; and a disclosure with a reason field for actions that must say why (bans, takedowns).
import { api } from '../chat/api.js';
import { el } from '../chat/dom.js';
import { announce, confirmed, fail, problemText } from './ui.js';

/**
 * Runs one API call for an action. Resolves to the answer's body, or null when refused, cancelled or failed.
 * @param {{ method: string, path: string, body?: object, confirm?: string, doing: string, done: (body: object) => string }} action
 */
export async function perform(action, button) {
  if (action.confirm && !confirmed(action.confirm)) {
    announce('Cancelled. Nothing was changed.');
    return null;
  }
  if (button) {
    button.disabled = true;
  }
  const result = await api(action.method, action.path, action.body);
  if (button) {
    button.disabled = false;
  }
  if (!result.ok) {
    fail(problemText(result, action.doing));
    return null;
  }
  announce(action.done(result.body || {}));
  return result.body || {};
}

/** A button named `label` that performs `action()` (built when clicked, so it sees current values). */
export function actionButton(label, action, onDone, className) {
  const button = el('button', { type: 'button', className });
  button.textContent = label;
  button.addEventListener('click', async () => {
    const body = await perform(action(), button);
    if (body) {
      onDone(body);
    }
  });
  return button;
}

/**
 * A disclosure "summary…" holding a required reason field and a submit button named `label`.
 * @param {(reason: string) => object} action the action for the typed reason
 */
export function reasonForm(summary, fieldLabel, label, action, onDone) {
  const id = `reason-${Math.random().toString(36).slice(2, 10)}`;
  const input = el('input', { id, name: 'reason', required: true, maxlength: 500, autocomplete: 'off' });
  const submit = el('button', { type: 'submit', className: 'danger' }, label);
  const form = el('form', { className: 'reason-form', novalidate: true },
    el('label', { for: id }, fieldLabel), input, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = input.value.trim();
    if (!reason) {
      fail(`Write a reason first: it is kept in the audit log${label.startsWith('Take down') ? ' and shown to the owner' : ''}.`);
      input.focus();
      return;
    }
    const body = await perform(action(reason), submit);
    if (body) {
      onDone(body);
    }
  });
  return el('details', { className: 'reason-details' }, el('summary', {}, summary), form);
}
