/**
 * The sidebar as the local server serves it: ui/local.ts bundled with esbuild when the server
 * starts (a fraction of a second), so `npm start` needs nothing but `npm install` — no build step,
 * and the page always matches the sources. esbuild is installed with tsx, which runs the CLI.
 */

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface UiAssets {
  js: string;
  css: string;
}

const ENTRY = fileURLToPath(new URL('../../ui/local.ts', import.meta.url));
const CSS = fileURLToPath(new URL('../../ui/styles.css', import.meta.url));

let cached: Promise<UiAssets> | undefined;

/** Bundled once per process: several servers (tests) share it. */
export function uiAssets(): Promise<UiAssets> {
  cached ??= build().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function build(): Promise<UiAssets> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    // The browsers Google Sheets and Office support; BigInt (sale amounts) needs ES2020.
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]!.text;
  return { js, css: await readFile(CSS, 'utf8') };
}
