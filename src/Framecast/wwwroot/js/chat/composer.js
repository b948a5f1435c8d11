// The form to send a chat message or a danmaku: the text (with a visible label), Send, and a "Style" disclosure with
// the position (scrolling, top, bottom), the size (danmaku only) and the colour from the palette. The chosen style
// is remembered in localStorage.
import { el } from './dom.js';
import { MODE_NAMES, SIZE_NAMES, colorName } from './palette.js';

const STYLE_KEY = 'framecast.chat.style';

function rememberedStyle() {
  try {
    return JSON.parse(localStorage.getItem(STYLE_KEY) || '{}') || {};
  } catch {
    return {};
  }
}

function remember(style) {
  try {
    localStorage.setItem(STYLE_KEY, JSON.stringify(style));
  } catch {
    // Private mode or a full storage: the style is only not remembered.
  }
}

function choice(id, label, options, names, selected) {
  const select = el('select', { id, name: id },
    options.map((value) => el('option', { value, selected: value === selected }, names[value] || value)));
  return { select, field: el('div', { className: 'field' }, el('label', { for: id }, label), select) };
}

function swatches(prefix, colors, selected) {
  const fieldset = el('fieldset', { className: 'swatches' }, el('legend', {}, 'Colour'));
  for (const color of colors) {
    const input = el('input', { type: 'radio', name: `${prefix}-color`, value: color, checked: color === selected });
    const chip = el('span', { className: 'swatch-chip', 'aria-hidden': 'true' });
    chip.style.backgroundColor = color;
    fieldset.append(el('label', { className: 'swatch', title: colorName(color) }, input, chip,
      el('span', { className: 'visually-hidden' }, colorName(color))));
  }
  return fieldset;
}

/**
 * @param {{ prefix: string, label: string, palette: object, sizes?: boolean,
 *           send: (text: string, style: object) => Promise<boolean> }} options
 *   send resolves true when the item was accepted (the field is then cleared).
 */
export function createComposer({ prefix, label, palette, sizes = false, send }) {
  const saved = rememberedStyle();
  const pick = (list, value, fallback) => (list.includes(value) ? value : fallback);
  const input = el('input', {
    id: `${prefix}-text`, name: 'text', type: 'text', maxlength: palette.maxLength, autocomplete: 'off',
    enterkeyhint: 'send', 'aria-describedby': `${prefix}-count`,
  });
  const count = el('span', { id: `${prefix}-count`, className: 'composer-count' }, `0/${palette.maxLength}`);
  const button = el('button', { type: 'submit', className: 'primary' }, 'Send');
  const mode = choice(`${prefix}-mode`, 'Position', palette.modes, MODE_NAMES, pick(palette.modes, saved.mode, 'scroll'));
  const size = sizes ? choice(`${prefix}-size`, 'Size', palette.sizes, SIZE_NAMES, pick(palette.sizes, saved.size, 'normal')) : null;
  const colors = swatches(prefix, palette.colors, pick(palette.colors, saved.color, palette.colors[0]));
  const form = el('form', { className: 'composer', novalidate: true },
    el('label', { for: input.id, className: 'composer-label' }, label),
    el('div', { className: 'composer-row' }, input, button),
    el('div', { className: 'composer-meta' },
      el('details', { className: 'composer-style' }, el('summary', {}, 'Style'),
        el('div', { className: 'composer-options' }, mode.field, size?.field, colors)),
      count));

  function style() {
    const chosen = {
      mode: mode.select.value,
      color: form.querySelector(`input[name="${prefix}-color"]:checked`)?.value || palette.colors[0],
    };
    if (size) {
      chosen.size = size.select.value;
    }
    return chosen;
  }

  input.addEventListener('input', () => {
    count.textContent = `${input.value.length}/${palette.maxLength}`;
  });
  form.addEventListener('change', () => remember(style()));
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy || input.disabled) {
      return;
    }
    busy = true;
    button.disabled = true;
    try {
      if (await send(text, style())) {
        input.value = '';
        count.textContent = `0/${palette.maxLength}`;
      }
    } finally {
      busy = false;
      button.disabled = input.disabled;
      input.focus();
    }
  });

  return {
    element: form,
    input,
    /** Closes or reopens the form; a closed form keeps its text but cannot send. */
    setEnabled(enabled) {
      input.disabled = !enabled;
      button.disabled = !enabled;
    },
  };
}
