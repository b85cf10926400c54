/**
 * `npm run validate:office [manifest.xml]`: an offline STRUCTURAL check of the Excel add-in
 * manifest. It is not Microsoft's validator: `npx office-addin-manifest validate` sends the file to
 * Microsoft's online service, unreachable from here, and no npm package ships the manifest XSD.
 *
 * What it checks: well-formed XML; the TaskPaneApp root and its namespace; the required elements
 * in the schema's order; a GUID id and a four-part version; the Workbook host; the ExcelApi
 * requirement set the code needs (office-addin/requirements.ts); every URL absolute and https; every
 * `resid` defined, ids at most 32 characters, strings within their length limits; every
 * `<AppDomain>` an origin, and not the SourceLocation's own (https://learn.microsoft.com/javascript/api/manifest/appdomain);
 * the ribbon's buttons as ribbon.ts has them (each a ShowTaskpane action onto the one pane, on the
 * view it names; no function command, which cannot open the pane); a `<Runtimes>` element, where
 * there is one, as a shared runtime needs it (the SharedRuntime requirement, the Runtime being a
 * pane's page: https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime);
 * icons present as PNGs of the declared size; Office SSO's
 * `<WebApplicationInfo>`, where there is one (the last child of `<VersionOverrides>`, a GUID
 * client ID, a Resource `api://<the add-in's host>/<client id>`, the openid and profile scopes:
 * https://learn.microsoft.com/javascript/api/manifest/webapplicationinfo); and, for a built
 * manifest, the pages it loads.
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pngSize } from './icons.js';
import { REQUIRED } from './requirements.js';
import { PANE_ID, RIBBON_VIEWS, viewFromUrl } from './ribbon.js';
import { childrenNamed, descendants, parseXml, XmlError, type XmlElement } from './xml.js';

export const STRUCTURAL_NOTE =
  "Structural check of the add-in manifest (offline). This is not Microsoft's validator: run `npx office-addin-manifest validate <file>` where Microsoft's online service is reachable before publishing.";

const APP_NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const OVERRIDES_NS = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';

/** OfficeApp's children in the order the XSD's sequence requires (those Carnet uses or may). */
const ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'AllowSnapshot',
  'VersionOverrides',
];
const REQUIRED_CHILDREN = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'Hosts', 'DefaultSettings', 'Permissions'];

export interface ManifestCheck {
  ok: boolean;
  errors: string[];
}

export interface ValidateOptions {
  /** Folder the manifest's URLs are served from (its own folder by default). */
  siteDir?: string;
  /** Also require the HTML pages the manifest loads (true for a built dist/office). */
  checkPages?: boolean;
}

