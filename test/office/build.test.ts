/**
 * `buildOffice` into a temporary folder: the pages load only Microsoft's Office.js from outside,
 * the manifest carries the production URL and passes the structural check — and the check does
 * fail, saying why, on broken copies.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOffice, renderManifest, resolveBaseUrl, resolveSsoClientId } from '../../office-addin/build.js';
import { ICON_SIZES, iconFile, iconPng, pngSize } from '../../office-addin/icons.js';
import { STRUCTURAL_NOTE, validateManifest } from '../../office-addin/validate-manifest.js';
import { childrenNamed, descendants, parseXml, XmlError } from '../../office-addin/xml.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const PROD = 'https://carnet.example.org/excel';

/** `src` of every <script>, in order. */
const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]);
/** `src` of every module script. */
const modules = (html: string) => [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]);
/** The files a built module imports, statically or with `import()`: `./chunks/…` relative to it. */
const imported = (js: string) => [...js.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.\.?\/[^"]+)"/g)].map((m) => m[1]!);
const externals = (html: string) =>
  [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => /^(https?:)?\/\//.test(u));

describe('The Office build', () => {
  let out: string;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-office-build-'));
    out = path.join(dir, 'office');
    await buildOffice(ROOT, { baseUrl: `${PROD}/`, outDir: out });
  }, 120_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the pages, their scripts, the styles, the manifest and the icons', async () => {
    const files = (await fs.readdir(out)).sort();
    // No function file: every ribbon button opens the task pane (office-addin/ribbon.ts).
    expect(files).toEqual(['assets', 'chunks', 'download.html', 'download.js', 'manifest.xml', 'taskpane.css', 'taskpane.html', 'taskpane.js']);
    expect((await fs.readdir(path.join(out, 'assets'))).sort()).toEqual(ICON_SIZES.map(iconFile).sort());
  });

  it('splits the scripts into ES modules: every chunk an entry or a chunk imports exists, and every chunk is used', async () => {
    const chunks = (await fs.readdir(path.join(out, 'chunks'))).sort();
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(chunk).toMatch(/^[\w-]+\.js$/);
    const reached = new Set<string>();
    const todo = ['taskpane.js', 'download.js'];
    while (todo.length) {
      const file = todo.pop()!;
      const js = await fs.readFile(path.join(out, file), 'utf8');
      for (const ref of imported(js)) {
        const target = path.posix.join(path.posix.dirname(file), ref);
        expect(target, `${file} imports ${ref}`).toMatch(/^chunks\/[\w-]+\.js$/);
        expect(chunks, `${file} imports ${ref}, which the build did not write`).toContain(target.slice('chunks/'.length));
        if (!reached.has(target)) {
          reached.add(target);
          todo.push(target);
        }
      }
    }
    expect([...reached].sort()).toEqual(chunks.map((c) => `chunks/${c}`));
  });

  describe('taskpane.html', () => {
    it('loads exactly one external script, Office.js from Microsoft’s CDN, and then the bundled taskpane.js', async () => {
      const html = await fs.readFile(path.join(out, 'taskpane.html'), 'utf8');
      expect(scripts(html)).toEqual([OFFICE_JS, 'taskpane.js']);
      // Office.js a classic script, run first; Carnet a module (deferred, so Office.js is there).
      expect(modules(html)).toEqual(['taskpane.js']);
      expect(externals(html)).toEqual([OFFICE_JS]);
      expect(html).toContain('href="taskpane.css"');
    });

    it('has the shared sidebar’s styles', async () => {
      const css = await fs.readFile(path.join(out, 'taskpane.css'), 'utf8');
      expect(css).toContain(await fs.readFile(path.join(ROOT, 'ui', 'styles.css'), 'utf8'));
    });
  });

  it('gives download.html no Office at all', async () => {
    const download = await fs.readFile(path.join(out, 'download.html'), 'utf8');
    expect(scripts(download)).toEqual(['download.js']);
    expect(modules(download)).toEqual(['download.js']);
    expect(externals(download)).toEqual([]);
  });

  it('bundles browser code: no Node module is required at run time, by the entry or a chunk', async () => {
    const js = await fs.readFile(path.join(out, 'taskpane.js'), 'utf8');
    expect(js).toContain('Excel.run');
    for (const file of ['taskpane.js', ...(await fs.readdir(path.join(out, 'chunks'))).map((c) => `chunks/${c}`)]) {
      const code = await fs.readFile(path.join(out, file), 'utf8');
      expect(code, file).not.toMatch(/require\(["'](node:|fs|path|os)/);
    }
  });

  describe('manifest.xml', () => {
    it('parses, and every development URL is replaced by the production one', async () => {
      const xml = await fs.readFile(path.join(out, 'manifest.xml'), 'utf8');
      const root = parseXml(xml);
      expect(xml).not.toContain('localhost');
      expect(childrenNamed(root, 'DefaultSettings')[0]!.children[0]!.attributes.DefaultValue).toBe(`${PROD}/taskpane.html`);
      const urls = descendants(root)
        .map((e) => e.attributes.DefaultValue ?? (e.name === 'AppDomain' ? e.text : undefined))
        .filter((v): v is string => !!v && v.startsWith('http'));
      expect(urls.length).toBeGreaterThan(5);
      for (const url of urls) expect(url.startsWith(PROD)).toBe(true);
    });

    it('lists no AppDomain: one that repeats the SourceLocation origin "has no effect", and a path is not a domain', async () => {
      // https://learn.microsoft.com/javascript/api/manifest/appdomain: "Listing the same domain as
      // the one specified in the SourceLocation element has no effect", "don't include any segments
      // of the URL past the domain". PROD has a path (/excel): it must not land in an AppDomain.
      const root = parseXml(await fs.readFile(path.join(out, 'manifest.xml'), 'utf8'));
      const source = childrenNamed(root, 'DefaultSettings')[0]!.children[0]!.attributes.DefaultValue!;
      const domains = descendants(root).filter((e) => e.name === 'AppDomain').map((e) => e.text);
      for (const domain of domains) {
        expect(domain, 'an AppDomain is an origin, without a path').toBe(new URL(domain).origin);
        expect(domain, 'the SourceLocation origin needs no AppDomain').not.toBe(new URL(source).origin);
      }
      expect(childrenNamed(root, 'AppDomains')).toEqual([]);
    });

    it('passes the structural check, pages and icons included', async () => {
      expect(await validateManifest(path.join(out, 'manifest.xml'), { checkPages: true })).toEqual({ ok: true, errors: [] });
    });
  });

  describe('the structural check', () => {
    const broken = async (edit: (xml: string) => string, name = 'broken.xml') => {
      const xml = await fs.readFile(path.join(out, 'manifest.xml'), 'utf8');
      const file = path.join(out, name);
      await fs.writeFile(file, edit(xml));
      try {
        return await validateManifest(file, { checkPages: true });
      } finally {
        await fs.rm(file);
      }
    };

    it('says plainly that it is not Microsoft’s validator', () => {
      expect(STRUCTURAL_NOTE).toMatch(/^Structural check .*not Microsoft's validator/);
    });

    it('fails on XML that is not well-formed, with the line and column', async () => {
      expect(await broken((x) => x.replace('</ProviderName>', '</Provider>'))).toEqual({
        ok: false,
        errors: ['Not well-formed XML, line 23, column 23: </Provider> closes <ProviderName> (opened on line 23)'],
      });
    });

    it('fails on an http URL, a missing requirement set and an undefined resid, naming each', async () => {
      const result = await broken((x) =>
        x
          .replace(`${PROD}/taskpane.html"/>\n  </DefaultSettings>`, 'http://carnet.example.org/taskpane.html"/>\n  </DefaultSettings>')
          .replace('<Set Name="ExcelApi" MinVersion="1.8"/>', '<Set Name="ExcelApi" MinVersion="1.7"/>')
          .replace('resid="Reports.Tip"', 'resid="Reports.Tooltip"'),
      );
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual([
        expect.stringMatching(/: ExcelApi MinVersion 1\.7 is below 1\.8, which Carnet needs$/),
        expect.stringMatching(/: <SourceLocation> must use https: "http:\/\/carnet\.example\.org\/taskpane\.html"$/),
        expect.stringMatching(/: resid "Reports\.Tooltip" is not defined in <Resources>$/),
        // The buttons' page is the task pane's: the one given by the https URL.
        ...Array.from({ length: 5 }, () => expect.stringMatching(/: button Carnet\.\w+ must open the task pane's page http:\/\/carnet\.example\.org\/taskpane\.html, not https:/)),
      ]);
    });

    it('fails on a function command, a button onto another pane or the wrong view, and a half-declared shared runtime', async () => {
      const result = await broken((x) =>
        x
          .replace(
            /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>Carnet\.Pane<\/TaskpaneId>\s*<SourceLocation resid="Import\.Url"\/>\s*<\/Action>/,
            '<Action xsi:type="ExecuteFunction"><FunctionName>startImport</FunctionName></Action>',
          )
          .replace('<TaskpaneId>Carnet.Pane</TaskpaneId>\n                    <SourceLocation resid="Reports.Url"/>', '<TaskpaneId>Reports.Pane</TaskpaneId>\n                    <SourceLocation resid="Reports.Url"/>')
          .replace('taskpane.html?view=documents', 'taskpane.html?view=templates')
          .replace(/(<Host xsi:type="Workbook">)/, '$1\n        <Runtimes>\n          <Runtime resid="Commands.Url" lifetime="long"/>\n        </Runtimes>'),
      );
      expect(result.errors).toEqual([
        expect.stringMatching(/: resid "Commands\.Url" is not defined in <Resources>$/),
        expect.stringMatching(/: button Carnet\.Reports must open the task pane Carnet\.Pane \(its <TaskpaneId>\), not "Reports\.Pane"$/),
        expect.stringMatching(/: button Carnet\.Import is a function command: without a shared runtime it cannot open the task pane, and Office ignores showAsTaskpane for Marketplace add-ins; make it a ShowTaskpane action$/),
        expect.stringMatching(/: button Carnet\.Documents must open the task pane on \?view=documents, not https:\/\/carnet\.example\.org\/excel\/taskpane\.html\?view=templates$/),
        expect.stringMatching(/: a <Runtimes> element needs the SharedRuntime requirement set in <Requirements>$/),
        expect.stringMatching(/: <Runtime resid="Commands\.Url"> must be the resid of the task pane's <SourceLocation>, or the shared runtime won't load$/),
      ]);
    });

    it('fails on an AppDomain with a path, or one that repeats the SourceLocation origin', async () => {
      const result = await broken((x) =>
        x.replace(
          /(\n  <Hosts>)/,
          '\n  <AppDomains>\n    <AppDomain>https://carnet.example.org/excel</AppDomain>\n    <AppDomain>https://carnet.example.org</AppDomain>\n    <AppDomain>https://login.example.com</AppDomain>\n  </AppDomains>$1',
        ),
      );
      expect(result.errors).toEqual([
        expect.stringMatching(/: <AppDomain> must be an origin \(scheme, host, port\), without a path or a trailing slash: "https:\/\/carnet\.example\.org\/excel"$/),
        expect.stringMatching(/: <AppDomain> "https:\/\/carnet\.example\.org" repeats the origin of <SourceLocation>, which has no effect$/),
      ]);
    });

    it('fails when an icon is missing or the wrong size, or elements are out of order', async () => {
      const result = await broken((x) =>
        x
          .replace('assets/icon-80.png', 'assets/icon-81.png')
          .replace(/assets\/icon-32\.png"\/>\n        <bt:Image id="Icon.80"/, 'assets/icon-64.png"/>\n        <bt:Image id="Icon.80"')
          .replace(/(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, '$2\n  $1'),
      );
      expect(result.errors).toEqual([
        'line 23: <Version> must come before <ProviderName> (the schema fixes the order)',
        expect.stringMatching(/^line 58: icon .*\/assets\/icon-64\.png is 64×64, the manifest says 32×32$/),
        expect.stringMatching(/^line 151: icon .*\/assets\/icon-81\.png does not exist on the site$/),
      ]);
    });
  });

  describe('icons', () => {
    it('are PNGs of their size, and manifests/assets holds the same bytes the build writes', async () => {
      for (const size of ICON_SIZES) {
        const committed = await fs.readFile(path.join(ROOT, 'manifests', 'assets', iconFile(size)));
        expect(pngSize(committed)).toEqual({ width: size, height: size });
        expect(committed.equals(iconPng(size)), `manifests/assets/${iconFile(size)} is stale: regenerate it`).toBe(true);
      }
    });
  });

  describe('Office SSO', () => {
    const CLIENT = '5661fed9-f33d-4e95-b6cf-624a34a2f51d';
    const source = () => fs.readFile(path.join(ROOT, 'manifests', 'manifest.xml'), 'utf8');
    /** The manifest rendered with SSO, checked next to the built site (so its icons and pages are there). */
    const checked = async (xml: string) => {
      const file = path.join(out, 'sso-manifest.xml');
      await fs.writeFile(file, xml);
      try {
        return await validateManifest(file, { checkPages: true });
      } finally {
        await fs.rm(file);
      }
    };

    it('is off by default: no <WebApplicationInfo>, and the task pane is built not to ask Office', async () => {
      const manifest = parseXml(await fs.readFile(path.join(out, 'manifest.xml'), 'utf8'));
      expect(descendants(manifest).filter((e) => e.name === 'WebApplicationInfo')).toEqual([]);
      // The build defines the flag: the bundle keeps no reference to an undefined global.
      expect(await fs.readFile(path.join(out, 'taskpane.js'), 'utf8')).not.toContain('CARNET_OFFICE_SSO');
    });

    it('adds <WebApplicationInfo> as the last child of <VersionOverrides>: the client ID, api://<the add-in’s host>/<client ID>, openid and profile', async () => {
      const xml = renderManifest(await source(), PROD, CLIENT);
      const overrides = childrenNamed(parseXml(xml), 'VersionOverrides')[0]!;
      const info = overrides.children.at(-1)!;
      expect(info.name).toBe('WebApplicationInfo');
      expect(info.children.map((c) => [c.name, c.text])).toEqual([
        ['Id', CLIENT],
        ['Resource', `api://carnet.example.org/${CLIENT}`],
        ['Scopes', ''],
      ]);
      expect(descendants(info).filter((e) => e.name === 'Scope').map((e) => e.text)).toEqual(['openid', 'profile']);
      expect(await checked(xml)).toEqual({ ok: true, errors: [] });
      // The development server's port is part of the host.
      expect(renderManifest(await source(), 'https://localhost:3000', CLIENT)).toContain(`<Resource>api://localhost:3000/${CLIENT}</Resource>`);
    });

    it('is refused by the structural check when the Resource is another host’s, a scope is missing or it is not last', async () => {
      const xml = renderManifest(await source(), PROD, CLIENT);
      const result = await checked(
        xml
          .replace(`api://carnet.example.org/${CLIENT}`, `api://elsewhere.example/${CLIENT}`)
          .replace('<Scope>profile</Scope>', '')
          .replace(/(<WebApplicationInfo>[\s\S]*<\/WebApplicationInfo>\n)([\s\S]*)(  <\/VersionOverrides>)/, '$1    <Resources/>\n$3'),
      );
      expect(result.errors).toEqual([
        expect.stringMatching(/: <WebApplicationInfo> must be the last child of <VersionOverrides>$/),
        expect.stringMatching(new RegExp(`: <Resource> must be "api://carnet\\.example\\.org/${CLIENT}" \\(the add-in's host, then its client ID\\), not "api://elsewhere\\.example/${CLIENT}"$`)),
        expect.stringMatching(/: <WebApplicationInfo> needs the scope profile$/),
      ]);
    });

    it('takes the client ID from CARNET_OFFICE_SSO_CLIENT_ID, which must be a GUID', () => {
      const before = process.env.CARNET_OFFICE_SSO_CLIENT_ID;
      try {
        delete process.env.CARNET_OFFICE_SSO_CLIENT_ID;
        expect(resolveSsoClientId()).toBeUndefined();
        process.env.CARNET_OFFICE_SSO_CLIENT_ID = ` ${CLIENT.toUpperCase()} `;
        expect(resolveSsoClientId()).toBe(CLIENT);
        expect(() => resolveSsoClientId('carnet-app')).toThrow('must be the add-in\'s application (client) ID, a GUID, not "carnet-app"');
      } finally {
        if (before === undefined) delete process.env.CARNET_OFFICE_SSO_CLIENT_ID;
        else process.env.CARNET_OFFICE_SSO_CLIENT_ID = before;
      }
    });
  });

  describe('the production URL', () => {
    it('defaults to https://localhost:3000 and must be https', () => {
      const before = process.env.CARNET_OFFICE_URL;
      delete process.env.CARNET_OFFICE_URL;
      try {
        expect(resolveBaseUrl()).toBe('https://localhost:3000');
        process.env.CARNET_OFFICE_URL = 'https://crm.example.com/';
        expect(resolveBaseUrl()).toBe('https://crm.example.com');
        expect(() => resolveBaseUrl('http://crm.example.com')).toThrow('must use https');
        expect(() => resolveBaseUrl('crm.example.com')).toThrow('absolute https URL');
      } finally {
        if (before === undefined) delete process.env.CARNET_OFFICE_URL;
        else process.env.CARNET_OFFICE_URL = before;
      }
      expect(renderManifest('<a b="https://localhost:3000/x"/>', PROD)).toBe(`<a b="${PROD}/x"/>`);
      // An AppDomain gets the origin, never the path (https://learn.microsoft.com/javascript/api/manifest/appdomain).
      expect(renderManifest('<AppDomain>https://localhost:3000</AppDomain><a b="https://localhost:3000/x"/>', PROD)).toBe(
        `<AppDomain>https://carnet.example.org</AppDomain><a b="${PROD}/x"/>`,
      );
    });
  });
});

describe('The XML parser used by the check', () => {
  it('reads attributes, entities, CDATA and comments', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b>t&lt;<![CDATA[<raw>]]></b><c/></a>');
    expect(root).toMatchObject({ name: 'a', attributes: { x: '1 & 2' }, children: [{ name: 'b', text: 't<<raw>' }, { name: 'c' }] });
  });

  it('rejects duplicate attributes, stray ampersands and a second root', () => {
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(new XmlError('duplicate attribute x', 1, 10));
    expect(() => parseXml('<a>fish & chips</a>')).toThrow(/"&" must start an entity/);
    expect(() => parseXml('<a/><b/>')).toThrow(/content after the root element/);
  });
});
