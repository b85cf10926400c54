/**
 * `npm run build`: every host's bundle into dist/. The Google add-on always; the Excel add-in
 * when its build script is present.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildGas } from '../gas-addon/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await buildGas(root);
console.log('dist/gas/: Code.js, Sidebar.html, appsscript.json');

const office = path.join(root, 'office-addin', 'build.ts');
if (existsSync(office)) {
  const { buildOffice } = (await import(pathToFileURL(office).href)) as { buildOffice: (root: string) => Promise<void> };
  await buildOffice(root);
  console.log('dist/office/: built');
}
