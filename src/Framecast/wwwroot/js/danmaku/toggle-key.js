// "d" shows or hides the danmaku, like the player's own shortcuts: not while typing in a field.

function inFormField(target) {
  return target instanceof Element
    && target.closest('input, textarea, select, button, [contenteditable=""], [contenteditable="true"]') !== null;
}

export function bindToggleKey(toggle) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || inFormField(event.target)) {
      return;
    }
    if (event.key === 'd' || event.key === 'D') {
      toggle();
      event.preventDefault();
    }
  });
}
