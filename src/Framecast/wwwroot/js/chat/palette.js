// The chat palette (GET /api/v1/chat/palette), with the contract's defaults when the call fails, and a name for each
// colour so the picker can say which one a swatch is.

const DEFAULTS = {
  colors: ['#ffffff', '#fe0302', '#ff7204', '#ffaa02', '#ffd302', '#ffff00', '#a0ee00', '#00cd00', '#019899',
    '#4266be', '#89d5ff', '#cc0273', '#222222', '#9b9b9b'],
  modes: ['scroll', 'top', 'bottom'],
  sizes: ['small', 'normal', 'large'],
  maxLength: 200,
};

const NAMES = {
  '#ffffff': 'White', '#fe0302': 'Red', '#ff7204': 'Orange', '#ffaa02': 'Amber', '#ffd302': 'Gold',
  '#ffff00': 'Yellow', '#a0ee00': 'Lime', '#00cd00': 'Green', '#019899': 'Teal', '#4266be': 'Blue',
  '#89d5ff': 'Sky blue', '#cc0273': 'Magenta', '#222222': 'Black', '#9b9b9b': 'Grey',
};

export const MODE_NAMES = { scroll: 'Scrolling', top: 'Top', bottom: 'Bottom' };
export const SIZE_NAMES = { small: 'Small', normal: 'Normal', large: 'Large' };

export function colorName(hex) {
  return NAMES[hex] || hex;
}

let loading = null;

export function loadPalette() {
  loading ??= fetch('/api/v1/chat/palette', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : DEFAULTS))
    .then((palette) => ({
      colors: Array.isArray(palette.colors) && palette.colors.length ? palette.colors : DEFAULTS.colors,
      modes: Array.isArray(palette.modes) && palette.modes.length ? palette.modes : DEFAULTS.modes,
      sizes: Array.isArray(palette.sizes) && palette.sizes.length ? palette.sizes : DEFAULTS.sizes,
      maxLength: Number.isFinite(palette.maxLength) ? palette.maxLength : DEFAULTS.maxLength,
    }))
    .catch(() => DEFAULTS);
  return loading;
}
