/**
 * `carnet serve`: the sidebar and the command registry on http://127.0.0.1, over one .xlsx file.
 *
 * Anything on this computer can reach a local port, and any web page the user visits can make
 * the browser send requests to it. So, before any command runs:
 * - the server listens on 127.0.0.1 only, never on the network;
 * - `Host` must name this server (127.0.0.1:PORT or localhost:PORT): a page that rebinds its own
 *   domain's DNS to 127.0.0.1 (DNS rebinding) sends its own domain and is refused;
 * - an `Origin` other than this server's is refused (cross-site requests from other pages);
 * - the session token printed in the URL must come back in the `X-Carnet-Token` header: a custom
 *   header cannot be sent cross-origin without a CORS preflight, which this server never grants;
 * - bodies must be JSON and at most 1 MiB (an import's preview and apply: 160 MiB, the file they carry);
 * - once the workbook's users have passwords, a command needs a signed-in session (auth.ts).
 *
 * Each API call is one registry dispatch inside one workbook transaction: the file is re-read if
 * someone else saved it, changes are saved atomically at the end, a refusal saves nothing. The
 * workbook serialises transactions (and a lock file serialises processes), so two tabs saving at
 * once are applied one after the other, each seeing the other's ids.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodePath from 'node:path';
import type { Context } from '../../core/app/command.js';
import { checkDepth, tooDeep } from '../../core/app/input.js';
import { dispatch, type Outcome } from '../../core/app/registry.js';
import { CarnetError, fail, toErrorData, type ErrorData } from '../../core/errors.js';
import { loadMessages } from '../../core/messages/load.js';
import { speaking } from '../../core/messages/say.js';
import { MetaStore } from '../../core/schema/storage.js';
import { LANGS, type Lang } from '../../core/schema/types.js';
import type { UserInfo } from '../../core/workbook.js';
import { localContext } from '../context.js';
import { runOnFile } from '../run-command.js';
import { XlsxWorkbook, type XlsxOptions } from '../xlsx-workbook.js';
import { Refusal, SESSION_COMMANDS, SESSION_HEADER, SignIn } from './auth.js';
import { uiAssets } from './bundle.js';
import { CONTENT_SECURITY_POLICY, pageHtml } from './page.js';

export const TOKEN_HEADER = 'x-carnet-token';
/** The sidebar's language, when the person picked one (ui/local.ts). */
export const LANG_HEADER = 'x-carnet-lang';
/** Generous for a form or an import preview, small enough that a stray request cannot exhaust memory. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An import's preview and apply carry the whole file's text (core/import/source-types.ts accepts up
 * to 100 MB), escaped as JSON: these two commands alone may send that much.
 */
export const MAX_IMPORT_BODY_BYTES = 160 * 1024 * 1024;
const IMPORT_COMMANDS = new Set(['import.plan', 'import.apply']);

export interface ServeOptions {
  file: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Who is acting (`--as`); defaults to the OS user. */
  user?: UserInfo;
  /** A fixed token, for tests; otherwise a random one per run. */
  token?: string;
  /** The workbook's clock; defaults to this machine's local time. */
  now?: () => number;
  /** How the workbook is opened (`--force`, where warnings go). */
  xlsx?: XlsxOptions;
  /** The sign-in's clock in milliseconds (sessions' idle time, sign-in locks); for tests. */
  clock?: () => number;
}

