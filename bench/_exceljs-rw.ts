/** `node --import tsx bench/_exceljs-rw.ts <in.xlsx> <out.xlsx>`: ExcelJS reads and writes the whole file, then prints its peak memory on stderr. */

import ExcelJS from 'exceljs';
import { printMaxRss } from './_child.js';

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error('usage: _exceljs-rw.ts <in.xlsx> <out.xlsx>');
const book = new ExcelJS.Workbook();
await book.xlsx.readFile(from);
await book.xlsx.writeFile(to);
printMaxRss();
