/**
 * Builds the Google Sheets add-on into `dist/gas/`, the folder `clasp push` uploads:
 *
 * - `Code.js`: the core and the Google host in one readable IIFE (not minified, comments
 *   stripped), then one top-level stub per name in GLOBALS, since Apps Script only finds
 *   top-level function declarations. `async`/`await` is lowered and `Promise` bound to SyncPromise
 *   so that `carnet()` can return its JSON (see sync-promise.ts for why). The sidebar's French and
 *   Russian words follow in an IIFE of their own (sidebar-words.ts), with a stub per name in
 *   SIDEBAR_GLOBALS.
 * - `Sidebar.html`: the shared UI and its CSS inlined in one page: no external script. English
 *   only: the other languages' words stay in Code.js, which serves them (`carnetWords`). The
 *   screens in REMOTE_SCREENS are not in it either (see there).
 * - `Screens.js`: those screens' scripts as text (`CARNET_SCREENS`), which Code.js serves
 *   (`carnetScreen`, sidebar-screens.ts); one script project, one global scope.
 * - `appsscript.json`: copied from manifests/.
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { GLOBALS } from './main.js';
import { SIDEBAR_GLOBALS } from './sidebar-words.js';

/** Apps Script's V8 runtime runs ES2019+; ES2020 syntax is well inside what it parses. */
const SERVER_TARGET = 'es2020';
/** The sidebar runs in the user's browser. */
const SIDEBAR_TARGET = 'es2019';
const BUNDLE_NAME = '__carnet';
const WORDS_NAME = 'CarnetWords';

export async function buildGas(root: string, outDir: string = path.join(root, 'dist', 'gas')): Promise<void> {
  // clasp pushes every file it finds there: a file left by an older build must not go up.
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });
  const [code, sidebar, screens] = await Promise.all([buildCode(root), buildSidebar(root), buildScreens(root)]);
  await Promise.all([
    fs.writeFile(path.join(outDir, 'Code.js'), code),
    fs.writeFile(path.join(outDir, 'Sidebar.html'), sidebar),
    fs.writeFile(path.join(outDir, 'Screens.js'), screens),
    fs.copyFile(path.join(root, 'manifests', 'appsscript.json'), path.join(outDir, 'appsscript.json')),
  ]);
}

async function bundle(options: esbuild.BuildOptions): Promise<string> {
  const result = await esbuild.build({ bundle: true, write: false, logLevel: 'silent', legalComments: 'none', charset: 'utf8', ...options });
  return result.outputFiles![0]!.text;
}

/**
 * A package's `browser` field map (pizzip, the document templates' zip, replaces its Node file
 * readers there): esbuild follows it only for the browser platform, and Apps Script, like a
 * browser, has no file system. Applied to the files that map names.
 */
const browserMap: esbuild.Plugin = {
  name: 'browser-map',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, async (args) => {
      // A scoped package (`@noble/hashes`) lives one folder deeper.
      const pkgDir = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(args.importer)?.[1];
      if (!pkgDir) return undefined;
      const pkg = JSON.parse(await fs.readFile(path.join(pkgDir, 'package.json'), 'utf8')) as { browser?: unknown };
      if (typeof pkg.browser !== 'object' || pkg.browser === null) return undefined;
      const from = `./${path.relative(pkgDir, path.join(path.dirname(args.importer), args.path))}`;
      const to = (pkg.browser as Record<string, string | false>)[from];
      return typeof to === 'string' ? { path: path.join(pkgDir, to) } : undefined;
    });
  },
};

async function buildCode(root: string): Promise<string> {
  const server: esbuild.BuildOptions = {
    format: 'iife',
    target: SERVER_TARGET,
    // Not a Node program, not a page: no `process`, no `window`; packages resolve to their ES builds.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    plugins: [browserMap],
    // papaparse (the import's CSV parser) names Node's `stream` for its Node-only streaming mode,
    // which Carnet never uses (it parses strings): left unresolved, never called.
    external: ['stream'],
    minify: false,
  };
  const promiseShim = await bundle({
    ...server,
    entryPoints: [path.join(root, 'gas-addon', 'sync-promise.ts')],
    globalName: 'CarnetSyncPromise',
  });
  const main = await bundle({
    ...server,
    entryPoints: [path.join(root, 'gas-addon', 'main.ts')],
    globalName: BUNDLE_NAME,
    // Native async functions would queue their continuations on V8's own microtask queue, which
    // runs only after `carnet()` has returned: lower them to generators driven by `Promise`.
    supported: { 'async-await': false, 'async-generator': false, 'for-await': false },
  });
  const words = await bundle({
    ...server,
    entryPoints: [path.join(root, 'gas-addon', 'sidebar-words.ts')],
    globalName: WORDS_NAME,
  });
  const stub = (holder: string) => (name: string) => `function ${name}(...args) {\n  return ${holder}.${name}(...args);\n}`;
  const stubs = [...GLOBALS.map(stub('Carnet')), ...SIDEBAR_GLOBALS.map(stub(WORDS_NAME))];
  return [
    '// Carnet for Google Sheets. Built by gas-addon/build.ts from the TypeScript sources: edit those, not this file.',
    stripComments(promiseShim),
    '',
    '// Every `Promise` in Carnet is a SyncPromise, so that a command finishes before carnet() returns.',
    'var Carnet = (function (Promise) {',
    stripComments(main),
    `  return ${BUNDLE_NAME};`,
    '})(CarnetSyncPromise.SyncPromise);',
    '',
    "// The sidebar's French and Russian words and its screens loaded on demand, which Sidebar.html does not carry.",
    stripComments(words),
    '',
    '// Apps Script calls menu items, triggers and google.script.run targets by top-level function name.',
    ...stubs,
    '',
  ].join('\n');
}

