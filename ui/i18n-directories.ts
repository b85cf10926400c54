/** The English words of the Directories screen (ui/directories.tsx), which it adds to the sidebar's (`registerWords`, ui/i18n.ts) when it loads; French and Russian are in ui/i18n-fr.ts and ui/i18n-ru.ts. */

const en = {
  dirPick: 'Directory',
  dirPickNone: '— pick a directory —',
  dirSearch: 'Search {directory}',
  dirCount: '{shown} of {count} records',
  dirNew: 'New record',
  dirEmpty: 'No records yet.',
  dirDelete: 'Delete',
  dirDeleteConfirm: 'Delete “{name}”? This removes its row from the sheet.',
  dirDeleteYes: 'Delete for good',
  dirDeleted: 'Deleted.',
  dirEdit: 'Edit',
  dirClose: 'Close',
  dirRow: 'row {row}',
} as const;

export const DIRECTORY_WORDS = en;
