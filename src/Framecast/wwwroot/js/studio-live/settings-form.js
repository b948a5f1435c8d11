// "Broadcast details": saved with PATCH /api/v1/me/live in place, the server's validation messages next to their
// fields. Without JavaScript the form posts to the page.
import { report } from './announce.js';
import { failureText, saveSettings } from './api.js';

const FIELDS = ['title', 'description', 'tags'];

export function wireSettingsForm(form, status) {
  const input = (name) => form.elements.namedItem(name);
  const errorOf = (name) => document.getElementById(`${name}-error`);

  function showErrors(errors) {
    for (const name of FIELDS) {
      const messages = errors?.[name] ?? errors?.[name[0].toUpperCase() + name.slice(1)];
      const text = Array.isArray(messages) ? messages.join(' ') : '';
      const error = errorOf(name);
      error.textContent = text;
      error.hidden = !text;
      if (text) {
        input(name).setAttribute('aria-invalid', 'true');
      } else {
        input(name).removeAttribute('aria-invalid');
      }
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    report(status, 'Saving…');
    try {
      const result = await saveSettings({
        title: input('title').value,
        description: input('description').value,
        tags: input('tags').value.split(',').map((t) => t.trim()).filter((t) => t),
        record: input('record').checked,
      });
      if (result.ok && result.body) {
        showErrors(null);
        input('title').value = result.body.title;
        input('tags').value = (result.body.tags || []).join(', ');
        report(status, 'Live settings saved.');
      } else if (result.status === 400 && result.body?.errors) {
        showErrors(result.body.errors);
        report(status, 'The settings were not saved: see the messages next to the fields.');
        form.querySelector('[aria-invalid=true]')?.focus();
      } else {
        report(status, failureText(result, 'save the settings'));
      }
    } finally {
      button.disabled = false;
    }
  });
}