/**
 * The UI's French and Russian word lists (ui/i18n-fr.ts, ui/i18n-ru.ts), which it imports on demand,
 * left out of Sidebar.html: there the bridge's `words` fetches them from Code.js instead. Should
 * anything still import one, it fails saying so rather than silently speaking English.
 */
const wordsElsewhere: esbuild.Plugin = {
  name: 'words-elsewhere',
  setup(build) {
    build.onResolve({ filter: /^\.\/i18n-(fr|ru)\.js$/ }, (args) => ({ path: args.path, namespace: 'words-elsewhere' }));
    build.onLoad({ filter: /.*/, namespace: 'words-elsewhere' }, (args) => ({
      contents: `export const WORDS = undefined; throw new Error(${JSON.stringify(`${args.path} is served by Code.js (carnetWords), not bundled in Sidebar.html`)});`,
      loader: 'js',
    }));
  },
};

/**
 * Screens (ui/<file>.tsx → the components app.tsx imports from it) that Sidebar.html does not
 * carry: each is built apart (`buildScreens`) and Code.js serves it (`carnetScreen`). In the page,
 * app.tsx's `import('./<file>.js')` finds a module of the same names, each a lazy screen
 * (ui/lazy.tsx) that fetches the script and runs it (sidebar-bridge.ts `servedScreen`): the call
 * sites stay those of every host. Only screens fit, whose exports are components.
 */
export const REMOTE_SCREENS: Record<string, readonly string[]> = {
  directories: ['Directories'],
  audit: ['Audit'],
  configurator: ['Configurator', 'AdoptSheet'],
};

/**
 * What a screen built apart takes from the page instead of carrying its own copy: Preact (one
 * renderer and its hooks) and the UI modules with state (the context, the word lists, BridgeError
 * for `instanceof`) or that the page has anyway, ui/<name> by file name. Only the names listed
 * cross, which keeps the page small: a screen importing another name of these modules fails to
 * build (no matching export); other modules it uses are copied into its script.
 */
const SHARED: Record<string, readonly string[]> = {
  'preact/hooks': ['useEffect', 'useLayoutEffect', 'useMemo', 'useRef', 'useState'],
  'preact/jsx-runtime': ['jsx', 'jsxs', 'Fragment'],
  bridge: ['BridgeError'],
  context: ['directory', 'labelOf', 'useCarnet'],
  format: ['display', 'dayTime'],
  form: ['problemsOf', 'RecordForm'],
  i18n: ['registerWords'],
  options: ['optionsFor'],
  rights: ['mayCreate', 'mayDelete', 'mayEdit', 'mayView'],
};

const isPackage = (name: string) => name.startsWith('preact');
const sharedPath = (root: string, name: string) => (isPackage(name) ? name : path.join(root, 'ui', name === 'form' ? `${name}.tsx` : `${name}.ts`));

