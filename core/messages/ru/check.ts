import type { Catalog } from '../say.js';

/** The check messages in Russian, keyed by their English template. */
export const CHECK: Catalog = {
  'Sheet "{sheet}" of directory {directory} is missing (renamed or deleted?).': 'Нет листа «{sheet}» справочника «{directory}» (переименован или удалён?).',
  '{sheet}: no "{header}" column header.': '{sheet}: нет столбца с заголовком «{header}».',
  '"{header}" in {cell}': '«{header}» в {cell}',
  '{sheet}: no column for field "{field}".': '{sheet}: нет столбца для поля «{field}».',
  '{sheet}: no column for field "{field}" — renamed by hand? Headers that match no field: {headers}.':
    '{sheet}: нет столбца для поля «{field}» — переименован вручную? Заголовки, не соответствующие ни одному полю: {headers}.',
  '{cell}: header "{header}" appears twice; only the first column is used.': '{cell}: заголовок «{header}» встречается дважды; используется только первый столбец.',
  '{cell}: the record has no ID.': '{cell}: у записи нет ID.',
  '{cell}: ID {id} is also on row {row}.': '{cell}: ID {id} есть также в строке {row}.',
  '{cell}: {field} is required.': '{cell}: поле «{field}» обязательно.',
  '{cell}: {value} is {reason}.': '{cell}: {value} {reason}.',
  '{cell}: "{value}" is not in {directory}.': '{cell}: «{value}» нет в справочнике «{directory}».',
  '{cell}: {value} would be stored as {stored}.': '{cell}: {value} будет сохранено как {stored}.',
  '{cell}: "{value}" is also on row {row}; {field} must be unique.': '{cell}: «{value}» есть также в строке {row}; значение поля «{field}» должно быть уникальным.',
  "{cell}: {field} holds the value {value}, not Carnet's formula, so it no longer follows the line's quantity and price (the spreadsheet did not take the formula, or it was typed over).":
    '{cell}: в поле «{field}» значение {value}, а не формула Carnet, поэтому оно больше не следует за количеством и ценой строки (таблица не приняла формулу, или её перезаписали вручную).',
};
