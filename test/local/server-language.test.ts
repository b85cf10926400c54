/**
 * The local server says core's messages in the language the sidebar asks for (X-Carnet-Lang, the
 * person's pick), else in the workbook's; a language Carnet does not speak is the workbook's too.
 * The sign-in screen's refusals as well.
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

  it('says the sign-in screen’s refusals in it too, once the workbook’s users have passwords', async () => {
    expect((await api(server, 'user.update', { id: 'anna@example.com', password: 'correct horse battery staple' })).body).toMatchObject({ ok: true });
    expect(await api(server, 'record.list', { directory: 'companies' })).toEqual({
      status: 401,
      body: { ok: false, error: { code: 'E_LOGIN', message: 'Connectez-vous\u00a0: les utilisateurs de ce classeur ont un mot de passe.' } },
    });
    const wrong = { user: 'anna@example.com', password: 'wrong' };
    expect(await api(server, 'session.login', wrong)).toEqual({ status: 401, body: { ok: false, error: { code: 'E_LOGIN', field: 'password', message: 'Identifiant ou mot de passe incorrect.' } } });
    expect(await api(server, 'session.login', wrong, { 'X-Carnet-Lang': 'ru' })).toEqual({ status: 401, body: { ok: false, error: { code: 'E_LOGIN', field: 'password', message: 'Неверный логин или пароль.' } } });
  });
});
