import { xlsxHarness } from './hosts/xlsx.js';
import { workbookContract } from './workbook-contract.js';

workbookContract('xlsx file', xlsxHarness);
