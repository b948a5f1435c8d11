// /admin/videos: search every video (any owner, any visibility); take one down with a reason the owner will see,
// restore it, or queue it for processing again.
import { el } from '../chat/dom.js';
import { segment } from '../chat/api.js';
import { actionButton, reasonForm } from './actions.js';
import { pagedList } from './list.js';
import { count, when } from './ui.js';

const form = document.getElementById('video-search');
const query = document.getElementById('video-q');
const takenDown = document.getElementById('video-taken-down');

function render(video) {
  const title = video.title || 'Untitled';
  const path = `/api/v1/admin/videos/${segment(video.id)}`;
  const redraw = (body) => videos.replace(video.id, body?.id ? body : video);
  const actions = el('div', { className: 'admin-actions' });
  if (video.takedown) {
    actions.append(actionButton(`Restore ${title}`, () => ({
      method: 'DELETE', path: `${path}/takedown`, doing: `restore “${title}”`, confirm: `Restore “${title}”? It becomes visible again.`,
      done: () => `“${title}” is restored.`,
    }), redraw));
  } else {
    actions.append(reasonForm('Take down…', `Reason for taking down ${title} (shown to the owner)`, `Take down ${title}`, (reason) => ({
      method: 'POST', path: `${path}/takedown`, body: { reason }, doing: `take down “${title}”`,
      confirm: `Take down “${title}”? It disappears from the site and its owner is told why.`,
      done: () => `“${title}” is taken down. Its owner has been told.`,
    }), redraw));
  }
  actions.append(actionButton(`Reprocess ${title}`, () => ({
    method: 'POST', path: `${path}/reprocess`, doing: `reprocess “${title}”`, confirm: `Process “${title}” again from its original upload?`,
    done: () => `“${title}” is queued for processing again.`,
  }), () => {}));
  const owner = video.owner?.username;
  return el('li', { className: 'admin-item admin-video', dataset: { id: video.id } },
    video.thumbnailUrl ? el('img', { src: video.thumbnailUrl, alt: '', width: 160, height: 90, loading: 'lazy', className: 'admin-thumb' })
      : el('div', { className: 'admin-thumb no-thumb', 'aria-hidden': 'true' }),
    el('div', { className: 'admin-item-body' },
      el('div', { className: 'admin-item-head' },
        el('a', { href: `/v/${segment(video.id)}`, className: 'admin-item-title' }, title),
        el('span', { className: 'admin-badges' },
          el('span', { className: 'badge' }, video.status || 'unknown'),
          el('span', { className: 'badge' }, video.visibility || ''),
          video.takedown ? el('span', { className: 'badge badge-danger' }, 'Taken down') : null)),
      el('p', { className: 'admin-meta' }, 'By ', owner ? el('a', { href: `/u/${segment(owner)}` }, owner) : 'unknown',
        ` · ${when(video.createdAt)} · ${count(video.views, 'view', 'views')}`),
      video.takedown ? el('p', { className: 'admin-reason' }, `Taken down ${when(video.takedown.at)}: ${video.takedown.reason}`) : null,
      actions));
}

const videos = pagedList({
  list: document.getElementById('video-list'),
  empty: document.getElementById('video-empty'),
  more: document.getElementById('video-more'),
  what: 'videos',
  path: () => {
    const params = new URLSearchParams();
    if (query.value.trim()) {
      params.set('q', query.value.trim());
    }
    if (takenDown.value) {
      params.set('takenDown', takenDown.value);
    }
    return `/api/v1/admin/videos${params.size ? `?${params}` : ''}`;
  },
  render,
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  videos.reload();
});
takenDown.addEventListener('change', () => videos.reload());
videos.reload();
