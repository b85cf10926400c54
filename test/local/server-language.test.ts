/**
 * The local server says core's messages in the language the sidebar asks for (X-Carnet-Lang, the
 * person's pick), else in the workbook's; a language Carnet does not speak is the workbook's too.
 */

import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../local/server/server.js';
import { carnet, tempDir } from '../helpers/cli.js';

function api(server: RunningServer, command: string, input: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/${command}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Carnet-Token': server.token, Origin: server.origin, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const tmp = tempDir();
const file = join(tmp.dir, 'fr.xlsx');
let server: RunningServer;

beforeAll(async () => {
  expect((await carnet('init', file, '--lang', 'fr', '--as', 'anna@example.com')).code).toBe(0);
  server = await startServer({ file, user: { id: 'anna@example.com', name: 'Anna' } });
});
afterAll(async () => {
  await server?.close();
  tmp.cleanup();
});

const BAD_EMAIL = { directory: 'contacts', values: { name: 'Jean', email: 'bad' } };
const refusal = (message: string) => ({ status: 200, body: { ok: false, error: { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bad', message } } });

describe('the language of core’s messages on the local server', () => {
  it('is the workbook’s when the page does not say', async () => {
    expect(await api(server, 'record.create', BAD_EMAIL)).toEqual(refusal('Contacts › E-mail\u00a0: «\u00a0bad\u00a0» n’est pas une adresse e-mail.'));
  });

  it('is the one the page asks for, labels included', async () => {
    expect(await api(server, 'record.create', BAD_EMAIL, { 'X-Carnet-Lang': 'ru' })).toEqual(refusal('Контакты › Эл. почта: «bad» не является адресом электронной почты.'));
    expect(await api(server, 'record.create', BAD_EMAIL, { 'X-Carnet-Lang': 'en' })).toEqual(refusal('Contacts › Email: "bad" is not an email address.'));
  });

  it('is the workbook’s for a language Carnet does not speak', async () => {
    expect(await api(server, 'record.create', BAD_EMAIL, { 'X-Carnet-Lang': 'de' })).toEqual(refusal('Contacts › E-mail\u00a0: «\u00a0bad\u00a0» n’est pas une adresse e-mail.'));
  });
});
