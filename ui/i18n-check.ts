/** The English words of the Check screen and its Tidy up (ui/check.tsx), which it adds to the sidebar's (`registerWords`, ui/i18n.ts) when it loads; French and Russian are in ui/i18n-fr.ts and ui/i18n-ru.ts. */

const en = {
  checkAgain: 'Check again',
  checkCounts: 'Errors: {errors} · warnings: {warnings} · records: {records} · directories: {directories}',
  checkClean: 'No problems: every sheet fits the CRM.',
  checkProblems: 'Problems, sheet by sheet',
  checkError: 'Error',
  checkWarning: 'Warning',
  tidyIntro: 'Gives IDs to rows typed by hand, rewrites values in stored form, fills new rows’ defaults. You see every cell before anything is written.',
  tidyButton: 'Tidy up',
  tidyPlanTitle: 'What will be written',
  tidyCells: 'Cells to write: {count}',
  tidyKindId: 'new ID',
  tidyKindNormalize: 'stored form',
  tidyKindDefault: 'default',
  tidyEmpty: '(empty)',
  tidyLeft: 'What tidy cannot fix',
  tidyApply: 'Apply',
  tidyPlanAgain: 'Plan again',
  tidyLeftAfter: 'What is left',
} as const;

export const CHECK_WORDS = en;
