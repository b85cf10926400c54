/**
 * Size budgets of the built bundles, which `npm run build` prints and enforces (scripts/build.ts):
 * a bundle past its budget fails the build, saying which and by how much, rather than being found
 * out by a test run later.
 */

/** dist/gas/Sidebar.html, the Google sidebar: one page with the UI inlined (test/gas/bundle-smoke.test.ts holds it to the same). */
export const GAS_SIDEBAR_BUDGET = 250_000;

export interface Budget {
  /** What is measured, as the build prints it. */
  name: string;
  bytes: number;
  budget: number;
}

const n = (v: number) => v.toLocaleString('en-US');

/** Prints one line per bundle through `log`; throws naming every bundle over its budget. */
export function enforceBudgets(budgets: readonly Budget[], log: (line: string) => void = console.log): void {
  for (const b of budgets) {
    const over = b.bytes - b.budget;
    // Rounded up past the budget, so that a bundle over it never reads "100%".
    const share = `${(over > 0 ? Math.ceil : Math.round)((b.bytes / b.budget) * 100)}%`;
    log(over > 0 ? `✗ ${b.name}: ${n(b.bytes)} bytes of ${n(b.budget)} (${share}): ${n(over)} over` : `  ${b.name}: ${n(b.bytes)} bytes of ${n(b.budget)} (${share})`);
  }
  const over = budgets.filter((b) => b.bytes > b.budget);
  if (over.length > 0) {
    const list = over.map((b) => `${b.name} is ${n(b.bytes)} bytes, ${n(b.bytes - b.budget)} over its ${n(b.budget)}`).join('; ');
    throw new Error(`Over budget: ${list}. Move code behind a dynamic import() or cut it.`);
  }
}
