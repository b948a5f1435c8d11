// The chat rules form (GET/PUT …/chat-settings): slow mode, minimum account age, followers-only, blocked words.
import { api } from './api.js';
import { say } from './dom.js';

const FIELDS = {
  slowModeSeconds: 'slow-mode',
  minAccountAgeMinutes: 'min-age',
  blockedWords: 'blocked-words',
};

function showErrors(form, errors) {
  for (const [name, id] of Object.entries(FIELDS)) {
    const messages = errors?.[name] || errors?.[name[0].toUpperCase() + name.slice(1)];
    const input = document.getElementById(id);
    say(document.getElementById(`${id}-error`), messages ? messages.join(' ') : '');
    if (messages) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  form.querySelector('[aria-invalid=true]')?.focus();
}

function fill(settings) {
  document.getElementById('slow-mode').value = String(settings.slowModeSeconds ?? 0);
  document.getElementById('min-age').value = String(settings.minAccountAgeMinutes ?? 0);
  document.getElementById('followers-only').checked = settings.followersOnly === true;
  document.getElementById('blocked-words').value = (settings.blockedWords || []).join('\n');
}

export async function startRules(base, changed) {
  const form = document.getElementById('rules-form');
  const status = document.getElementById('rules-status');
  const loaded = await api('GET', `${base}/chat-settings`);
  if (loaded.ok) {
    fill(loaded.body);
  } else {
    say(status, 'Could not load the chat rules. Reload the page to try again.');
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = (id) => {
      const text = document.getElementById(id).value.trim();
      return text === '' ? 0 : Number(text);
    };
    const body = {
      slowModeSeconds: number('slow-mode'),
      minAccountAgeMinutes: number('min-age'),
      followersOnly: document.getElementById('followers-only').checked,
      blockedWords: document.getElementById('blocked-words').value.split('\n').map((w) => w.trim()).filter(Boolean),
    };
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const result = await api('PUT', `${base}/chat-settings`, body);
    button.disabled = false;
    if (result.ok) {
      fill(result.body);
      showErrors(form, null);
      say(status, 'Chat rules saved.');
      changed();
    } else if (result.body?.errors) {
      showErrors(form, result.body.errors);
      say(status, 'The chat rules were not saved: check the fields marked.');
    } else {
      say(status, `The chat rules were not saved. ${result.body?.detail || result.body?.title || ''}`.trim());
    }
  });
}
