/**
 * The sidebar page's script in Google Sheets: mounts the shared UI with the google.script.run
 * bridge. The menu item that opened the sidebar says which screen (`window.CARNET_SCREEN`, set by
 * main.ts); screens not built yet say so, with a way back, so no menu item is dead. The same page
 * is the "Open wide" dialog: there `window.CARNET_WIDE` holds the view (wide-dialog.ts).
 */

import { render } from 'preact';
import type { WideView } from '../ui/bridge.js';
import { mount } from '../ui/mount.js';
import { scriptRunBridge, type ScriptRunner } from './sidebar-bridge.js';

declare const google: { script: { run: ScriptRunner } };
declare global {
  interface Window {
    CARNET_SCREEN?: string;
    CARNET_WIDE?: WideView;
  }
}

/** Screens of later issues, by menu item; `home`, `card`, `reports`, `import` and `settings` are the shared UI's own. */
const COMING: Record<string, string> = {
  documents: 'Documents from templates',
};

function ComingSoon({ title, onBack }: { title: string; onBack: () => void }) {
  return (
    <main class="carnet">
      <h1>{title}</h1>
      <p>This part of Carnet is not available yet in this version.</p>
      <button onClick={onBack}>Back to Carnet</button>
    </main>
  );
}

function start(): void {
  const root = document.getElementById('carnet');
  if (!root) return;
  const bridge = scriptRunBridge(() => google.script.run);
  const home = () => mount(root, bridge);
  const screen = window.CARNET_SCREEN ?? 'home';
  const wide = window.CARNET_WIDE?.screen === 'reports' ? window.CARNET_WIDE : undefined;
  const coming = COMING[screen];
  if (wide) mount(root, bridge, { screen, wide });
  else if (coming) render(<ComingSoon title={coming} onBack={home} />, root);
  else mount(root, bridge, { screen });
}

// main.ts appends the screen after this script: wait until the whole page is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
