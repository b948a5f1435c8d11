// /admin/audit: every admin action, newest first: who, what, on what, when and from which address.
import { el } from '../chat/dom.js';
import { segment } from '../chat/api.js';
import { pagedList } from './list.js';
import { when } from './ui.js';

function render(entry) {
  const actor = entry.actor?.username;
  return el('tr', { dataset: { id: entry.id } },
    el('td', { 'data-label': 'When' }, el('time', { datetime: entry.createdAt }, when(entry.createdAt))),
    el('td', { 'data-label': 'Who' }, actor ? el('a', { href: `/u/${segment(actor)}` }, actor) : 'unknown'),
    el('td', { 'data-label': 'Action' }, el('code', {}, entry.action || '')),
    el('td', { 'data-label': 'Target' }, [entry.targetType, entry.targetId].filter(Boolean).join(' ')),
    el('td', { 'data-label': 'Detail', className: 'audit-detail' }, typeof entry.detail === 'object' && entry.detail ? JSON.stringify(entry.detail) : entry.detail || ''),
    el('td', { 'data-label': 'From' }, entry.address || ''));
}

pagedList({
  list: document.querySelector('#audit-table tbody'),
  empty: document.getElementById('audit-empty'),
  more: document.getElementById('audit-more'),
  what: 'audit log',
  path: () => '/api/v1/admin/audit',
  render,
}).reload();
