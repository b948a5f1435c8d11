// /admin/reports: the open queue (oldest first) or the resolved ones (newest first). Each report shows what was
// reported as it was then, a link to it, and one-step actions that resolve it: dismiss, take down, ban, delete.
import { el } from '../chat/dom.js';
import { segment } from '../chat/api.js';
import { perform } from './actions.js';
import { pagedList } from './list.js';
import { when } from './ui.js';

const root = document.getElementById('report-root');
const state = root.dataset.status === 'resolved' ? 'resolved' : 'open';

const NOUN = { video: 'video', comment: 'comment', message: 'chat message', danmaku: 'danmaku', user: 'account' };
const OUTCOME = { dismiss: 'Dismissed', takedown: 'Video taken down', ban: 'Account banned', delete: 'Deleted' };

/** The actions that fit a target (API: takedown for videos, delete for texts, ban for people and texts' authors). */
function actionsFor(type) {
  const noun = NOUN[type] || type;
  const list = [['dismiss', 'Dismiss report', 'Dismiss this report? Nothing else changes.']];
  if (type === 'video') {
    list.push(['takedown', 'Take down video', 'Take this video down? Its owner is told why.']);
  }
  if (['comment', 'message', 'danmaku'].includes(type)) {
    list.push(['delete', `Delete ${noun}`, `Delete this ${noun}? It disappears for everyone.`]);
    list.push(['ban', 'Ban author', `Ban the author of this ${noun}? Their sessions end and their content disappears.`]);
  }
  if (type === 'user') {
    list.push(['ban', 'Ban account', 'Ban this account? Their sessions end and their content disappears.']);
  }
  return list;
}

function render(report) {
  const noun = NOUN[report.targetType] || report.targetType;
  const item = el('li', { className: 'admin-item', dataset: { id: report.id, targetType: report.targetType } },
    el('div', { className: 'admin-item-head' },
      el('span', { className: 'admin-item-title' }, `Reported ${noun}`),
      report.targetUrl ? el('a', { href: report.targetUrl }, `Open the reported ${noun}`) : el('span', { className: 'admin-meta' }, 'It no longer exists')),
    el('blockquote', { className: 'admin-snapshot' }, report.snapshot || '(nothing was recorded)'),
    el('p', { className: 'admin-meta' }, 'Reason: ', el('strong', {}, report.reason || '')),
    el('p', { className: 'admin-meta' }, 'Reported by ', report.reporter?.username
      ? el('a', { href: `/u/${segment(report.reporter.username)}` }, report.reporter.username) : 'unknown', ` · ${when(report.createdAt)}`));
  if (report.resolution) {
    const r = report.resolution;
    item.append(el('p', { className: 'admin-reason' },
      `${OUTCOME[r.action] || r.action} by ${r.by?.username || 'an admin'} · ${when(r.at)}${r.note ? ` · Note: ${r.note}` : ''}`));
    return item;
  }
  const noteId = `note-${report.id}`;
  const note = el('input', { id: noteId, maxlength: 500, autocomplete: 'off' });
  const buttons = actionsFor(report.targetType).map(([action, label, question]) => {
    const button = el('button', { type: 'button', className: action === 'dismiss' ? '' : 'danger', 'aria-describedby': noteId }, label);
    button.addEventListener('click', async () => {
      const body = await perform({
        method: 'POST', path: `/api/v1/admin/reports/${segment(report.id)}/resolve`, confirm: question,
        body: note.value.trim() ? { action, note: note.value.trim() } : { action },
        doing: 'resolve the report', done: () => `Report resolved: ${(OUTCOME[action] || action).toLowerCase()}. The reporter has been told.`,
      }, button);
      if (body) {
        reports.remove(report.id);
      }
    });
    return button;
  });
  item.append(el('div', { className: 'field' }, el('label', { for: noteId }, 'Note for the audit log (optional)'), note),
    el('div', { className: 'admin-actions' }, buttons));
  return item;
}

const reports = pagedList({
  list: document.getElementById('report-list'),
  empty: document.getElementById('report-empty'),
  more: document.getElementById('report-more'),
  what: 'reports',
  path: () => `/api/v1/admin/reports?status=${state}`,
  render,
});
reports.reload();
