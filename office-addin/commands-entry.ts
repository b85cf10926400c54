/**
 * commands.js: registers the ribbon's function commands with Office. The handlers themselves are
 * in commands.ts, testable without Office.
 */

import { browserStore } from './browser.js';
import { ribbonHandlers } from './commands.js';

Office.onReady(() => {
  const handlers = ribbonHandlers({
    store: browserStore(),
    now: () => Date.now(),
    showTaskpane: async () => {
      if (Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) await Office.addin.showAsTaskpane();
    },
    report: (error) => console.error('Carnet ribbon command failed', error),
  });
  for (const [name, handler] of Object.entries(handlers)) {
    // Office.actions.associate is the current way; hosts that predate it call the global by name.
    if (Office.actions?.associate) Office.actions.associate(name, handler);
    (globalThis as Record<string, unknown>)[name] = handler;
  }
});
