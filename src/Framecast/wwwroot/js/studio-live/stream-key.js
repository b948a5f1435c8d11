// The stream key: hidden until "Reveal" (it is not in the page until then), "Copy" (without revealing it), and
// "Rotate key" after a confirmation. Without JavaScript, Reveal and Rotate are forms the server answers.
import { report } from './announce.js';
import { failureText, getSettings, rotateKey } from './api.js';

export const ROTATED_NOTICE = 'New stream key made. The old one no longer works: paste the new key into OBS.';

export function wireStreamKey({ field, server, revealForm, copyButton, rotateForm, status }, { onSettings, onRotated }) {
  const revealButton = revealForm.querySelector('button');
  let revealed = field.dataset.revealed === 'true';
  let key = revealed ? field.textContent : null;

  function say(text) {
    report(status, text);
  }

  function show() {
    // textContent, not value: a readonly field's value follows it, and the key is page text for find-in-page.
    field.textContent = revealed && key ? key : '';
    field.dataset.revealed = String(revealed);
    revealButton.textContent = revealed ? 'Hide' : 'Reveal';
  }

  async function currentKey() {
    if (key) {
      return key;
    }
    const result = await getSettings();
    if (!result.ok || !result.body) {
      say(failureText(result, 'get your stream key'));
      return null;
    }
    onSettings(result.body);
    return key;
  }

  revealForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!revealed && !(await currentKey())) {
      return;
    }
    revealed = !revealed;
    show();
  });

  copyButton.hidden = false;
  copyButton.addEventListener('click', async () => {
    const text = await currentKey();
    if (!text) {
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      say('Stream key copied.');
    } catch {
      // No clipboard API (a page on plain http other than localhost) or no permission: show it, selected.
      revealed = true;
      show();
      field.focus();
      field.select();
      say('Your browser did not let the page copy: the key is selected, press Ctrl+C (⌘C) to copy it.');
    }
  });

  rotateForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!window.confirm(rotateForm.dataset.confirm)) {
      return;
    }
    const button = rotateForm.querySelector('button');
    button.disabled = true;
    try {
      const result = await rotateKey();
      if (result.ok && result.body) {
        onRotated(result.body);
        say(ROTATED_NOTICE);
      } else {
        say(failureText(result, 'rotate the key'));
      }
    } finally {
      button.disabled = false;
    }
  });

  for (const textField of [field, server]) {
    textField.addEventListener('focus', () => textField.select());
  }

  return {
    /** The latest settings: the key may have changed (rotated here or in another tab). */
    update(settings) {
      if (typeof settings.streamKey === 'string' && settings.streamKey !== key) {
        key = settings.streamKey;
        show();
      }
      if (typeof settings.rtmpUrl === 'string' && server.textContent !== settings.rtmpUrl) {
        server.textContent = settings.rtmpUrl;
      }
    },
  };
}
