/**
 * `npm run build`: every host's bundle into dist/. The Google add-on always; the Excel add-in
 * when its build script is present. Then each bundle's size against its budget (budgets.ts): the
 * build fails past one.
 */

import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildGas } from '../gas-addon/build.js';
import { enforceBudgets, GAS_SIDEBAR_BUDGET, type Budget } from './budgets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const budgets: Budget[] = [];

await buildGas(root);
console.log('dist/gas/: Code.js, Screens.js (the screens the sidebar fetches when opened), Sidebar.html, appsscript.json');
// The sidebar is one page, its script inlined: all of it is the first load.
budgets.push({ name: 'dist/gas/Sidebar.html', bytes: (await fs.stat(path.join(root, 'dist', 'gas', 'Sidebar.html'))).size, budget: GAS_SIDEBAR_BUDGET });

const office = path.join(root, 'office-addin', 'build.ts');
if (existsSync(office)) {
  const { buildOffice } = (await import(pathToFileURL(office).href)) as { buildOffice: (root: string) => Promise<void> };
  await buildOffice(root);
  console.log('dist/office/: built');
  const { firstLoad, TASKPANE_BUDGET } = (await import(pathToFileURL(path.join(root, 'office-addin', 'first-load.ts')).href)) as typeof import('../office-addin/first-load.js');
  const load = await firstLoad(path.join(root, 'dist', 'office'));
  budgets.push({ name: `dist/office first load (taskpane.js + ${load.files.length - 1} chunks it imports)`, bytes: load.bytes, budget: TASKPANE_BUDGET });
}

console.log('Bundle sizes against their budgets:');
try {
  enforceBudgets(budgets);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
