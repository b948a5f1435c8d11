// Small pieces of markup the rows and the list of unfinished uploads share.

export function field(row, key, labelText, control, hint) {
  const id = `${row.idPrefix}-${key}`;
  const wrap = document.createElement('p');
  wrap.className = `upload-field upload-${key}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  control.name = key;
  wrap.append(label, ' ', control);
  if (hint) {
    const hintEl = document.createElement('span');
    hintEl.className = 'hint';
    hintEl.id = `${id}-hint`;
    hintEl.textContent = hint;
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.append(' ', hintEl);
  }
  return wrap;
}

export function button(text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
