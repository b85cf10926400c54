import { render } from 'preact';
import { App } from './app.js';
import type { Bridge } from './bridge.js';

export interface MountOptions {
  /** The screen to open on (`settings`; `card` or `home` for the search); unknown names open the search. */
  screen?: string | undefined;
}

/** Each host's entry calls this with its own bridge, and the screen its menu item asked for. */
export function mount(element: HTMLElement, bridge: Bridge, options: MountOptions = {}): void {
  render(<App bridge={bridge} screen={options.screen} />, element);
}
