import { render } from 'preact';
import { App } from './app.js';
import type { Bridge, WideView } from './bridge.js';

export interface MountOptions {
  /** The screen to open on (`settings`, `reports`; `card` or `home` for the search); unknown names open the search. */
  screen?: string | undefined;
  /** A window of its own showing a screen at full size (what `Bridge.openWide` opened); its screen wins over `screen`. */
  wide?: WideView | undefined;
}

/** Each host's entry calls this with its own bridge, and the screen its menu item asked for. */
export function mount(element: HTMLElement, bridge: Bridge, options: MountOptions = {}): void {
  render(<App bridge={bridge} screen={options.wide?.screen ?? options.screen} wide={options.wide} />, element);
}
