// A labelled range input (the seek bar, the volume), named for screen readers by its aria-label.
export function rangeInput({ className, label, min, max = '0', step, id }) {
  const input = document.createElement('input');
  input.type = 'range';
  input.className = className;
  input.min = min;
  input.max = max;
  input.step = step;
  input.value = min;
  if (id) {
    input.id = id;
  }
  input.setAttribute('aria-label', label);
  return input;
}
