import { memoryHarness } from './hosts/memory.js';
import { workbookContract } from './workbook-contract.js';

workbookContract('in-memory', memoryHarness);
