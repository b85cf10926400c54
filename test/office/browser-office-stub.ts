/**
 * Stands in for Microsoft's office.js in the browser smoke test (taskpane.e2e.test.ts): an
 * `Office` object and an `Excel.run` backed by the fake Excel, bundled by the test and served at
 * the CDN's address. `globalThis.__carnetStub` (set before the page loads) picks the host's
 * ExcelApi version and platform.
 */

import { FakeExcel } from './fake-excel.js';

interface StubConfig {
  excelApi?: number;
  platform?: string;
}

const g = globalThis as unknown as Record<string, unknown>;
const config = (g.__carnetStub ?? {}) as StubConfig;
const excelApi = config.excelApi ?? 18;
// getMergedAreasOrNullObject is ExcelApi 1.13: an older stub refuses it, as such an Excel would.
const excel = new FakeExcel({ mergedAreas: excelApi >= 13 });
g.__fakeExcel = excel;
g.Excel = { run: excel.run };
const context = {
  platform: config.platform ?? 'OfficeOnline',
  requirements: {
    isSetSupported(name: string, version = '1.1') {
      const minor = Number(version.split('.')[1] ?? 0);
      return name === 'ExcelApi' ? minor <= excelApi : false;
    },
  },
  ui: { openBrowserWindow: (url: string) => ((g.__opened ??= [] as string[]) as string[]).push(url) },
};
g.Office = {
  HostType: { Excel: 'Excel' },
  context,
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: 'Excel', platform: context.platform };
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
};
