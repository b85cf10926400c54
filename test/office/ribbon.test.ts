/**
 * The ribbon's buttons against the fake ribbon (fake-ribbon.ts), over the manifest the build
 * writes: with the task pane closed, each button must open it on its own view, whether the add-in
 * came from Microsoft Marketplace, an admin's central deployment or sideloading.
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderManifest } from '../../office-addin/build.js';
import { FakeRibbon, type Distribution } from './fake-ribbon.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROD = 'https://carnet.example.org/excel';

/** The ribbon's buttons and the task pane view each asks for (none: the pane as it opens). */
const BUTTONS: Record<string, string | undefined> = {
  'Carnet.Taskpane': undefined,
  'Carnet.OpenCard': 'card',
  'Carnet.Reports': 'reports',
  'Carnet.Import': 'import',
  'Carnet.Documents': 'documents',
};

const built = async () => renderManifest(await fs.readFile(path.join(ROOT, 'manifests', 'manifest.xml'), 'utf8'), PROD);

/** The page and the view a task pane URL opens: the view travels in the query (`?view=…`). */
const opened = (url: string) => {
  const u = new URL(url);
  return { page: `${u.origin}${u.pathname}`, view: u.searchParams.get('view') ?? undefined };
};

describe('The ribbon buttons', () => {
  it('are the five the manifest has', async () => {
    expect(new FakeRibbon(await built(), 'marketplace').buttons()).toEqual(Object.keys(BUTTONS));
  });

  for (const distribution of ['marketplace', 'central', 'sideloaded'] satisfies Distribution[]) {
    it(`each open the closed task pane on its view (${distribution})`, async () => {
      const xml = await built();
      for (const [button, view] of Object.entries(BUTTONS)) {
        const ribbon = new FakeRibbon(xml, distribution);
        await ribbon.click(button);
        expect(ribbon.pane, `${button} left the task pane closed`).toBeDefined();
        expect(opened(ribbon.pane!.url), button).toEqual({ page: `${PROD}/taskpane.html`, view });
      }
    });
  }

  it('replace the open pane’s view with their own, in the same pane, also after it was closed', async () => {
    const ribbon = new FakeRibbon(await built(), 'marketplace');
    await ribbon.click('Carnet.OpenCard');
    await ribbon.click('Carnet.Reports');
    expect(ribbon.panes.size).toBe(1);
    expect(opened(ribbon.pane!.url).view).toBe('reports');
    ribbon.closePane();
    await ribbon.click('Carnet.Import');
    expect(ribbon.panes.size).toBe(1);
    expect(ribbon.pane!.loads.map((u) => opened(u).view)).toEqual(['card', 'reports', 'import']);
  });
});

describe('The fake ribbon', () => {
  /** A manifest with one function command (`go`) and the pane it may show, with or without a shared runtime. */
  const manifest = (shared: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xsi:type="TaskPaneApp">
  <Requirements><Sets>${shared ? '<Set Name="SharedRuntime" MinVersion="1.1"/>' : ''}<Set Name="ExcelApi" MinVersion="1.8"/></Sets></Requirements>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts><Host xsi:type="Workbook">
      ${shared ? '<Runtimes><Runtime resid="Pane.Url" lifetime="long"/></Runtimes>' : ''}
      <DesktopFormFactor>
        <FunctionFile resid="${shared ? 'Pane.Url' : 'Commands.Url'}"/>
        <ExtensionPoint xsi:type="PrimaryCommandSurface"><OfficeTab id="TabHome"><Group id="G">
          <Control xsi:type="Button" id="Pane"><Action xsi:type="ShowTaskpane"><TaskpaneId>P</TaskpaneId><SourceLocation resid="Pane.Url"/></Action></Control>
          <Control xsi:type="Button" id="Go"><Action xsi:type="ExecuteFunction"><FunctionName>go</FunctionName></Action></Control>
        </Group></OfficeTab></ExtensionPoint>
      </DesktopFormFactor>
    </Host></Hosts>
    <Resources><bt:Urls>
      <bt:Url id="Pane.Url" DefaultValue="https://x.example/pane.html"/>
      <bt:Url id="Commands.Url" DefaultValue="https://x.example/commands.html"/>
    </bt:Urls></Resources>
  </VersionOverrides>
</OfficeApp>`;

  /** The ribbon, with `go` calling Office.addin.showAsTaskpane and always completing its event. */
  const ribbonWith = (shared: boolean, distribution: Distribution) => {
    const ribbon = new FakeRibbon(manifest(shared), distribution);
    const failures: unknown[] = [];
    ribbon.functions.set('go', async (event) => {
      try {
        await ribbon.addin.showAsTaskpane();
      } catch (e) {
        failures.push(e);
      } finally {
        event.completed();
      }
    });
    return { ribbon, failures };
  };

  it('runs a function command without opening the pane; showAsTaskpane needs a shared runtime', async () => {
    const { ribbon, failures } = ribbonWith(false, 'central');
    await ribbon.click('Go');
    expect(ribbon.pane).toBeUndefined();
    expect(failures).toHaveLength(1);
    expect(ribbon.busy).toEqual([]);
  });

  it('opens the shared runtime’s pane from showAsTaskpane when deployed centrally or sideloaded, never for a Marketplace add-in', async () => {
    for (const distribution of ['central', 'sideloaded'] as const) {
      const { ribbon, failures } = ribbonWith(true, distribution);
      await ribbon.click('Go');
      expect(ribbon.pane?.url, distribution).toBe('https://x.example/pane.html');
      expect(failures).toEqual([]);
    }
    const { ribbon, failures } = ribbonWith(true, 'marketplace');
    await ribbon.click('Go');
    expect(ribbon.pane).toBeUndefined();
    expect(failures).toEqual([]); // ignored, not refused: the button just looks dead
  });

  it('opens a ShowTaskpane pane wherever the add-in came from, and a function nobody associated does nothing', async () => {
    const ribbon = new FakeRibbon(manifest(false), 'marketplace');
    await ribbon.click('Go');
    expect(ribbon.pane).toBeUndefined();
    await ribbon.click('Pane');
    expect(ribbon.pane).toEqual({ url: 'https://x.example/pane.html', loads: ['https://x.example/pane.html'], visible: true });
  });
});
