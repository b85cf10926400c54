/**
 * The sidebar page's script in Google Sheets: mounts the shared UI with the google.script.run
 * bridge. The menu item that opened the sidebar says which screen (`window.CARNET_SCREEN`, set by
 * main.ts; "Documents" opens the Templates screen). The same page is the "Open wide" dialog: there
 * `window.CARNET_WIDE` holds the view (wide-dialog.ts).
 */

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

function start(): void {
  const root = document.getElementById('carnet');
  if (!root) return;
  const bridge = scriptRunBridge(() => google.script.run);
  const screen = window.CARNET_SCREEN ?? 'home';
  const wide = window.CARNET_WIDE?.screen === 'reports' ? window.CARNET_WIDE : undefined;
  mount(root, bridge, { screen, wide });
}

// main.ts appends the screen after this script: wait until the whole page is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
