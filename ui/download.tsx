/**
 * A file a command answered with (a filled document, a sample, an annotated template) handed to
 * the person. The Excel task pane delivers files itself, by its `carnet:save` event: a download,
 * or in Excel for Mac, whose webview ignores downloads, the hand-over to the browser
 * (office-addin/download.ts). Elsewhere the sidebar downloads a Blob, and keeps its link shown for
 * a frame that blocks the download (the Google sidebar's iframe).
 */

import { useEffect, useState } from 'preact/hooks';
import { DOWNLOAD_TARGET, blobDownload, bytesOf, startDownload, type Download } from './import-download.js';

export type { Download } from './import-download.js';

/** How every host's transport carries a file: its bytes in base64. */
export interface FileAnswer {
  fileName: string;
  mime: string;
  base64: string;
}

/**
 * Hands the file over and returns its link. A host that delivers files itself takes the
 * `carnet:save` event (office-addin's FileToSave) and prevents its default; the sidebar then
 * starts no download of its own.
 */
export function saveFile(file: FileAnswer): Download {
  const bytes = bytesOf(file.base64);
  const download = blobDownload(bytes, file.fileName, file.mime);
  const detail = { name: file.fileName, type: file.mime, bytes };
  const taken = !globalThis.dispatchEvent(new CustomEvent('carnet:save', { detail, cancelable: true }));
  if (!taken) startDownload(download);
  return download;
}

/** The file saved last by a screen, its Blob released when another replaces it or the screen closes. */
export function useSavedFile(): [Download | undefined, (file: FileAnswer | undefined) => Download | undefined] {
  const [file, setFile] = useState<Download | undefined>();
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);
  return [
    file,
    (answer) => {
      const saved = answer && saveFile(answer);
      setFile(saved);
      return saved;
    },
  ];
}

/** The file's link, for a frame that blocked the download. */
export function FileLink({ file }: { file: Download }) {
  return (
    <a href={file.url} download={file.fileName} target={DOWNLOAD_TARGET}>
      {file.fileName}
    </a>
  );
}
