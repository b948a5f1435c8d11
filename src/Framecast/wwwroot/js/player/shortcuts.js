// Keyboard shortcuts when focus is not in a field: space/k play-pause, j/l ±10 s, arrows ±5 s and volume, f, m.

function inFormField(target) {
  return target instanceof Element
    && target.closest('input, textarea, select, button, [contenteditable=""], [contenteditable="true"]') !== null;
}

export function bindShortcuts(actions) {
  const keys = {
    ' ': actions.togglePlay,
    k: actions.togglePlay,
    j: () => actions.seekBy(-10),
    l: () => actions.seekBy(10),
    ArrowLeft: () => actions.seekBy(-5),
    ArrowRight: () => actions.seekBy(5),
    ArrowUp: () => actions.changeVolume(0.1),
    ArrowDown: () => actions.changeVolume(-0.1),
    f: actions.toggleFullscreen,
    m: actions.toggleMute,
  };
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || inFormField(event.target)) {
      return;
    }
    const action = keys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (action) {
      action();
      event.preventDefault();
    }
  });
}
