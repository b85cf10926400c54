/** The `carnet serve` verb: start the server, print the URL, run until Ctrl+C. */

import { fail } from '../../core/errors.js';
import type { XlsxOptions } from '../xlsx-workbook.js';
import { startServer, type RunningServer } from './server.js';

export interface ServeArgs {
  port?: string;
  as?: string;
}

function portOf(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail({ code: 'E_BAD_INPUT', value: v, message: '--port must be a whole number from 0 to 65535 (0 picks a free one).' });
  return n;
}

export function serveBanner(server: RunningServer): string {
  return `Carnet is serving ${server.file}
Open this address in your browser (it carries this session's secret token):

    ${server.url}

Only this computer can reach it. Press Ctrl+C to stop.
`;
}

/** Resolves once the server has stopped (SIGINT or SIGTERM). */
export async function serveVerb(file: string, args: ServeArgs, out: NodeJS.WritableStream, options: XlsxOptions = {}): Promise<number> {
  const server = await startServer({ file, port: portOf(args.port), user: args.as ? { id: args.as, name: args.as } : undefined, xlsx: options });
  out.write(serveBanner(server));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