/** In the page: a module per remote screen that loads it when shown, and hands it the shared names. */
function screensElsewhere(root: string): esbuild.Plugin {
  const names = Object.keys(REMOTE_SCREENS).join('|');
  return {
    name: 'screens-elsewhere',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^\\./(${names})\\.js$`) }, (args) =>
        args.importer.startsWith(path.join(root, 'ui')) ? { path: /^\.\/(.*)\.js$/.exec(args.path)![1]!, namespace: 'screens-elsewhere' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'screens-elsewhere' }, (args) => {
        const modules = Object.entries(SHARED);
        const imports = modules.map(([name, names], i) => `import { ${names.map((n) => `${n} as m${i}_${n}`).join(', ')} } from ${JSON.stringify(sharedPath(root, name))};`);
        const shared = `{ ${modules.map(([name, names], i) => `${JSON.stringify(name)}: { ${names.map((n) => `${n}: m${i}_${n}`).join(', ')} }`).join(', ')} }`;
        const exports = REMOTE_SCREENS[args.path]!.map(
          (component) => `export const ${component} = lazyScreen(() => servedScreen(() => google.script.run, ${JSON.stringify(args.path)}, shared).then((m) => m[${JSON.stringify(component)}]));`,
        );
        return {
          contents: [
            ...imports,
            `import { lazyScreen } from ${JSON.stringify(path.join(root, 'ui', 'lazy.tsx'))};`,
            `import { servedScreen } from ${JSON.stringify(path.join(root, 'gas-addon', 'sidebar-bridge.ts'))};`,
            `const shared = ${shared};`,
            ...exports,
          ].join('\n'),
          loader: 'js',
          resolveDir: root,
        };
      });
    },
  };
}

/** In a screen built apart: the shared names read from the page (`CarnetShared`). */
function sharedFromPage(root: string): esbuild.Plugin {
  const ui = new Map(Object.keys(SHARED).filter((n) => !isPackage(n)).map((n) => [path.join(root, 'ui', n), n]));
  return {
    name: 'shared-from-page',
    setup(build) {
      build.onResolve({ filter: /^preact(\/.*)?$/ }, (args) =>
        Object.hasOwn(SHARED, args.path) ? { path: args.path, namespace: 'shared' } : { errors: [{ text: `${args.path} is not shared with the page (build.ts SHARED): a second Preact would not render` }] },
      );
      // By where the import leads, from any folder of ui/: one context, one word list.
      build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const name = ui.get(path.resolve(path.dirname(args.importer), args.path).replace(/\.js$/, ''));
        return name ? { path: name, namespace: 'shared' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
        contents: [`const m = CarnetShared[${JSON.stringify(args.path)}];`, ...SHARED[args.path]!.map((n) => `export const ${n} = m.${n};`)].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** Screen name → its script (an IIFE that sets `CarnetScreens[name]` to the screen's module), as Screens.js. */
async function buildScreens(root: string): Promise<string> {
  const scripts: Record<string, string> = {};
  for (const name of Object.keys(REMOTE_SCREENS)) {
    const script = await bundle({
      stdin: {
        contents: `import * as screen from ${JSON.stringify(path.join(root, 'ui', `${name}.js`))};\n(globalThis.CarnetScreens = globalThis.CarnetScreens || {})[${JSON.stringify(name)}] = screen;`,
        resolveDir: path.join(root, 'ui'),
        loader: 'js',
      },
      format: 'iife',
      target: SIDEBAR_TARGET,
      platform: 'browser',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: true,
      plugins: [sharedFromPage(root), wordsElsewhere],
    });
    // Run as a script element's text, never parsed as HTML: no escaping needed.
    scripts[name] = script;
  }
  return [
    '// Carnet for Google Sheets: the sidebar screens Sidebar.html leaves out, as text that Code.js serves (carnetScreen). Built by gas-addon/build.ts.',
    `var CARNET_SCREENS = ${JSON.stringify(scripts, null, 1)};`,
    '',
  ].join('\n');
}

async function buildSidebar(root: string): Promise<string> {
  const script = await bundle({
    entryPoints: [path.join(root, 'gas-addon', 'sidebar-entry.tsx')],
    format: 'iife',
    target: SIDEBAR_TARGET,
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    plugins: [wordsElsewhere, screensElsewhere(root)],
  });
  // Minified: the sidebar page is one file with a size budget (250 KB), and its CSS is inlined.
  const css = (await esbuild.transform(await fs.readFile(path.join(root, 'ui', 'styles.css'), 'utf8'), { loader: 'css', minify: true })).code;
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    // Links open in a new tab instead of inside the sidebar's iframe.
    '<base target="_top">',
    '<meta charset="utf-8">',
    '<title>Carnet</title>',
    `<style>\n${css.replace(/<\/style/gi, '<\\/style')}</style>`,
    '</head>',
    '<body>',
    '<div id="carnet"></div>',
    `<script>\n${inlineScript(script)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * esbuild keeps doc comments on class members; the pushed file should carry none (the sources do).
 * TypeScript's printer re-prints the parsed bundle without them: same code, consistent indentation.
 */
function stripComments(js: string): string {
  const file = ts.createSourceFile('bundle.js', js, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  return ts.createPrinter({ removeComments: true }).printFile(file).trimEnd();
}

/**
 * A script inlined in HTML ends at the first `</script`, wherever it is; `<!--` can also change
 * how the rest is parsed. Both can only occur inside string literals, regexes or comments of the
 * bundle, where the escaped forms mean the same.
 */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
