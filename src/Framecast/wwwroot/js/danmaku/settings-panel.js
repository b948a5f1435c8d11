// The danmaku controls under a player: a "Show danmaku" (or "Show barrage") switch, and a "Danmaku settings"
// disclosure with density, opacity and font size. Every change applies at once and is remembered.
import { el } from '../chat/dom.js';
import { DENSITIES, SCALES, loadSettings, saveSettings } from './settings.js';

/**
 * @param {{ prefix: string, noun: string, onChange: (settings: object) => void }} options noun is "danmaku" or "barrage"
 * @returns {{ element: HTMLElement, settings: object }}
 */
export function createSettingsPanel({ prefix, noun, onChange }) {
  const settings = loadSettings();
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const toggle = el('input', { type: 'checkbox', id: `${prefix}-enabled`, checked: settings.enabled });
  const density = el('select', { id: `${prefix}-density` },
    DENSITIES.map((d) => el('option', { value: d.value, selected: d.value === settings.density }, d.label)));
  const opacity = el('input', { type: 'range', id: `${prefix}-opacity`, min: 10, max: 100, step: 5, value: settings.opacity });
  const opacityText = el('output', { for: opacity.id, className: 'danmaku-opacity-value' }, `${settings.opacity}%`);
  const scale = el('select', { id: `${prefix}-scale` },
    SCALES.map((s) => el('option', { value: s.value, selected: s.value === settings.scale }, s.label)));

  const element = el('div', { className: 'danmaku-settings' },
    el('div', { className: 'danmaku-toggle' }, toggle, el('label', { for: toggle.id }, `Show ${noun}`)),
    el('details', { className: 'danmaku-options' },
      el('summary', {}, `${Noun} settings`),
      el('div', { className: 'danmaku-options-body' },
        el('div', { className: 'field' }, el('label', { for: density.id }, 'Density'), density),
        el('div', { className: 'field' },
          el('label', { for: opacity.id }, 'Opacity'),
          el('div', { className: 'field-inline' }, opacity, opacityText)),
        el('div', { className: 'field' }, el('label', { for: scale.id }, 'Font size'), scale))));

  function changed() {
    settings.enabled = toggle.checked;
    settings.density = Number(density.value);
    settings.opacity = Number(opacity.value);
    settings.scale = Number(scale.value);
    opacityText.textContent = `${settings.opacity}%`;
    opacity.setAttribute('aria-valuetext', `${settings.opacity}%`);
    saveSettings(settings);
    onChange(settings);
  }
  for (const control of [toggle, density, scale]) {
    control.addEventListener('change', changed);
  }
  opacity.addEventListener('input', changed);
  opacity.setAttribute('aria-valuetext', `${settings.opacity}%`);

  return {
    element,
    settings,
    /** Flips the switch from elsewhere (a keyboard shortcut). */
    toggle() {
      toggle.checked = !toggle.checked;
      changed();
    },
  };
}
