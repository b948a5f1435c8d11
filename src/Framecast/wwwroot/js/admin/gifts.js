// /admin/gifts, the catalogue: every gift (retired ones too) with an edit form, retire / bring back; a form for a new one.
import { el } from '../chat/dom.js';
import { api, segment } from '../chat/api.js';
import { coins } from '../gifts/coins.js';
import { actionButton, perform } from './actions.js';
import { fail, problemText } from './ui.js';

const list = document.getElementById('gift-list');
const empty = document.getElementById('gift-empty');

function field(id, label, attributes) {
  return el('div', { className: 'field' }, el('label', { for: id }, label), el('input', { id, ...attributes }));
}

function render(gift) {
  const path = `/api/v1/admin/gifts/${segment(gift.id)}`;
  const prefix = `gift-${gift.id}`;
  const edit = el('form', { className: 'admin-form', novalidate: true },
    field(`${prefix}-name`, `Name of ${gift.name}`, { value: gift.name, maxlength: 50, required: true }),
    field(`${prefix}-price`, `Price of ${gift.name} (coins)`, { type: 'number', min: 1, step: 1, value: gift.priceCoins, required: true }),
    field(`${prefix}-image`, `Picture URL of ${gift.name}`, { value: gift.imageUrl || '', maxlength: 500 }),
    el('button', { type: 'submit', className: 'primary' }, `Save ${gift.name}`));
  edit.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = await perform({
      method: 'PATCH', path, doing: `save ${gift.name}`,
      body: {
        name: edit.querySelector(`#${prefix}-name`).value.trim(),
        priceCoins: Number(edit.querySelector(`#${prefix}-price`).value),
        imageUrl: edit.querySelector(`#${prefix}-image`).value.trim() || null,
      },
      done: (saved) => `${saved.name || gift.name} saved.`,
    }, edit.querySelector('button'));
    if (body) {
      load();
    }
  });
  const toggle = gift.active
    ? actionButton(`Retire ${gift.name}`, () => ({
      method: 'DELETE', path, doing: `retire ${gift.name}`, confirm: `Retire ${gift.name}? Nobody can send it any more; past gifts keep their history.`,
      done: () => `${gift.name} is retired.`,
    }), load, 'danger')
    : actionButton(`Bring back ${gift.name}`, () => ({
      method: 'PATCH', path, body: { active: true }, doing: `bring back ${gift.name}`, done: () => `${gift.name} can be sent again.`,
    }), load);
  return el('li', { className: 'admin-item admin-gift', dataset: { id: gift.id } },
    el('div', { className: 'admin-item-head' },
      gift.imageUrl ? el('img', { src: gift.imageUrl, alt: '', width: 40, height: 40 }) : null,
      el('span', { className: 'admin-item-title' }, gift.name),
      el('span', { className: 'admin-badges' }, el('span', { className: 'badge' }, coins(gift.priceCoins)),
        gift.active ? null : el('span', { className: 'badge badge-danger' }, 'Retired'))),
    el('details', {}, el('summary', {}, `Edit ${gift.name}`), edit),
    el('div', { className: 'admin-actions' }, toggle));
}

async function load() {
  const result = await api('GET', '/api/v1/admin/gifts');
  if (!result.ok) {
    fail(problemText(result, 'load the gifts'));
    return;
  }
  const gifts = Array.isArray(result.body?.items) ? result.body.items : [];
  list.replaceChildren(...gifts.map(render));
  empty.hidden = gifts.length > 0;
}

const create = document.getElementById('gift-create');
create.addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = document.getElementById('new-gift-name').value.trim();
  const body = await perform({
    method: 'POST', path: '/api/v1/admin/gifts', doing: 'add the gift',
    body: {
      name,
      priceCoins: Number(document.getElementById('new-gift-price').value),
      imageUrl: document.getElementById('new-gift-image').value.trim() || null,
    },
    done: (made) => `${made.name || name} added to the catalogue.`,
  }, create.querySelector('button'));
  if (body) {
    create.reset();
    load();
  }
});
load();
