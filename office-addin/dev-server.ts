/**
 * `npm run start:office`: builds dist/office for https://localhost:3000 and serves it over HTTPS
 * with the development certificates of `office-addin-dev-certs` (Office loads add-ins from https
 * only). Then it prints how to sideload the manifest.
 *
 * Sideloading is not automated: `office-addin-debugging` depends on `keytar`, a native module that
 * builds only with libsecret's headers (`apt-get install -y libsecret-1-dev` on Debian), so it is
 * not a dependency of Carnet. Where it is installed, `npx office-addin-debugging start
 * dist/office/manifest.xml desktop` sideloads into Excel desktop.
 */

import { promises as fs } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface DevServerOptions {
  /** The folder served (dist/office). */
  dir: string;
  tls: { key: Buffer | string; cert: Buffer | string; ca?: Buffer | string };
}

/** A static HTTPS server for the add-in's files: nothing outside `dir`, no directory listings. */
export function createDevServer(options: DevServerOptions): https.Server {
  const root = path.resolve(options.dir);
  return https.createServer({ key: options.tls.key, cert: options.tls.cert }, async (req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      // The task pane must see each rebuild: no caching in development.
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname);
    } catch {
      return send(400, 'Bad request');
    }
    if (pathname === '/') pathname = '/taskpane.html';
    const file = path.resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + path.sep)) return send(404, 'Not found');
    try {
      const body = await fs.readFile(file);
      send(200, body, TYPES[path.extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'Not found');
    }
  });
}

/** Certificates trusted by this computer where possible; otherwise self-made ones, with a warning. */
async function certificates(): Promise<DevServerOptions['tls']> {
  const certs = await import('office-addin-dev-certs');
  try {
    return await certs.getHttpsServerOptions();
  } catch (e) {
    // Installing the CA needs admin rights (sudo on Linux, a prompt on Windows and macOS).
    await certs.generateCertificates();
    const { homedir } = await import('node:os');
    const dir = path.join(homedir(), '.office-addin-dev-certs');
    console.warn(
      `Could not install the development CA (${(e as Error).message.split('\n')[0]}).\n` +
        `Serving with certificates from ${dir}, which this computer does not trust yet: run\n` +
        '  npx office-addin-dev-certs install\n' +
        `with admin rights, or trust ${path.join(dir, 'ca.crt')} by hand, or Office will refuse the add-in.`,
    );
    return {
      key: await fs.readFile(path.join(dir, 'localhost.key')),
      cert: await fs.readFile(path.join(dir, 'localhost.crt')),
      ca: await fs.readFile(path.join(dir, 'ca.crt')),
    };
  }
}

export const SIDELOAD_STEPS = (manifest: string, url: string) => `
Carnet for Excel is served at ${url}/taskpane.html
Manifest: ${manifest}

Sideload it (once per Excel):
  Excel on the web  Open a workbook › Home › Add-ins › More Add-ins › My Add-ins ›
                    Upload My Add-in › choose the manifest above. The browser must trust the
                    development certificate: open ${url}/taskpane.html once and accept it if asked.
  Excel on Windows  Put the manifest in a shared folder, add that folder as a Trusted Add-in
                    Catalog (File › Options › Trust Center › Trusted Add-in Catalogs), restart
                    Excel, then Home › Add-ins › Advanced › Shared Folder. Or, where
                    office-addin-debugging is installed: npx office-addin-debugging start ${manifest} desktop
  Excel for Mac     Copy the manifest to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
                    (create the folder), restart Excel, then Home › Add-ins › My Add-ins.

Then Home › Carnet opens the task pane. Ctrl+C stops the server.`;

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const port = Number(process.env.PORT ?? 3000);
  const url = `https://localhost:${port}`;
  const { buildOffice } = await import('./build.js');
  const dir = path.join(root, 'dist', 'office');
  await buildOffice(root, { baseUrl: url });
  const server = createDevServer({ dir, tls: await certificates() });
  server.listen(port, 'localhost', () => console.log(SIDELOAD_STEPS(path.join(dir, 'manifest.xml'), url)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
