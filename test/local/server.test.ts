import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import type { RecordJson } from '../../core/records/record-json.js';
import { localContext } from '../../local/context.js';
import { MAX_BODY_BYTES, startServer, type RunningServer } from '../../local/server/server.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { carnet, digest, tempDir } from '../helpers/cli.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * node:http rather than fetch: fetch will not send a forged Host header, which is the point here.
 * A header given as '' is left out.
 */
function send(server: RunningServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const headers = Object.fromEntries(Object.entries({ Host: `127.0.0.1:${server.port}`, ...options.headers }).filter(([, v]) => v !== ''));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** What the page sends: same origin, JSON, the token header. */
function api(server: RunningServer, command: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(server, `/api/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Carnet-Token': server.token, Origin: server.origin, ...headers },
    body: JSON.stringify(input),
  });
}

async function result<T = any>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  const outcome = JSON.parse(r.body);
  if (r.status !== 200 || !outcome.ok) throw new Error(`expected success, got ${r.status} ${r.body}`);
  return outcome.result as T;
}

/** The file as a fresh process would read it. */
async function listFromDisk(file: string, directory: string): Promise<RecordJson[]> {
  const out = await dispatch(localContext(await XlsxWorkbook.open(file)), 'record.list', { directory });
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return (out.result as { records: RecordJson[] }).records;
}

const tmp = tempDir();
const demo = join(tmp.dir, 'demo.xlsx');
let server: RunningServer;

beforeAll(async () => {
  expect((await carnet('demo', demo, '--companies', '4')).code).toBe(0);
  server = await startServer({ file: demo, user: { id: 'anna@example.com', name: 'Anna' } });
});
afterAll(async () => {
  await server?.close();
  tmp.cleanup();
});

describe('carnet serve', () => {
  it('listens on 127.0.0.1 and gives a URL carrying a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
  });

  it('serves the page, with a policy allowing only its own script and API', async () => {
    const page = await send(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/app.js"></script>');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const js = await send(server, '/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('/api/');
    expect((await send(server, '/app.css')).body).toContain('.carnet');
  });

  it('says a port is taken, and offers one that is free (issue 13, §4)', async () => {
    const { startServer: start } = await import('../../local/server/server.js');
    const error = await start({ file: demo, port: server.port }).then(
      () => undefined,
      (e: { data?: unknown }) => e.data,
    );
    expect(error).toMatchObject({ code: 'E_BAD_INPUT', field: 'port', value: server.port });
    expect((error as { message: string }).message).toMatch(new RegExp(`^Port ${server.port} is taken: another program listens there\\. Port (\\d+) is free: carnet serve [^ ]+\\.xlsx --port \\1 \\(or leave --port out to pick a free one\\)\\.$`));
  });

  describe('refuses', () => {
    it('a path with malformed percent-encoding: 400, not an internal error (issue 13, §4)', async () => {
      const r = await api(server, 'card.%E0%A4%A', {});
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'E_BAD_INPUT', value: '/api/card.%E0%A4%A', message: 'The path "/api/card.%E0%A4%A" is not valid percent-encoding.' } });
    });

    it('JSON nested too deep: 400, not an internal error (issue 13, §4)', async () => {
      const deep = `{"directory":"companies","values":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
      const r = await send(server, '/api/record.create', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Carnet-Token': server.token, Origin: server.origin },
        body: deep,
      });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'E_BAD_INPUT', message: 'The input nests deeper than 64 levels: Carnet\'s commands take flat objects and lists.' } });
    });

    it('an API call without the token', async () => {
      const r = await api(server, 'card.index', {}, { 'X-Carnet-Token': '' });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toEqual({
        ok: false,
        error: { code: 'E_FORBIDDEN', message: 'Refused: missing or wrong session token. Open the URL `carnet serve` printed (it carries the token).' },
      });
    });

    it('an API call with a wrong token of the right length', async () => {
      const wrong = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      const r = await api(server, 'card.index', {}, { 'X-Carnet-Token': wrong });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe('E_FORBIDDEN');
    });

    it('a foreign Host, as a DNS-rebinding page would send, even with the token', async () => {
      const r = await api(server, 'card.index', {}, { Host: `evil.example:${server.port}` });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({
        ok: false,
        error: {
          code: 'E_FORBIDDEN',
          value: `evil.example:${server.port}`,
          message: `Refused: this Carnet server only answers to ${server.origin} (the request was for host "evil.example:${server.port}").`,
        },
      });
      // The page itself is not served to a foreign host either.
      expect((await send(server, '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    });

    it('a cross-origin call, even with the token', async () => {
      const r = await api(server, 'note.add', { company: 'CO-000001', values: { text: 'x' } }, { Origin: 'http://evil.example' });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({
        ok: false,
        error: { code: 'E_FORBIDDEN', value: 'http://evil.example', message: 'Refused: requests from http://evil.example may not use this Carnet server; only its own page may.' },
      });
      const otherPort = await api(server, 'card.index', {}, { Origin: `http://127.0.0.1:${server.port + 1}` });
      expect(otherPort.status).toBe(403);
      const site = await api(server, 'card.index', {}, { Origin: '', 'Sec-Fetch-Site': 'cross-site' });
      expect(site.status).toBe(403);
      expect(JSON.parse(site.body).error).toEqual({ code: 'E_FORBIDDEN', value: 'cross-site', message: 'Refused: a cross-site request may not use this Carnet server.' });
    });

    it('a body that is not JSON, or too big', async () => {
      const form = await send(server, '/api/card.index', { method: 'POST', headers: { 'X-Carnet-Token': server.token, 'Content-Type': 'text/plain' }, body: '{}' });
      expect(form.status).toBe(415);
      expect(JSON.parse(form.body).error).toEqual({ code: 'E_BAD_INPUT', value: 'text/plain', message: 'The API takes JSON bodies (Content-Type: application/json).' });

      const broken = await send(server, '/api/card.index', { method: 'POST', headers: { 'X-Carnet-Token': server.token, 'Content-Type': 'application/json' }, body: '{' });
      expect(broken.status).toBe(400);
      expect(JSON.parse(broken.body).error.code).toBe('E_BAD_INPUT');

      const huge = await api(server, 'note.add', { company: 'CO-000001', values: { text: 'x'.repeat(MAX_BODY_BYTES) } });
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body).error).toEqual({ code: 'E_BAD_INPUT', message: `The request body is over ${MAX_BODY_BYTES} bytes.` });
    });

    it("an import's preview may carry a file of several megabytes", async () => {
      const rows = Array.from({ length: 40_000 }, (_, i) => `Company ${i}\t+336123${String(i % 10_000).padStart(5, '0')}`);
      const text = `Name\tPhone\n${rows.join('\n')}\n`;
      expect(text.length).toBeGreaterThan(MAX_BODY_BYTES);
      const plan = await api(server, 'import.plan', { directory: 'companies', source: { kind: 'text', text } });
      expect(plan.status).toBe(200);
      expect(JSON.parse(plan.body).result.counts.create).toBe(40_000);
    });

    it('other methods', async () => {
      expect((await send(server, '/api/card.index', { headers: { 'X-Carnet-Token': server.token } })).status).toBe(405);
      expect((await send(server, '/', { method: 'POST' })).status).toBe(405);
      expect((await send(server, '/secrets')).status).toBe(404);
    });
  });

  it('runs a command for its own page with the token', async () => {
    const index = await result(api(server, 'card.index', {}));
    expect(index.companies).toHaveLength(4);
    expect(index.user).toEqual({ id: 'anna@example.com', name: 'Anna' });
  });

  it('answers a refused command with the whole error, and leaves the file untouched', async () => {
    const before = digest(demo);
    const r = await api(server, 'contact.add', { company: 'CO-000001', values: { name: 'Bad Email', email: 'bad@' } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bad@', message: 'Contacts › Email: "bad@" is not an email address.' },
    });
    expect(digest(demo)).toBe(before);
  });

  it('loses nothing when two tabs save at once: writes are serialised, ids never reused', async () => {
    const notesBefore = (await listFromDisk(demo, 'notes')).length;
    const companiesBefore = (await listFromDisk(demo, 'companies')).length;
    const writes = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => result(api(server, 'note.add', { company: i % 2 ? 'CO-000001' : 'CO-000002', values: { text: `Tab note ${i}` } }))),
      ...Array.from({ length: 6 }, (_, i) => result(api(server, 'company.create', { values: { name: `Concurrent ${i}` } }))),
    ]);
    const ids = writes.map((w) => w.record.id);
    expect(new Set(ids).size).toBe(18);

    const notes = await listFromDisk(demo, 'notes');
    expect(notes).toHaveLength(notesBefore + 12);
    expect(notes.filter((n) => String(n.values.text).startsWith('Tab note ')).map((n) => n.values.text).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `Tab note ${i}`).sort(),
    );
    const companies = await listFromDisk(demo, 'companies');
    expect(companies).toHaveLength(companiesBefore + 6);
    expect(new Set(companies.map((c) => c.id)).size).toBe(companies.length);
  });

  it('loses nothing when two servers (two processes) save the same file at once', async () => {
    const file = join(tmp.dir, 'shared.xlsx');
    copyFileSync(demo, file);
    const a = await startServer({ file });
    const b = await startServer({ file });
    try {
      const writes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => result(api(i % 2 ? a : b, 'note.add', { company: 'CO-000003', values: { text: `From ${i % 2 ? 'A' : 'B'} ${i}` } }))),
      );
      expect(new Set(writes.map((w) => w.record.id)).size).toBe(8);
      const texts = (await listFromDisk(file, 'notes')).map((n) => String(n.values.text)).filter((t) => t.startsWith('From '));
      expect(texts.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `From ${i % 2 ? 'A' : 'B'} ${i}`).sort());
    } finally {
      await a.close();
      await b.close();
    }
  });
});
