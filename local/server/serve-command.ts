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

export function serveBanner(server: RunningServer, loginRequired = false): string {
  const signIn = loginRequired ? "This workbook's users have passwords: the page will ask you to sign in.\n" : '';
  return `Carnet is serving ${server.file}
Open this address in your browser (it carries this session's secret token):

    ${server.url}

${signIn}Only this computer can reach it. Press Ctrl+C to stop.
`;
}

/** Resolves once the server has stopped (SIGINT or SIGTERM). */
export async function serveVerb(file: string, args: ServeArgs, out: NodeJS.WritableStream, options: XlsxOptions = {}): Promise<number> {
  // Who started us, taken before the URL is printed: a launcher killed as soon as it reads the URL
  // must not already have handed this process to another parent when we look.
  const parent = process.ppid;
  const server = await startServer({ file, port: portOf(args.port), user: args.as ? { id: args.as, name: args.as } : undefined, xlsx: options });
  // A damaged `_carnet` is reported by every command the page runs; it need not stop the server.
  out.write(serveBanner(server, await server.loginRequired().catch(() => false)));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Started through a launcher that does not pass signals on (`npx carnet serve`, killed): when
    // that parent goes, this process is handed to another one — stop rather than serve on, unseen.
    const watch = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watch);
        stop();
      }
    }, 1000);
    watch.unref();
  });
  return 0;
}
