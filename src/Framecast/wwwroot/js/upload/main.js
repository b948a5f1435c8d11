// Upload page: resumable tus uploads (tus-js-client, global `tus`), editable video fields, processing progress.
// The markup contract is in Features/Web/PAGES.md; the server is Features/Uploads (tus 1.0.0).
import { bindFilePicker } from './file-picker.js';
import { watchResumable } from './resumable-list.js';
import { UploadRow } from './upload-row.js';

const input = document.getElementById('files');
const list = document.getElementById('upload-list');
if (document.getElementById('uploader') && input && list) {
  bindFilePicker(input, document.getElementById('drop-zone'), (files) => {
    for (const file of files) {
      const row = new UploadRow(file);
      list.append(row.li);
      row.begin();
    }
  });
  const resumable = document.getElementById('resumable');
  if (resumable) {
    watchResumable(resumable, list);
  }
}
