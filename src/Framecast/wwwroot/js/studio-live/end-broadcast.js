// "End broadcast": POST /api/v1/me/live/end, then the page goes offline in place (the server disconnects the
// publisher). Without JavaScript the form posts to the page.
import { endBroadcast, failureText } from './api.js';

export const ENDED_NOTICE = 'Broadcast ended. If OBS is still streaming, stop it there too: it reconnects and starts a new broadcast.';

export function wireEndBroadcast(form, { onEnded, say }) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const result = await endBroadcast();
      // 404 live.offline: it had ended already (the publisher stopped first).
      if (result.ok || result.status === 404) {
        onEnded();
        say(ENDED_NOTICE);
      } else {
        say(failureText(result, 'end the broadcast'));
      }
    } finally {
      button.disabled = false;
    }
  });
}