export async function validateManifest(file: string, options: ValidateOptions = {}): Promise<ManifestCheck> {
  const errors: string[] = [];
  let xml: string;
  try {
    xml = await fs.readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [`Cannot read ${file}: ${(e as Error).message}`] };
  }
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { ok: false, errors: [`Not well-formed XML, ${e.message}`] };
    throw e;
  }
  const err = (el: XmlElement | undefined, message: string) => errors.push(el ? `line ${el.line}: ${message}` : message);

  if (root.name !== 'OfficeApp') err(root, `the root element must be <OfficeApp>, not <${root.name}>`);
  if (root.attributes.xmlns !== APP_NS) err(root, `<OfficeApp> must declare xmlns="${APP_NS}"`);
  if (root.attributes['xsi:type'] !== 'TaskPaneApp') err(root, 'xsi:type must be "TaskPaneApp" (an Excel task pane add-in)');

  // Required children, in the schema's order.
  const names = root.children.map((c) => c.name);
  for (const name of REQUIRED_CHILDREN) if (!names.includes(name)) err(root, `<${name}> is required in <OfficeApp>`);
  let last = -1;
  for (const child of root.children) {
    const at = ORDER.indexOf(child.name);
    if (at < 0) continue;
    if (at < last) err(child, `<${child.name}> must come before <${ORDER[last]}> (the schema fixes the order)`);
    last = Math.max(last, at);
  }
  const one = (name: string) => childrenNamed(root, name)[0];

  const id = one('Id');
  if (id && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id.text)) err(id, `<Id> must be a GUID, not "${id.text}"`);
  const version = one('Version');
  if (version && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version.text)) err(version, `<Version> must look like 1.0.0.0, not "${version.text}"`);
  for (const name of ['DisplayName', 'Description']) {
    const el = one(name);
    if (el && !el.attributes.DefaultValue) err(el, `<${name}> needs a DefaultValue`);
  }
  const displayName = one('DisplayName')?.attributes.DefaultValue ?? '';
  if (displayName.length > 125) err(one('DisplayName'), 'DisplayName is longer than 125 characters');
  if ((one('Description')?.attributes.DefaultValue ?? '').length > 250) err(one('Description'), 'Description is longer than 250 characters');

  const hosts = one('Hosts');
  if (hosts && !childrenNamed(hosts, 'Host').some((h) => h.attributes.Name === 'Workbook')) err(hosts, 'a <Host Name="Workbook"/> is required for Excel');
  const permissions = one('Permissions');
  if (permissions && !['ReadWriteDocument', 'ReadDocument', 'Restricted', 'WriteDocument'].includes(permissions.text)) {
    err(permissions, `unknown <Permissions> "${permissions.text}"`);
  }

  // Requirement sets: those the code refuses to run without must be declared.
  const sets = descendants(one('Requirements') ?? root).filter((e) => e.name === 'Set');
  for (const need of REQUIRED) {
    const set = sets.find((s) => s.attributes.Name === need.name);
    if (!set) err(one('Requirements'), `the requirement set ${need.name} ${need.version} that Carnet needs is not declared in <Requirements>`);
    else if (compareVersions(set.attributes.MinVersion ?? '1.1', need.version) < 0) {
      err(set, `${need.name} MinVersion ${set.attributes.MinVersion} is below ${need.version}, which Carnet needs`);
    }
  }

  // URLs: absolute https, every one of them.
  const urls: { el: XmlElement; url: string }[] = [];
  for (const el of descendants(root)) {
    const value = el.attributes.DefaultValue;
    const isUrl = /Url$|^SourceLocation$|^bt:Url$|^bt:Image$/.test(el.name);
    if (isUrl && value !== undefined) urls.push({ el, url: value });
    if (el.name === 'AppDomain') urls.push({ el, url: el.text });
  }
  for (const { el, url } of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      err(el, `<${el.name}> has "${url}", which is not an absolute URL`);
      continue;
    }
    if (parsed.protocol !== 'https:') err(el, `<${el.name}> must use https: "${url}"`);
  }
  if (!one('DefaultSettings') || !descendants(one('DefaultSettings')!).some((e) => e.name === 'SourceLocation')) {
    err(one('DefaultSettings'), '<DefaultSettings> needs a <SourceLocation>');
  }
  const sourceLocation = descendants(one('DefaultSettings') ?? root).find((e) => e.name === 'SourceLocation')?.attributes.DefaultValue;
  checkAppDomains(root, sourceLocation, err);

  // VersionOverrides: resources referenced exist, ids and strings within limits, functions known.
  const overrides = one('VersionOverrides');
  if (overrides) {
    if (overrides.attributes.xmlns !== OVERRIDES_NS) err(overrides, `<VersionOverrides> must declare xmlns="${OVERRIDES_NS}"`);
    const resources = new Map<string, XmlElement>();
    for (const el of descendants(overrides)) {
      if (['bt:Image', 'bt:Url', 'bt:String'].includes(el.name) && el.attributes.id) {
        if (resources.has(el.attributes.id)) err(el, `resource id "${el.attributes.id}" is defined twice`);
        resources.set(el.attributes.id, el);
        if (el.attributes.id.length > 32) err(el, `resource id "${el.attributes.id}" is longer than 32 characters`);
      }
    }
    const limit = (group: string, max: number) => {
      for (const el of descendants(overrides).filter((e) => e.name === group)) {
        for (const s of el.children) if ((s.attributes.DefaultValue ?? '').length > max) err(s, `${s.attributes.id} is longer than ${max} characters`);
      }
    };
    limit('bt:ShortStrings', 125);
    limit('bt:LongStrings', 250);
    for (const el of descendants(overrides)) {
      const resid = el.attributes.resid;
      if (resid !== undefined && !resources.has(resid)) err(el, `resid "${resid}" is not defined in <Resources>`);
      if (el.name === 'Control' && el.attributes.id && el.attributes.id.length > 125) err(el, `control id "${el.attributes.id}" is too long`);
    }
    const urlOf = (el: XmlElement | undefined) => (el?.attributes.resid ? resources.get(el.attributes.resid)?.attributes.DefaultValue : undefined);
    checkRibbon(overrides, sourceLocation, urlOf, err);
    checkRuntimes(overrides, one('Requirements'), err);
    const info = childrenNamed(overrides, 'WebApplicationInfo')[0];
    if (info) checkWebApplicationInfo(info, overrides, one('DefaultSettings'), err);
    // Icons: each declared size must be a PNG of that size on the site.
    const seen = new Set<string>();
    for (const img of descendants(overrides).filter((e) => e.name === 'bt:Image' && e.attributes.resid)) {
      const res = resources.get(img.attributes.resid!);
      const size = Number(img.attributes.size);
      // Each icon once per declared size, however many buttons use it.
      const key = `${img.attributes.resid}@${size}`;
      if (!res?.attributes.DefaultValue || seen.has(key)) continue;
      seen.add(key);
      const bytes = await siteFile(res.attributes.DefaultValue, file, options);
      if (!bytes) err(res, `icon ${res.attributes.DefaultValue} does not exist on the site`);
      else {
        const dims = pngSize(bytes);
        if (!dims) err(res, `icon ${res.attributes.DefaultValue} is not a PNG`);
        else if (dims.width !== size || dims.height !== size) err(img, `icon ${res.attributes.DefaultValue} is ${dims.width}×${dims.height}, the manifest says ${size}×${size}`);
      }
    }
  }
  for (const name of ['IconUrl', 'HighResolutionIconUrl']) {
    const el = one(name);
    const url = el?.attributes.DefaultValue;
    if (url && !(await siteFile(url, file, options))) err(el, `<${name}> ${url} does not exist on the site`);
  }
  if (options.checkPages) {
    for (const { el, url } of urls) {
      if (/\.html$/.test(new URL(url, 'https://x').pathname) && !(await siteFile(url, file, options))) err(el, `${url} does not exist on the site`);
    }
  }
  return { ok: errors.length === 0, errors };
}

