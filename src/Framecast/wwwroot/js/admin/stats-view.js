// Turns the stats answer into what the dashboard shows: per chart its labels, values, a summary sentence (the
// canvas's name and the visible text alternative) and the rows of its table.
import { bytes, count } from './ui.js';

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const HOUR = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

const dayLabel = (d) => DAY.format(new Date(`${d}T00:00:00Z`));
const hourLabel = (h) => `${HOUR.format(new Date(h))} UTC`;
const sum = (values) => values.reduce((a, b) => a + (Number(b) || 0), 0);
const last = (values) => Number(values[values.length - 1]) || 0;

function perDay(stats, key, one, many, kind, colour, title) {
  const values = stats[key] || [];
  const labels = (stats.days || []).map(dayLabel);
  return {
    kind, colour, label: title, labels, values,
    summary: `${title}: ${count(sum(values), one, many)} in the last ${values.length} days, ${count(last(values), one, many)} today.`,
    head: ['Day (UTC)', title], rows: labels.map((l, i) => [l, values[i]]).reverse(),
  };
}

export function chartsOf(stats) {
  const live = stats.live || {};
  const jobs = stats.jobs || {};
  const storage = stats.storage || {};
  const errors = stats.serverErrorsPerHour || [];
  const hours = (stats.hours || []).map(hourLabel);
  const jobLabels = ['Queued', 'Running', 'Failed, will retry', 'Dead'];
  const jobValues = [jobs.queued, jobs.running, jobs.failed, jobs.dead].map((n) => Number(n) || 0);
  const storageLabels = storage.freeBytes == null ? ['Media'] : ['Media', 'Free space'];
  const storageValues = storage.freeBytes == null ? [storage.mediaBytes || 0] : [storage.mediaBytes || 0, storage.freeBytes];
  return {
    uploads: perDay(stats, 'uploadsPerDay', 'upload', 'uploads', 'bar', 'accent', 'Uploads'),
    views: perDay(stats, 'viewsPerDay', 'view', 'views', 'line', 'link', 'Views'),
    live: {
      kind: 'bar', colours: ['accent', 'link'], label: 'Live now', labels: ['Broadcasts', 'Viewers'], values: [live.broadcasts || 0, live.viewers || 0],
      summary: `Live now: ${count(live.broadcasts, 'broadcast', 'broadcasts')} with ${count(live.viewers, 'viewer', 'viewers')}.`,
      head: ['What', 'Now'], rows: [['Broadcasts', live.broadcasts || 0], ['Viewers', live.viewers || 0]],
    },
    jobs: {
      kind: 'bar', colours: ['link', 'ok', 'muted', 'accent'], label: 'Jobs', labels: jobLabels, values: jobValues,
      summary: `Job queue: ${jobValues[0]} queued, ${jobValues[1]} running, ${jobValues[2]} failed and waiting to retry, ${jobValues[3]} dead.`,
      head: ['State', 'Jobs'], rows: jobLabels.map((l, i) => [l, jobValues[i]]),
    },
    dead: perDay(stats, 'deadJobsPerDay', 'dead job', 'dead jobs', 'bar', 'accent', 'Dead jobs'),
    errors: {
      kind: 'bar', colour: 'accent', label: 'Server errors', labels: hours, values: errors,
      summary: `Server errors (HTTP 5xx): ${count(sum(errors), 'error', 'errors')} in the last ${errors.length} hours, ${count(last(errors), 'error', 'errors')} this hour.`,
      head: ['Hour (UTC)', 'Server errors'], rows: hours.map((l, i) => [l, errors[i]]).reverse(),
    },
    storage: {
      kind: 'doughnut', colours: ['accent', 'border'], label: 'Storage', labels: storageLabels, values: storageValues,
      summary: `Storage: media uses ${bytes(storage.mediaBytes)}${storage.freeBytes == null ? '' : `; ${bytes(storage.freeBytes)} free on its disk`}.`,
      head: ['What', 'Size'], rows: storageLabels.map((l, i) => [l, bytes(storageValues[i])]),
    },
  };
}
