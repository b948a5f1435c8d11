// /admin/settings: the site's name and whether anyone may create an account.
import { api } from '../chat/api.js';
import { perform } from './actions.js';
import { fail, problemText } from './ui.js';

const form = document.getElementById('settings-form');
const name = document.getElementById('site-name');
const open = document.getElementById('registration-open');
const save = form.querySelector('button[type=submit]');

async function load() {
  const result = await api('GET', '/api/v1/admin/settings');
  if (!result.ok) {
    fail(problemText(result, 'load the settings'));
    return;
  }
  name.value = result.body?.siteName ?? '';
  open.checked = Boolean(result.body?.registrationOpen);
  save.disabled = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = await perform({
    method: 'PATCH', path: '/api/v1/admin/settings', body: { siteName: name.value.trim(), registrationOpen: open.checked },
    doing: 'save the settings',
    done: (saved) => `Settings saved. Registration is ${saved.registrationOpen ?? open.checked ? 'open' : 'closed'}.`,
  }, save);
  if (body && typeof body.siteName === 'string') {
    name.value = body.siteName;
  }
});
save.disabled = true;
load();
