/**
 * Every host's harness, for the suites that run core itself over each host (the team's cells,
 * the property test): one variant each, the contract suite runs the others.
 */

import type { ContractHarness } from '../workbook-contract.js';
import { gasHarness } from './gas.js';
import { memoryHarness } from './memory.js';
import { officeHarness } from './office.js';
import { xlsxHarness } from './xlsx.js';

export const HOSTS: { name: string; make: () => Promise<ContractHarness> }[] = [
  { name: 'in-memory', make: memoryHarness },
  { name: 'xlsx file', make: xlsxHarness },
  { name: 'Apps Script', make: () => gasHarness('Asia/Kolkata') },
  { name: 'Excel (Office.js)', make: () => officeHarness(true) },
];
