/**
 * The sidebar's screens loaded on demand, served from Code.js (`google.script.run.carnetScreen`):
 * Sidebar.html has a budget of 250 KB, so a screen listed in build.ts's REMOTE_SCREENS is built
 * apart, as a script that uses the page's own Preact and UI modules (`CarnetShared`), and kept as
 * text in dist/gas/Screens.js (`CARNET_SCREENS`, a global of the same script project). The page
 * asks for it the first time the screen is shown and runs it (sidebar-bridge.ts `servedScreen`).
 */

import type { Outcome } from '../ui/bridge.js';
import { say } from '../core/messages/say.js';

/** Screen name → its script, from Screens.js; absent where the project was pushed without it. */
declare const CARNET_SCREENS: Record<string, string> | undefined;

/** A screen's script as the outcome JSON every server function answers. */
export function screenOutcome(scripts: Record<string, string>, name: string): string {
  const script = Object.hasOwn(scripts, name) ? scripts[name] : undefined;
  const outcome: Outcome =
    script !== undefined
      ? { ok: true, result: script }
      : { ok: false, error: { code: 'E_BAD_INPUT', field: 'name', value: name, message: say('No sidebar screen "{name}" here (Screens.js has: {screens}).', { name, screens: Object.keys(scripts).join(', ') || say('none') }) } };
  return JSON.stringify(outcome);
}

export function carnetScreen(name: string): string {
  return screenOutcome(typeof CARNET_SCREENS === 'undefined' ? {} : CARNET_SCREENS, name);
}
