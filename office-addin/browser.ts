/**
 * Browser glue for the task pane (DOM-typed: compiled by
 * office-addin/tsconfig.json only, never by the Node tests).
 */

import type { DownloadActions, FileToSave } from './download.js';
import { memoryStore, type KeyValueStore } from './profile.js';

/** localStorage, or memory where the webview blocks it (Safari's storage partitioning, private mode). */
export function browserStore(): KeyValueStore {
  try {
    const probe = '__carnet_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStore();
  }
}

export const browserDownloads: DownloadActions = {
  anchor(file: FileToSave) {
    const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoked later: some browsers read the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  openBrowserWindow(url: string) {
    Office.context.ui.openBrowserWindow(url);
  },
  async copyText(text: string) {
    await navigator.clipboard.writeText(text);
  },
};
