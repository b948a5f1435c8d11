// /admin/jobs: background jobs by state with their attempts and last error; retry a dead or failed one now, or
// cancel one that waits.
import { el } from '../chat/dom.js';
import { segment } from '../chat/api.js';
import { actionButton } from './actions.js';
import { pagedList } from './list.js';
import { when } from './ui.js';

const filter = document.getElementById('job-state');
const STATE = { queued: 'Queued', running: 'Running', failed: 'Failed, will retry', dead: 'Dead', succeeded: 'Succeeded' };

function render(job) {
  const redraw = (body) => jobs.replace(job.id, body?.id ? body : job);
  const name = `job ${job.id}`;
  const actions = el('div', { className: 'admin-actions' });
  if (job.state === 'dead' || job.state === 'failed') {
    actions.append(actionButton(`Retry ${name}`, () => ({
      method: 'POST', path: `/api/v1/admin/jobs/${segment(job.id)}/retry`, doing: `retry ${name}`,
      done: () => `Job ${job.id} (${job.type}) is queued to run again now.`,
    }), redraw));
  }
  if (job.state === 'queued' || job.state === 'failed') {
    actions.append(actionButton(`Cancel ${name}`, () => ({
      method: 'POST', path: `/api/v1/admin/jobs/${segment(job.id)}/cancel`, doing: `cancel ${name}`,
      confirm: `Cancel job ${job.id} (${job.type})? It will not run again unless retried.`,
      done: () => `Job ${job.id} is cancelled.`,
    }), redraw, 'danger'));
  }
  return el('li', { className: 'admin-item', dataset: { id: job.id, state: job.state, updated: job.updatedAt } },
    el('div', { className: 'admin-item-head' },
      el('span', { className: 'admin-item-title' }, `Job ${job.id}: ${job.type}`),
      el('span', { className: 'admin-badges' }, el('span', { className: `badge${job.state === 'dead' ? ' badge-danger' : ''}` }, STATE[job.state] || job.state))),
    el('p', { className: 'admin-meta' }, `Attempts: ${job.attempts} of ${job.maxAttempts} · created ${when(job.createdAt)} · updated ${when(job.updatedAt)}`
      + (job.state === 'queued' || job.state === 'failed' ? ` · runs after ${when(job.notBefore)}` : '')),
    job.lastError ? el('p', { className: 'admin-reason' }, `Last error: ${job.lastError.split('\n')[0]}`) : null,
    job.lastError?.includes('\n') ? el('details', { className: 'admin-error-text' }, el('summary', {}, `Full error of job ${job.id}`), el('pre', {}, job.lastError)) : null,
    actions);
}

const jobs = pagedList({
  list: document.getElementById('job-list'),
  empty: document.getElementById('job-empty'),
  more: document.getElementById('job-more'),
  what: 'jobs',
  path: () => `/api/v1/admin/jobs${filter.value ? `?state=${encodeURIComponent(filter.value)}` : ''}`,
  render,
});
filter.addEventListener('change', () => jobs.reload());
document.getElementById('job-refresh').addEventListener('click', () => jobs.reload());
jobs.reload();
