// /admin/users: search and filter accounts; ban with a reason or lift a ban; grant or revoke admin; end sessions.
import { el } from '../chat/dom.js';
import { segment } from '../chat/api.js';
import { actionButton, reasonForm } from './actions.js';
import { pagedList } from './list.js';
import { count, when } from './ui.js';

const form = document.getElementById('user-search');
const query = document.getElementById('user-q');
const banned = document.getElementById('user-banned');
const self = document.getElementById('admin-root').dataset.username;

function render(user) {
  const name = user.username;
  const path = `/api/v1/admin/users/${segment(name)}`;
  const redraw = (body) => users.replace(user.id, body?.id ? body : user);
  const badges = el('span', { className: 'admin-badges' },
    user.isAdmin ? el('span', { className: 'badge' }, 'Admin') : null,
    user.banned ? el('span', { className: 'badge badge-danger' }, 'Banned') : null);
  const actions = el('div', { className: 'admin-actions' });
  if (user.banned) {
    actions.append(actionButton(`Unban ${name}`, () => ({
      method: 'DELETE', path: `${path}/ban`, doing: `lift the ban on ${name}`, done: () => `${name} is no longer banned.`,
    }), redraw));
  } else if (name !== self) {
    actions.append(reasonForm('Ban…', `Reason for banning ${name}`, `Ban ${name}`, (reason) => ({
      method: 'POST', path: `${path}/ban`, body: { reason }, doing: `ban ${name}`,
      confirm: `Ban ${name}? Their sessions end, their videos and channel disappear and they cannot sign in.`,
      done: () => `${name} is banned. Their sessions have ended.`,
    }), redraw));
  }
  if (name !== self) {
    actions.append(user.isAdmin
      ? actionButton(`Remove admin from ${name}`, () => ({
        method: 'DELETE', path: `${path}/admin`, doing: `remove admin from ${name}`, confirm: `Remove admin rights from ${name}?`,
        done: () => `${name} is no longer an admin.`,
      }), redraw)
      : actionButton(`Make ${name} an admin`, () => ({
        method: 'POST', path: `${path}/admin`, doing: `make ${name} an admin`, confirm: `Give ${name} admin rights over the whole site?`,
        done: () => `${name} is now an admin.`,
      }), redraw));
  }
  actions.append(actionButton(`End sessions of ${name}`, () => ({
    method: 'POST', path: `${path}/sessions/end`, doing: `end the sessions of ${name}`,
    confirm: `Sign ${name} out everywhere?`, done: () => `Every session of ${name} has ended.`,
  }), () => {}));
  return el('li', { className: 'admin-item', dataset: { id: user.id, username: name } },
    el('div', { className: 'admin-item-head' }, el('a', { href: `/u/${segment(name)}`, className: 'admin-item-title' }, name), badges),
    el('p', { className: 'admin-meta' }, `Joined ${when(user.createdAt)} · ${count(user.videoCount, 'video', 'videos')}`),
    user.banned ? el('p', { className: 'admin-reason' }, `Banned ${when(user.banned.at)}: ${user.banned.reason}`) : null,
    actions);
}

const users = pagedList({
  list: document.getElementById('user-list'),
  empty: document.getElementById('user-empty'),
  more: document.getElementById('user-more'),
  what: 'users',
  path: () => {
    const params = new URLSearchParams();
    if (query.value.trim()) {
      params.set('q', query.value.trim());
    }
    if (banned.value) {
      params.set('banned', banned.value);
    }
    return `/api/v1/admin/users${params.size ? `?${params}` : ''}`;
  },
  render,
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  users.reload();
});
banned.addEventListener('change', () => users.reload());
users.reload();
