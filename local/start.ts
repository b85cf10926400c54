/**
 * `npm start`: makes a demo CRM workbook (once), then serves the sidebar on it and prints the
 * address to open. Needs nothing but `npm install`: the UI is bundled when the server starts.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from './cli/main.js';
import { serveVerb } from './server/serve-command.js';

const dir = join(process.cwd(), 'workbooks');
const file = join(dir, 'carnet-demo.xlsx');
mkdirSync(dir, { recursive: true });
if (!existsSync(file)) {
  const code = await main(['demo', file]);
  if (code !== 0) process.exit(code);
} else {
  console.log(`Using the demo CRM made earlier: ${file}`);
}
const rel = relative(process.cwd(), file);
console.log(`
Your demo CRM is ${file}
Open it in Excel or LibreOffice: each directory is a sheet (Companies, Contacts, Sales, …),
with dropdowns for references; Carnet's schema sits in a very hidden sheet.

The same file from the command line:
  npx carnet list ${rel} companies --fields name,city,phone
  npx carnet add ${rel} companies --set name="Blue Harbor" --set email=HELLO@BLUEHARBOR.COM
  npx carnet check ${rel}
  npx carnet help
`);
try {
  process.exitCode = await serveVerb(file, {}, process.stdout);
} catch (error) {
  console.error(`carnet: ${(error as Error).message}`);
  process.exitCode = 1;
}