type Report = (el: XmlElement | undefined, message: string) => void;

/**
 * "The value of the <AppDomain> element must include the protocol", "don't include any segments of
 * the URL past the domain", "don't put a closing slash", and "listing the same domain as the one
 * specified in the SourceLocation element has no effect and may be misleading"
 * (https://learn.microsoft.com/javascript/api/manifest/appdomain).
 */
function checkAppDomains(root: XmlElement, sourceLocation: string | undefined, err: Report): void {
  let own: string | undefined;
  try {
    own = sourceLocation ? new URL(sourceLocation).origin : undefined;
  } catch {
    own = undefined; // the URL check says why
  }
  for (const el of descendants(root).filter((e) => e.name === 'AppDomain')) {
    let origin: string;
    try {
      origin = new URL(el.text).origin;
    } catch {
      continue; // the URL check says why
    }
    if (el.text !== origin) err(el, `<AppDomain> must be an origin (scheme, host, port), without a path or a trailing slash: "${el.text}"`);
    else if (origin === own) err(el, `<AppDomain> "${el.text}" repeats the origin of <SourceLocation>, which has no effect`);
  }
}

/**
 * The ribbon as ribbon.ts has it: every button a ShowTaskpane action onto PANE_ID, on the task
 * pane's page (the DefaultSettings SourceLocation), each of RIBBON_VIEWS on its view. A function
 * command cannot open the pane: `Office.addin.showAsTaskpane` needs a shared runtime and is ignored
 * for Marketplace add-ins since 23 February 2026 (https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in).
 */
function checkRibbon(overrides: XmlElement, sourceLocation: string | undefined, urlOf: (el: XmlElement | undefined) => string | undefined, err: Report): void {
  const page = (url: string | undefined) => {
    try {
      const u = new URL(url ?? '');
      return `${u.origin}${u.pathname}`;
    } catch {
      return undefined;
    }
  };
  const controls = descendants(overrides).filter((e) => e.name === 'Control' && e.attributes['xsi:type'] === 'Button');
  for (const control of controls) {
    const id = control.attributes.id ?? '';
    const action = childrenNamed(control, 'Action')[0];
    const type = action?.attributes['xsi:type'];
    if (type === 'ExecuteFunction') {
      err(action, `button ${id} is a function command: without a shared runtime it cannot open the task pane, and Office ignores showAsTaskpane for Marketplace add-ins; make it a ShowTaskpane action`);
      continue;
    }
    if (type !== 'ShowTaskpane') {
      err(action ?? control, `button ${id} needs an <Action xsi:type="ShowTaskpane">`);
      continue;
    }
    const pane = childrenNamed(action!, 'TaskpaneId')[0]?.text;
    if (pane !== PANE_ID) err(action, `button ${id} must open the task pane ${PANE_ID} (its <TaskpaneId>), not ${pane ? `"${pane}"` : 'a pane of its own'}`);
    const location = childrenNamed(action!, 'SourceLocation')[0];
    const url = urlOf(location);
    if (url === undefined) continue; // the resid check says why
    if (sourceLocation !== undefined && page(url) !== page(sourceLocation)) err(location, `button ${id} must open the task pane's page ${page(sourceLocation)}, not ${url}`);
    const view = (RIBBON_VIEWS as Record<string, string>)[id];
    if (view !== undefined && viewFromUrl(url) !== view) err(location, `button ${id} must open the task pane on ?view=${view}, not ${url}`);
  }
  const ids = new Set(controls.map((c) => c.attributes.id));
  for (const id of Object.keys(RIBBON_VIEWS)) if (!ids.has(id)) err(overrides, `the ribbon has no button ${id} (ribbon.ts)`);
}

