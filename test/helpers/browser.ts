import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Debian's Chromium, headless; without the networking flags it keeps dialling Google's hosts, refused here. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts `carnet serve` on a free port as a real process; resolves with the printed URL (token included). */
export async function serveFile(file: string, as: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [join(ROOT, 'local/bin/carnet.mjs'), 'serve', file, '--port', '0', '--as', as], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`carnet serve printed no URL in 30 s:\n${out}\n${err}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`carnet serve exited (${code}):\n${out}\n${err}`)));
  });
  return { url, proc };
}

export interface Sidebar {
  page: Page;
  /** The printed address, token included: `page.goto(url)` reloads the sidebar. */
  url: string;
  /** Script errors the page threw since the last call: each test expects none. */
  takeErrors(): string[];
  close(): Promise<void>;
}

/** `carnet serve` on `file` acting as `as`, and the sidebar open in headless Chromium at Google's 300 px. */
export async function openSidebar(file: string, as: string, height = 720): Promise<Sidebar> {
  const { url, proc } = await serveFile(file, as);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 300, height } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return {
    page,
    url,
    takeErrors: () => errors.splice(0),
    async close() {
      await browser.close();
      proc.kill('SIGTERM');
    },
  };
}

/**
 * The README picture of one element, the sidebar's whole width: the page whole, cut to the element
 * (an element's own screenshot scrolls, and the sticky search bar lands across it). Written to
 * test-output/e2e, and to docs/screenshots when missing there or with CARNET_UPDATE_SCREENSHOTS=1.
 */
export async function screenshotOf(page: Page, name: string, selector: string): Promise<void> {
  const artifacts = join(ROOT, 'test-output/e2e');
  mkdirSync(artifacts, { recursive: true });
  const made = join(artifacts, name);
  const clip = await page.evaluate<{ x: number; y: number; width: number; height: number }>(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    const y = Math.max(0, box.top + window.scrollY - 6);
    return { x: 0, y, width: document.documentElement.clientWidth, height: Math.ceil(box.bottom + window.scrollY + 6 - y) };
  })()`);
  await page.screenshot({ path: made, fullPage: true, clip });
  const shot = join(ROOT, 'docs/screenshots', name);
  if (!existsSync(shot) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') copyFileSync(made, shot);
}
