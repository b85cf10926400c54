/**
 * Export: a directory, or the records a filter keeps, as a CSV, TSV or XLSX file. The bytes come
 * back as base64, since every host's transport carries strings (`google.script.run`, the local
 * server's JSON, the Office task pane's messages); the UI or the CLI turns them into a download
 * or a file.
 */

import { encodeBase64 } from '../export/base64.js';
import { EXPORT_ENCODINGS } from '../export/encode.js';
import { CSV_DELIMITERS, EXPORT_FORMATS } from '../export/formats.js';
import { Crm } from '../records/crm.js';
import { requireDirectory } from '../schema/lookup.js';
import { all, onDirectory, right } from '../access/needs.js';
import { command } from './command.js';
import { bool, cell, dict, object, oneOf, optional, str } from './input.js';

export const exportCommands = [
  command(
    {
      name: 'export.file',
      access: all(right('export', false), onDirectory('view', (i) => i.directory)),
      summary: 'A directory, or the records matching field values, as a CSV (any encoding and delimiter), TSV or XLSX file, in base64',
      input: object({
        directory: str,
        where: optional(dict(cell)),
        format: oneOf(EXPORT_FORMATS),
        encoding: optional(oneOf(EXPORT_ENCODINGS)),
        delimiter: optional(oneOf(CSV_DELIMITERS)),
        bom: optional(bool),
      }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      // The exporter (XLSX writer, fflate, the legacy encodings' tables) is loaded on first use, not
      // with the registry: a chunk of its own in the Excel task pane (office-addin/build.ts).
      const { exportDirectory } = await import('../export/export.js');
      const { bytes, ...file } = await exportDirectory(crm, dir.key, { ...input, today: ctx.now() });
      return { directory: dir.key, ...file, base64: encodeBase64(bytes) };
    },
  ),
];