/**
 * A shared runtime needs "the SharedRuntime requirement set" in <Requirements>, and its
 * <Runtime resid> must be the task pane's: "the shared runtime won't load if the resid uses
 * different values in the manifest"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime).
 * Carnet declares none (ribbon.ts); this keeps one that is added from being half declared.
 */
function checkRuntimes(overrides: XmlElement, requirements: XmlElement | undefined, err: Report): void {
  const runtimes = descendants(overrides).filter((e) => e.name === 'Runtime');
  if (runtimes.length === 0) return;
  const sets = requirements ? descendants(requirements).filter((e) => e.name === 'Set') : [];
  if (!sets.some((s) => s.attributes.Name === 'SharedRuntime')) err(runtimes[0], 'a <Runtimes> element needs the SharedRuntime requirement set in <Requirements>');
  const panes = new Set(
    descendants(overrides)
      .filter((e) => e.name === 'Action' && e.attributes['xsi:type'] === 'ShowTaskpane')
      .map((a) => childrenNamed(a, 'SourceLocation')[0]?.attributes.resid),
  );
  for (const runtime of runtimes) {
    if (runtime.attributes.lifetime !== undefined && runtime.attributes.lifetime !== 'long' && runtime.attributes.lifetime !== 'short') {
      err(runtime, `<Runtime lifetime> is "long" or "short", not "${runtime.attributes.lifetime}"`);
    }
    if (!panes.has(runtime.attributes.resid)) err(runtime, `<Runtime resid="${runtime.attributes.resid}"> must be the resid of the task pane's <SourceLocation>, or the shared runtime won't load`);
  }
}

/**
 * Office SSO's element: "It must be the last child element" of VersionOverrides, and "the domain part
 * of this URI must match the domain, including any subdomains, used in the URLs" of the add-in, "the
 * URI must end with the client ID", and "the profile and openID permissions are always needed"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/sso-in-office-add-ins; a mismatch is
 * error 13004 at run time).
 */
function checkWebApplicationInfo(info: XmlElement, overrides: XmlElement, settings: XmlElement | undefined, err: Report): void {
  if (overrides.children[overrides.children.length - 1] !== info) err(info, '<WebApplicationInfo> must be the last child of <VersionOverrides>');
  const id = childrenNamed(info, 'Id')[0]?.text ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) err(info, `<WebApplicationInfo> needs an <Id> that is the app registration's client ID, a GUID, not "${id}"`);
  const resource = childrenNamed(info, 'Resource')[0]?.text ?? '';
  const source = settings ? descendants(settings).find((e) => e.name === 'SourceLocation')?.attributes.DefaultValue : undefined;
  let host: string | undefined;
  try {
    host = source ? new URL(source).host : undefined;
  } catch {
    host = undefined; // the URL check says why
  }
  if (host !== undefined && resource !== `api://${host}/${id}`) err(info, `<Resource> must be "api://${host}/${id}" (the add-in's host, then its client ID), not "${resource}"`);
  const scopes = descendants(info).filter((e) => e.name === 'Scope').map((e) => e.text.toLowerCase());
  for (const need of ['openid', 'profile']) if (!scopes.includes(need)) err(info, `<WebApplicationInfo> needs the scope ${need}`);
}

/** The file a URL of the manifest serves, looked up under the site folder by its path. */
async function siteFile(url: string, manifest: string, options: ValidateOptions): Promise<Buffer | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  const dir = options.siteDir ?? path.dirname(manifest);
  // The deepest path suffix that exists: the site may live under a sub-path of its origin.
  const parts = pathname.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    try {
      return await fs.readFile(path.join(dir, ...parts.slice(i)));
    } catch {
      // try a shorter suffix
    }
  }
  return undefined;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const built = path.join(root, 'dist', 'office', 'manifest.xml');
  const arg = process.argv[2];
  const file = arg ? path.resolve(arg) : (await fs.stat(built).then(() => true, () => false)) ? built : path.join(root, 'manifests', 'manifest.xml');
  const isBuild = await fs.stat(path.join(path.dirname(file), 'taskpane.js')).then(() => true, () => false);
  console.log(STRUCTURAL_NOTE);
  console.log(`Checking ${path.relative(process.cwd(), file) || file}${isBuild ? ' (a build: pages checked too)' : ''}`);
  const result = await validateManifest(file, { checkPages: isBuild });
  if (result.ok) {
    console.log('The manifest passes the structural check.');
    return;
  }
  for (const e of result.errors) console.error(`  ✗ ${e}`);
  console.error(`The manifest fails the structural check (${result.errors.length} problem${result.errors.length > 1 ? 's' : ''}).`);
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
