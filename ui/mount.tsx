import { render } from 'preact';
import { App } from './app.js';
import type { Bridge } from './bridge.js';

/** Each host's entry calls this with its own bridge. */
export function mount(element: HTMLElement, bridge: Bridge): void {
  render(<App bridge={bridge} />, element);
}
