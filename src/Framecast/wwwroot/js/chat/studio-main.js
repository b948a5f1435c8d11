// /studio/chat: the owner's chat rules, moderators, bans and moderation log, read and changed through the channel's
// REST API. Each section is its own module; a change in one refreshes the log.
import { startBans } from './studio-bans.js';
import { startLog } from './studio-log.js';
import { startModerators } from './studio-moderators.js';
import { startRules } from './studio-rules.js';

const root = document.getElementById('studio-chat');
if (root) {
  const base = `/api/v1/channels/${encodeURIComponent(root.dataset.channel)}`;
  const log = startLog(base);
  const changed = () => log.refresh();
  startRules(base, changed);
  startModerators(base, changed);
  startBans(base, changed);
}
