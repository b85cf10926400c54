/**
 * `npm start`: makes a demo CRM workbook (once) and tells the user what to open and try next.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from './cli/main.js';

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

Try next:
  npx carnet list ${rel} companies --fields name,city,phone
  npx carnet add ${rel} companies --set name="Blue Harbor" --set email=HELLO@BLUEHARBOR.COM --set phone="(415) 555-2671"
  npx carnet add ${rel} companies --set name=Broken --set email=not-an-email     # refused, file untouched
  npx carnet check ${rel}
  npx carnet directory add ${rel} Books --field "Title:text:required,unique" --field "Author:text" --field "Price:money"
  npx carnet help
`);
