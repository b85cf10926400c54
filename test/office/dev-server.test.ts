/**
 * The development server: the add-in's files over HTTPS with certificates made by
 * office-addin-dev-certs (written to a temporary folder, never installed), and nothing else.
 */

import { promises as fs } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer } from '../../office-addin/dev-server.js';

describe('The Office development server', () => {
  let dir: string;
  let server: https.Server;
  let ca: Buffer;
  let port: number;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-dev-server-'));
    const site = path.join(dir, 'site');
    await fs.mkdir(path.join(site, 'assets'), { recursive: true });
    await fs.writeFile(path.join(site, 'taskpane.html'), '<!doctype html><title>Carnet</title>');
    await fs.writeFile(path.join(site, 'taskpane.js'), 'void 0;');
    await fs.writeFile(path.join(dir, 'secret.txt'), 'not served');
    const [caPath, certPath, keyPath] = ['ca.crt', 'localhost.crt', 'localhost.key'].map((f) => path.join(dir, f));
    await generateCertificates(caPath, certPath, keyPath, 1, ['localhost']);
    ca = await fs.readFile(caPath!);
    server = createDevServer({ dir: site, tls: { key: await fs.readFile(keyPath!), cert: await fs.readFile(certPath!) } });
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    port = (server.address() as AddressInfo).port;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A GET that trusts only the CA made above: the certificate chain is really checked. */
  const get = (pathname: string) =>
    new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      https
        .get({ host: 'localhost', port, path: pathname, ca }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
        })
        .on('error', reject);
    });

  it('serves the task pane over HTTPS with a certificate for localhost', async () => {
    expect(await get('/taskpane.html')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>Carnet</title>' });
    expect((await get('/')).body).toContain('<title>Carnet</title>');
    expect((await get('/taskpane.js')).type).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside its folder', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
  });
});
