// Status lines (role=status) that are hidden while empty, so the page never shows empty boxes and only the lines
// that say something are in the accessibility tree. Text goes in a frame after the line appears: screen readers
// announce a change to a live region they already know, not one that arrives together with it.

const pending = new WeakMap();

export function announce(region, text) {
  cancelAnimationFrame(pending.get(region));
  pending.delete(region);
  if (!text) {
    region.textContent = '';
    region.hidden = true;
    return;
  }
  if (!region.hidden) {
    region.textContent = text;
    return;
  }
  region.textContent = '';
  region.hidden = false;
  pending.set(region, requestAnimationFrame(() => {
    pending.delete(region);
    region.textContent = text;
  }));
}

/** The outcome of what the user just did (saved, copied, ended): it replaces the previous one (any [data-report]). */
export function report(region, text) {
  for (const other of document.querySelectorAll('[data-report]')) {
    if (other !== region && !other.hidden) {
      announce(other, '');
    }
  }
  announce(region, text);
}
