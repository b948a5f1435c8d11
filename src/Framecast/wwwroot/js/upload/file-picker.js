// Files chosen with the picker or dropped on the zone; a file dropped beside it must not navigate away.

function hasFiles(event) {
  return Boolean(event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files'));
}

export function bindFilePicker(input, dropZone, onFiles) {
  input.addEventListener('change', () => {
    onFiles(Array.from(input.files || []));
    input.value = ''; // so picking the same file again (to resume) fires change
  });
  if (dropZone) {
    dropZone.addEventListener('dragenter', (event) => {
      if (hasFiles(event)) {
        event.preventDefault();
        dropZone.classList.add('dragover');
      }
    });
    dropZone.addEventListener('dragover', (event) => {
      if (hasFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        dropZone.classList.add('dragover');
      }
    });
    dropZone.addEventListener('dragleave', (event) => {
      if (!event.relatedTarget || !dropZone.contains(event.relatedTarget)) {
        dropZone.classList.remove('dragover');
      }
    });
    dropZone.addEventListener('drop', (event) => {
      event.preventDefault();
      dropZone.classList.remove('dragover');
      onFiles(Array.from((event.dataTransfer && event.dataTransfer.files) || []));
    });
  }
  window.addEventListener('dragover', (event) => {
    if (hasFiles(event) && !(dropZone && dropZone.contains(event.target))) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    }
  });
  window.addEventListener('drop', (event) => {
    if (hasFiles(event) && !(dropZone && dropZone.contains(event.target))) {
      event.preventDefault();
    }
  });
}
