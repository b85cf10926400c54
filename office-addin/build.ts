/**
 * `buildOffice`: writes dist/office — the task pane, the ribbon's function file, the Mac download
 * page, the manifest with the production URL swapped in, and the icons.
 *
 * The production URL comes from `options.baseUrl`, else CARNET_OFFICE_URL, else the development
 * https://localhost:3000 used by manifests/manifest.xml.
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

/** The manifest with every development URL replaced by `baseUrl`. */
export function renderManifest(xml: string, baseUrl: string): string {
  return xml.split(DEV_URL).join(baseUrl);
}

export async function buildOffice(root: string, options: OfficeBuildOptions = {}): Promise<void> {
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const src = path.join(root, 'office-addin');
  const out = options.outDir ?? path.join(root, 'dist', 'office');
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(path.join(out, 'assets'), { recursive: true });

  await build({
    absWorkingDir: root,
    entryPoints: {
      taskpane: path.join(src, 'taskpane.ts'),
      commands: path.join(src, 'commands-entry.ts'),
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
    define: { 'process.env.NODE_ENV': '"production"' },
  });

  for (const page of ['taskpane.html', 'commands.html', 'download.html']) {
    await fs.copyFile(path.join(src, page), path.join(out, page));
  }
  const css = [await fs.readFile(path.join(root, 'ui', 'styles.css'), 'utf8'), await fs.readFile(path.join(src, 'taskpane.css'), 'utf8')];
  await fs.writeFile(path.join(out, 'taskpane.css'), css.join('\n'));
  const manifest = await fs.readFile(path.join(root, 'manifests', 'manifest.xml'), 'utf8');
  await fs.writeFile(path.join(out, 'manifest.xml'), renderManifest(manifest, baseUrl));
  for (const size of ICON_SIZES) await fs.writeFile(path.join(out, 'assets', iconFile(size)), iconPng(size));
}
