/**
 * download.js: the page Excel for Mac opens in the person's browser (download.ts explains why).
 * It turns the URL fragment back into the file and downloads it; nothing is sent anywhere.
 */

import { parseFragment } from './download.js';

const file = parseFragment(window.location.hash);
// The fragment holds the whole file: keep it out of the history and the address bar.
history.replaceState(null, '', window.location.pathname);
const status = document.getElementById('status')!;
if (!file) {
  status.textContent = 'There is no file to save here. Go back to Excel and save it again.';
} else {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.textContent = `Save ${file.name}`;
  status.textContent = 'Your file is ready. If the download did not start, use the link below.';
  status.after(link);
  link.click();
}