export interface RunningServer {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  file: string;
  /** Whether the workbook, as saved now, makes the page ask to sign in. */
  loginRequired(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const file = nodePath.resolve(options.file);
  const wb = await XlsxWorkbook.open(file, { ...(options.xlsx ?? {}), ...(options.user ? { user: options.user } : {}) });
  const assets = await uiAssets();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const ctx: Context = options.now ? { wb, now: options.now } : localContext(wb);
  const signIn = new SignIn(wb, options.clock);

  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = () => hosts().map((h) => `http://${h}`);

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const data = error instanceof Refusal ? error.data : toErrorData(error);
      send(res, error instanceof Refusal ? error.status : 500, { ok: false, error: data });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts().includes(host)) {
      throw new Refusal(403, {
        code: 'E_FORBIDDEN',
        value: req.headers.host ?? null,
        message: `Refused: this Carnet server only answers to ${origins()[0]} (the request was for host "${req.headers.host ?? ''}").`,
      });
    }
    const url = new URL(req.url ?? '/', origins()[0]);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') throw new Refusal(405, { code: 'E_BAD_INPUT', message: 'The API takes POST requests only.' });
      let command: string;
      try {
        command = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        throw new Refusal(400, { code: 'E_BAD_INPUT', value: url.pathname, message: `The path "${url.pathname}" is not valid percent-encoding.` });
      }
      await api(req, res, command);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refusal(405, { code: 'E_BAD_INPUT', message: 'Only GET for pages.' });
    switch (url.pathname) {
      case '/':
        return serve(res, 'text/html; charset=utf-8', pageHtml(`Carnet — ${nodePath.basename(file)}`), { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
      case '/app.js':
        return serve(res, 'text/javascript; charset=utf-8', assets.js);
      case '/app.css':
        return serve(res, 'text/css; charset=utf-8', assets.css);
      case '/favicon.ico':
        res.writeHead(204, securityHeaders()).end();
        return;
      default:
        throw new Refusal(404, { code: 'E_NOT_FOUND', message: `Nothing at ${url.pathname}.` });
    }
  }

  async function api(req: IncomingMessage, res: ServerResponse, command: string): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins().includes(origin.toLowerCase())) {
      throw new Refusal(403, {
        code: 'E_FORBIDDEN',
        value: origin,
        message: `Refused: requests from ${origin} may not use this Carnet server; only its own page may.`,
      });
    }
    // Browsers that send Fetch Metadata say where a request comes from even without an Origin.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new Refusal(403, { code: 'E_FORBIDDEN', value: site, message: `Refused: a ${site} request may not use this Carnet server.` });
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      throw new Refusal(401, {
        code: 'E_FORBIDDEN',
        message: 'Refused: missing or wrong session token. Open the URL `carnet serve` printed (it carries the token).',
      });
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new Refusal(415, { code: 'E_BAD_INPUT', value: type, message: 'The API takes JSON bodies (Content-Type: application/json).' });
    }
    const body = await readBody(req, IMPORT_COMMANDS.has(command) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
      checkDepth(input);
    } catch (e) {
      if (e instanceof CarnetError) throw new Refusal(400, e.data);
      // A stack overflow inside JSON.parse is an input nested too deep, not a syntax error.
      if (e instanceof RangeError) throw new Refusal(400, depthError());
      throw new Refusal(400, { code: 'E_BAD_INPUT', message: `The input is not valid JSON: ${(e as Error).message}` });
    }
    const session = req.headers[SESSION_HEADER];
    const sessionToken = typeof session === 'string' ? session : undefined;
    // The language the person picked in the sidebar; anything else is the workbook's.
    const asked = req.headers[LANG_HEADER];
    const lang = typeof asked === 'string' && (LANGS as readonly string[]).includes(asked) ? (asked as Lang) : undefined;
    // The sign-in screen's refusals as well as the commands' in the person's language: the one the
    // page asks for, else the workbook's.
    const spoken = lang ?? (await new MetaStore(wb).load().then((meta) => meta?.schema.lang, () => undefined)) ?? 'en';
    await loadMessages(spoken);
    send(res, 200, await speaking(spoken, async () => (SESSION_COMMANDS.has(command) ? await signIn.answer(command, input, sessionToken) : await run(command, input, sessionToken, lang))));
  }

  /**
   * One dispatch, one transaction: a refusal throws inside it so that nothing is saved. The
   * session is checked in the same transaction, against the version of the file the command reads.
   */
  async function run(command: string, input: unknown, session: string | undefined, lang: Lang | undefined): Promise<Outcome> {
    try {
      return await runOnFile(wb, async () => {
        const actor = await signIn.actor(session);
        const outcome = await dispatch({ ...ctx, ...(actor ? { actor } : {}), ...(lang ? { lang } : {}) }, command, input);
        if (!outcome.ok) throw new CarnetError(outcome.error);
        return outcome;
      });
    } catch (error) {
      if (error instanceof Refusal) throw error;
      return { ok: false, error: toErrorData(error) };
    }
  }

  try {
    await listen(server, options.port ?? 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    const wanted = options.port ?? 0;
    const free = await freePortAfter(wanted);
    fail({
      code: 'E_BAD_INPUT',
      field: 'port',
      value: wanted,
      message: `Port ${wanted} is taken: another program listens there.${free ? ` Port ${free} is free: carnet serve ${nodePath.basename(file)} --port ${free}` : ''} (or leave --port out to pick a free one).`,
    });
  }
  port = (server.address() as AddressInfo).port;
  const origin = origins()[0]!;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    file,
    loginRequired: () => signIn.required(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooBig = () => new Refusal(413, { code: 'E_BAD_INPUT', message: `The request body is over ${limit} bytes.` });
    if (declared > limit) {
      reject(tooBig());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        reject(tooBig());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function securityHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function serve(res: ServerResponse, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { ...securityHeaders(), 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function send(res: ServerResponse, status: number, outcome: Outcome): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(outcome);
  // A refused oversized upload: close the connection rather than read the rest of it.
  const close = status === 413 ? { Connection: 'close' } : {};
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...close });
  res.end(body);
}

function depthError(): ErrorData {
  try {
    return tooDeep();
  } catch (e) {
    return toErrorData(e);
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The first port after `port` that nothing listens on (of the next 20), to offer instead. */
async function freePortAfter(port: number): Promise<number | undefined> {
  for (let p = port + 1; p <= Math.min(port + 20, 65535); p++) {
    const probe = createServer();
    try {
      await listen(probe, p);
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      return p;
    } catch {
      // taken too
    }
  }
  return undefined;
}
