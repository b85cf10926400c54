/**
 * `buildOffice`: writes dist/office — the task pane (which the ribbon's buttons open, on a view:
 * ribbon.ts), the Mac download page, the manifest with the production URL swapped in, and the icons.
 *
 * The production URL comes from `options.baseUrl`, else CARNET_OFFICE_URL, else the development
 * https://localhost:3000 used by manifests/manifest.xml.
 *
 * Office SSO is off unless `options.ssoClientId` or CARNET_OFFICE_SSO_CLIENT_ID gives the add-in's
 * application (client) ID in Microsoft Entra ID: the manifest then gets `<WebApplicationInfo>` as
 * the last child of `<VersionOverrides>` (https://learn.microsoft.com/javascript/api/manifest/webapplicationinfo),
 * with the Resource `api://<the add-in's host>/<client id>` and the scopes openid and profile
 * (https://learn.microsoft.com/office/dev/add-ins/develop/sso-in-office-add-ins), and the task pane
 * is built to ask Office who is signed in (sso.ts).
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ICON_SIZES, iconFile, iconPng } from './icons.js';

export const DEV_URL = 'https://localhost:3000';

export interface OfficeBuildOptions {
  /** Where the add-in is served from (https). */
  baseUrl?: string;
  /** Output folder; `<root>/dist/office` by default. */
  outDir?: string;
  /** The add-in's application (client) ID in Microsoft Entra ID, a GUID: turns Office SSO on. */
  ssoClientId?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The SSO client ID from `explicit`, else CARNET_OFFICE_SSO_CLIENT_ID; undefined: SSO off. */
export function resolveSsoClientId(explicit?: string): string | undefined {
  const raw = (explicit ?? process.env.CARNET_OFFICE_SSO_CLIENT_ID ?? '').trim();
  if (!raw) return undefined;
  if (!GUID.test(raw)) throw new Error(`CARNET_OFFICE_SSO_CLIENT_ID must be the add-in's application (client) ID, a GUID, not "${raw}"`);
  return raw.toLowerCase();
}

/** `<WebApplicationInfo>` for the add-in served from `baseUrl`: the Resource's host must be the add-in's, port included. */
export function webApplicationInfo(baseUrl: string, clientId: string): string {
  const host = new URL(baseUrl).host;
  return [
    '    <!-- Office SSO (CARNET_OFFICE_SSO_CLIENT_ID): the add-in\'s app registration in Microsoft Entra ID. -->',
    '    <WebApplicationInfo>',
    `      <Id>${clientId}</Id>`,
    `      <Resource>api://${host}/${clientId}</Resource>`,
    '      <Scopes>',
    '        <Scope>openid</Scope>',
    '        <Scope>profile</Scope>',
    '      </Scopes>',
    '    </WebApplicationInfo>',
    '',
  ].join('\n');
}

/** The https origin (and optional path) the add-in is served from, without a trailing slash. */
export function resolveBaseUrl(explicit?: string): string {
  const raw = (explicit ?? process.env.CARNET_OFFICE_URL ?? DEV_URL).trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`CARNET_OFFICE_URL must be an absolute https URL, not "${raw}"`);
  }
  // Office loads add-ins over https only, localhost included.
  if (url.protocol !== 'https:') throw new Error(`CARNET_OFFICE_URL must use https (Office refuses http add-ins): "${raw}"`);
  if (url.search || url.hash) throw new Error(`CARNET_OFFICE_URL must not have a query or fragment: "${raw}"`);
  return raw;
}

/**
 * The manifest with every development URL replaced by `baseUrl`, and `<WebApplicationInfo>` when
 * SSO is on. An `<AppDomain>` gets the origin only: "don't include any segments of the URL past the
 * domain" (https://learn.microsoft.com/javascript/api/manifest/appdomain), so a path in
 * CARNET_OFFICE_URL never lands there. (manifests/manifest.xml lists none: the add-in's own origin
 * needs no AppDomain, and the structural check refuses one that repeats it.)
 */
export function renderManifest(xml: string, baseUrl: string, ssoClientId?: string): string {
  const origin = new URL(baseUrl).origin;
  const out = xml
    .replace(/(<AppDomain>\s*)([^<]*?)(\s*<\/AppDomain>)/g, (all, open: string, domain: string, close: string) =>
      domain.startsWith(DEV_URL) ? `${open}${origin}${close}` : all,
    )
    .split(DEV_URL)
    .join(baseUrl);
  if (!ssoClientId) return out;
  const end = out.lastIndexOf('  </VersionOverrides>');
  if (end < 0) throw new Error('The manifest has no </VersionOverrides> to put <WebApplicationInfo> in');
  return out.slice(0, end) + webApplicationInfo(baseUrl, ssoClientId) + out.slice(end);
}

export async function buildOffice(root: string, options: OfficeBuildOptions = {}): Promise<void> {
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const ssoClientId = resolveSsoClientId(options.ssoClientId);
  const src = path.join(root, 'office-addin');
  const out = options.outDir ?? path.join(root, 'dist', 'office');
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(path.join(out, 'assets'), { recursive: true });

  await build({
    absWorkingDir: root,
    entryPoints: {
      taskpane: path.join(src, 'taskpane.ts'),
      download: path.join(src, 'download-page.ts'),
    },
    outdir: out,
    bundle: true,
    // ES modules, so that code behind a dynamic `import()` (the template engine, imports, exports,
    // pivots) goes into chunks fetched when a screen first needs it, and the task pane's first
    // load stays small (esbuild splits ESM output only). The pages load each entry as
    // `<script type="module">`; chunks are `chunks/<name>-<hash>.js`, next to the entries.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    // Excel's webviews: WebView2 (Windows), WKWebView (Mac, Safari 14+), the browser (web) — all
    // run ES modules. The Trident and EdgeHTML webviews of older perpetual Office builds are not
    // supported (README).
    target: ['es2020'],
    tsconfig: path.join(src, 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
    // CARNET_OFFICE_SSO: whether the task pane asks Office who is signed in (taskpane.ts).
    define: { 'process.env.NODE_ENV': '"production"', CARNET_OFFICE_SSO: String(!!ssoClientId) },
  });

  for (const page of ['taskpane.html', 'download.html']) {
    await fs.copyFile(path.join(src, page), path.join(out, page));
  }
  const css = [await fs.readFile(path.join(root, 'ui', 'styles.css'), 'utf8'), await fs.readFile(path.join(src, 'taskpane.css'), 'utf8')];
  await fs.writeFile(path.join(out, 'taskpane.css'), css.join('\n'));
  const manifest = await fs.readFile(path.join(root, 'manifests', 'manifest.xml'), 'utf8');
  await fs.writeFile(path.join(out, 'manifest.xml'), renderManifest(manifest, baseUrl, ssoClientId));
  for (const size of ICON_SIZES) await fs.writeFile(path.join(out, 'assets', iconFile(size)), iconPng(size));
}
