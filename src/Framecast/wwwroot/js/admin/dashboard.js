// /admin: the dashboard. Reads GET /api/v1/admin/stats on load, on "Refresh" and every minute while the tab is
// visible; draws each chart and writes its summary and table (the text alternative of the picture).
import { api } from '../chat/api.js';
import { el } from '../chat/dom.js';
import { draw, recolour } from './charts.js';
import { chartsOf } from './stats-view.js';
import { announce, bytes, fail, problemText, when } from './ui.js';

const refresh = document.getElementById('stats-refresh');
const updated = document.getElementById('stats-updated');
let latest = null;

function table(container, caption, head, rows) {
  container.replaceChildren(el('table', { className: 'admin-table' },
    el('caption', { className: 'visually-hidden' }, caption),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(([label, value]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, String(value)))))));
}

function figures(stats) {
  const set = (id, text) => { document.getElementById(id).textContent = text; };
  const number = (n) => (Number(n) || 0).toLocaleString('en-US');
  set('figure-live', number(stats.live?.broadcasts));
  set('figure-viewers', number(stats.live?.viewers));
  set('figure-storage', bytes(stats.storage?.mediaBytes));
  set('figure-users', number(stats.totals?.users));
  set('figure-videos', number(stats.totals?.videos));
  set('figure-jobs', number((stats.jobs?.queued || 0) + (stats.jobs?.failed || 0)));
}

function render(stats) {
  figures(stats);
  for (const [key, spec] of Object.entries(chartsOf(stats))) {
    document.getElementById(`${key}-summary`).textContent = spec.summary;
    draw(document.getElementById(`${key}-chart`), spec);
    table(document.getElementById(`${key}-table`), spec.summary, spec.head, spec.rows);
  }
  updated.textContent = `Updated ${when(stats.generatedAt)}. Storage measured ${when(stats.storage?.measuredAt)}.`;
}

async function load(byHand) {
  refresh.disabled = true;
  const result = await api('GET', '/api/v1/admin/stats');
  refresh.disabled = false;
  if (!result.ok || !result.body) {
    fail(problemText(result, 'load the dashboard'));
    return;
  }
  latest = result.body;
  render(latest);
  if (byHand) {
    announce('Dashboard updated.');
  }
}

refresh.addEventListener('click', () => load(true));
recolour(() => latest && render(latest));
setInterval(() => {
  if (document.visibilityState === 'visible') {
    load(false);
  }
}, 60_000);
load(false);
