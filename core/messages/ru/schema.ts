import { pluralOf, type Catalog } from '../say.js';

/** Russian: the form for 1, 21… (one), for 2–4, 22–24… (few), and for the rest (many). */
const ru = (count: string | number, one: string, few: string, many: string): string => ({ one, few } as Record<string, string>)[pluralOf(Number(count), 'ru')] ?? many;

/** The schema messages in Russian, keyed by their English template. */
export const SCHEMA: Catalog = {
  // Sheets and columns of adoption
  'This workbook has no sheet named "{name}". Sheets: {sheets}.': 'В этой книге нет листа «{name}». Листы: {sheets}.',
  'Sheet "{sheet}" holds Carnet\'s own settings; it cannot become a directory.': 'Лист «{sheet}» хранит настройки Carnet; он не может стать справочником.',
  'Sheet "{sheet}" already holds {directory}.': 'Лист «{sheet}» уже содержит справочник «{directory}».',
  'Sheet "{sheet}" already holds the directory {directory}; a sheet holds one directory.': 'Лист «{sheet}» уже содержит справочник «{directory}»; на одном листе может быть только один справочник.',
  'No column is headed "{header}". Headers: {headers}.': 'Нет столбца с заголовком «{header}». Заголовки: {headers}.',
  'Column "{header}" is the record id column; it cannot hold a field.': 'Столбец «{header}» — это столбец ID записей; в нём не может быть поля.',
  'Column "{header}" is mapped to two fields ("{first}" and "{second}"); a column holds one field.':
    'Столбец «{header}» сопоставлен двум полям («{first}» и «{second}»); в столбце может быть только одно поле.',
  '{directory} are named by their ID': 'записи справочника «{directory}» называются по их ID',
  'sheet "{sheet}" has no ID column': 'на листе «{sheet}» нет столбца ID',
  '{fields} are required there too': 'поля {fields} там тоже обязательны',
  '{field} is required there too': 'поле «{field}» там тоже обязательно',

  // Adoption: the result
  '{directory} now live in sheet "{sheet}" (1 record).': 'Справочник «{directory}» теперь на листе «{sheet}» (1 запись).',
  '{directory} now live in sheet "{sheet}" ({count} records).': (p) =>
    `Справочник «${p.directory}» теперь на листе «${p.sheet}» (${p.count} ${ru(p.count, 'запись', 'записи', 'записей')}).`,
  '{count} cells left as typed do not fit their fields; `check` lists them.': 'Ячейки, оставленные как есть, не подходят для своих полей: {count}; `check` их покажет.',
  '1 cell left as typed does not fit its field; `check` lists it.': '1 ячейка, оставленная как есть, не подходит для своего поля; `check` её покажет.',
  'Sheet "{sheet}" is no longer used by Carnet; delete it by hand when you like.': 'Лист «{sheet}» больше не используется Carnet; удалите его вручную, когда будет удобно.',

  // Adoption: the plan, its blockers and hints
  'Sheet "{sheet}" has no headers in row 1; Carnet finds columns by their header.': 'На листе «{sheet}» нет заголовков в строке 1; Carnet находит столбцы по заголовкам.',
  'Column {column} "{header}" cannot name field "{field}": {reason} Map another column, or rename that header first.':
    'Столбец {column} «{header}» не может дать имя полю «{field}»: {reason} Сопоставьте другой столбец или сначала переименуйте этот заголовок.',
  'Field "{field}" takes the name "{header}" ({lang}), the header of column {column}: a schema change only; no header is rewritten.':
    'Поле «{field}» получает имя «{header}» ({lang}) — заголовок столбца {column}: меняется только схема, ни один заголовок не переписывается.',
  'Header "{header}" appears twice ({first} and {second}); Carnet finds columns by header, so only the first would be used. Rename one of them first.':
    'Заголовок «{header}» встречается дважды ({first} и {second}); Carnet находит столбцы по заголовку, поэтому использовался бы только первый. Сначала переименуйте один из них.',
  'Column {column} "{header}" cannot be bound to "{field}". Map another column.': 'Столбец {column} «{header}» нельзя связать с полем «{field}». Сопоставьте другой столбец.',
  'Column {column} "{header}" would be read as "{field}" instead of column {mapped}; rename one of these headers first.':
    'Столбец {column} «{header}» будет прочитан как «{field}» вместо столбца {mapped}; сначала переименуйте один из этих заголовков.',
  'Column {column} "{header}" would be read as field "{field}" (its header is one of that field\'s names): map it to that field, or rename the header first.':
    'Столбец {column} «{header}» будет прочитан как поле «{field}» (его заголовок — одно из имён этого поля): сопоставьте его этому полю или сначала переименуйте заголовок.',
  '{directory} already has {count} records in sheet "{previous}"; adopting "{sheet}" would leave them behind. Move or delete them first.': (p) =>
    `В справочнике «${p.directory}» уже ${p.count} ${ru(p.count, 'запись', 'записи', 'записей')} на листе «${p.previous}»; при подключении листа «${p.sheet}» они останутся в стороне. Сначала перенесите или удалите их.`,
  '{directory} already has 1 record in sheet "{previous}"; adopting "{sheet}" would leave them behind. Move or delete them first.':
    'В справочнике «{directory}» уже 1 запись на листе «{previous}»; при подключении листа «{sheet}» она останется в стороне. Сначала перенесите или удалите её.',
  'Map a column to "{field}": it names the records of {directory} in references and dropdowns.':
    'Сопоставьте столбец полю «{field}»: по нему называются записи справочника «{directory}» в ссылках и выпадающих списках.',
  '"{field}" is required, so every record needs a value: map a column to it.': 'Поле «{field}» обязательно, значит, у каждой записи должно быть значение: сопоставьте ему столбец.',
  'Add the headers of the fields with no column in {range}: {fields}.': 'Добавить в {range} заголовки полей без столбца: {fields}.',
  '{count} fields have no column: {fields}. Map them, or confirm adding their headers in {range} (addColumns; --add-columns on the command line).': (p) =>
    `${p.count} ${ru(p.count, 'поле', 'поля', 'полей')} без столбца: ${p.fields}. Сопоставьте их или подтвердите добавление их заголовков в ${p.range} (addColumns; --add-columns в командной строке).`,
  '1 field has no column: {fields}. Map them, or confirm adding their headers in {range} (addColumns; --add-columns on the command line).':
    '1 поле без столбца: {fields}. Сопоставьте его или подтвердите добавление его заголовка в {range} (addColumns; --add-columns в командной строке).',
  '{count} IDs in column {column} repeat an earlier row ({cells}); make them distinct first.': (p) =>
    `${p.count} ID в столбце ${p.column} ${ru(p.count, 'повторяет', 'повторяют', 'повторяют')} более раннюю строку (${p.cells}); сначала устраните повторы.`,
  '1 ID in column {column} repeats an earlier row ({cells}); make them distinct first.': '1 ID в столбце {column} повторяет более раннюю строку ({cells}); сначала устраните повтор.',
  'fill the 1 empty ID cell of column {column} with {range}': 'заполнить пустую ячейку ID в столбце {column} значением {range}',
  'fill the {count} empty ID cells of column {column} with {range}': (p) =>
    `заполнить ${p.count} ${ru(p.count, 'пустую ячейку', 'пустые ячейки', 'пустых ячеек')} ID в столбце ${p.column} значениями ${p.range}`,
  'add the header "{id}" in {cell} and ids {range} in {cells}': 'добавить заголовок «{id}» в {cell} и ID {range} в {cells}',
  'add the header "{id}" in {cell}': 'добавить заголовок «{id}» в {cell}',
  '{problem}; Carnet needs one per record to find, update and link it. Confirm with addIds (--add-ids on the command line) to {action}.':
    '{problem}; Carnet нужен ID у каждой записи, чтобы находить, изменять и связывать её. Подтвердите с addIds (--add-ids в командной строке), чтобы {action}.',
  'Sheet "{sheet}" has no ID column': 'На листе «{sheet}» нет столбца ID',
  '{count} records of sheet "{sheet}" have no ID': (p) => `У ${p.count} ${ru(p.count, 'записи', 'записей', 'записей')} листа «${p.sheet}» нет ID`,
  '1 record of sheet "{sheet}" has no ID': 'У 1 записи листа «{sheet}» нет ID',
  'Column {column} "{header}" might hold "{field}" (its header has that field\'s words); it stays the team\'s own unless mapped.':
    'Столбец {column} «{header}» может содержать «{field}» (в его заголовке есть слова этого поля); пока его не сопоставят, он остаётся столбцом команды.',
  'they would be records of {directory} itself': 'это были бы записи самого справочника «{directory}»',
  'Cannot add {values} to {directory} for column {column}: {reason}.': 'Нельзя добавить {values} в справочник «{directory}» для столбца {column}: {reason}.',
  'Rewrite 1 cell of column {column} "{header}" in stored form: {examples}.': 'Переписать 1 ячейку столбца {column} «{header}» в форме хранения: {examples}.',
  'Rewrite {count} cells of column {column} "{header}" in stored form: {examples}.': (p) =>
    `Переписать ${p.count} ${ru(p.count, 'ячейку', 'ячейки', 'ячеек')} столбца ${p.column} «${p.header}» в форме хранения: ${p.examples}.`,
  'Add 1 record to {directory}: {values}.': 'Добавить 1 запись в справочник «{directory}»: {values}.',
  'Add {count} records to {directory}: {values}.': (p) => `Добавить ${p.count} ${ru(p.count, 'запись', 'записи', 'записей')} в справочник «${p.directory}»: ${p.values}.`,
  '{count} rows hold data only in the team\'s own columns: not records, they get no id.': (p) =>
    `${p.count} ${ru(p.count, 'строка содержит', 'строки содержат', 'строк содержат')} данные только в столбцах команды: это не записи, им не присваивается ID.`,
  '1 row holds data only in the team\'s own columns: not a record, it gets no id.': '1 строка содержит данные только в столбцах команды: это не запись, ей не присваивается ID.',
  '"{field}" names the records, so it must be unique, and {count} cells repeat an earlier row ({cells}). Make them distinct in the sheet first, e.g. with the town in brackets.': (p) =>
    `Поле «${p.field}» называет записи, поэтому должно быть уникальным, а ${p.count} ${ru(p.count, 'ячейка повторяет', 'ячейки повторяют', 'ячеек повторяют')} более раннюю строку (${p.cells}). Сначала устраните повторы на листе, например добавив город в скобках.`,
  '"{field}" names the records, so it must be unique, and 1 cell repeats an earlier row ({cells}). Make them distinct in the sheet first, e.g. with the town in brackets.':
    'Поле «{field}» называет записи, поэтому должно быть уникальным, а 1 ячейка повторяет более раннюю строку ({cells}). Сначала устраните повтор на листе, например добавив город в скобках.',
  '{directory} will live in sheet "{sheet}"; sheet "{previous}" is left as it is and no longer used.':
    'Справочник «{directory}» будет на листе «{sheet}»; лист «{previous}» остаётся как есть и больше не используется.',
  'Apply Carnet\'s layout to columns {columns}: number formats, dropdowns, widths and help notes, with the header row frozen and bold.':
    'Применить оформление Carnet к столбцам {columns}: форматы чисел, выпадающие списки, ширина столбцов и подсказки; строка заголовков закреплена и выделена жирным.',
  'Dropdowns listing {directory} in {sheets} will read sheet "{sheet}".': 'Выпадающие списки справочника «{directory}» на листах {sheets} будут брать значения с листа «{sheet}».',
  'Left exactly as they are: every header the team typed, the team\'s own columns ({columns}), and every cell not listed in the changes.':
    'Остаются в точности как есть: все заголовки, набранные командой, собственные столбцы команды ({columns}) и все ячейки, не указанные в изменениях.',
  'Left exactly as they are: every header the team typed, and every cell not listed in the changes.': 'Остаются в точности как есть: все заголовки, набранные командой, и все ячейки, не указанные в изменениях.',

  // Changing directories and fields
  '{what}: {count} cells would be lost ({cells}). Fix them first; nothing was changed.': (p) =>
    `${p.what}: ${p.count} ${ru(p.count, 'ячейка будет потеряна', 'ячейки будут потеряны', 'ячеек будет потеряно')} (${p.cells}). Сначала исправьте их; ничего не изменено.`,
  '{what}: 1 cell would be lost ({cells}). Fix them first; nothing was changed.': '{what}: 1 ячейка будет потеряна ({cells}). Сначала исправьте её; ничего не изменено.',
  'A directory named "{name}" already exists.': 'Справочник «{name}» уже существует.',
  'Directory key "{key}" is taken or not of the form lower_case.': 'Ключ справочника «{key}» уже занят или записан не в виде lower_case.',
  '"{sheet}" cannot be a sheet name (at most 31 characters, none of [ ] : * ? / \\).': '«{sheet}» не может быть именем листа (не более 31 символа, без [ ] : * ? / \\).',
  'This workbook already has a sheet named "{sheet}"; Carnet will not touch it. Choose another label.':
    'В этой книге уже есть лист «{sheet}»; Carnet не будет его трогать. Выберите другое название.',
  'Directory "{sheet}" needs at least one field.': 'В справочнике «{sheet}» должно быть хотя бы одно поле.',
  'Id prefix "{prefix}" is taken or not 1–6 capital letters/digits.': 'Префикс ID «{prefix}» уже занят или не состоит из 1–6 заглавных латинских букв и цифр.',
  'Column "{header}" cannot become a {type} field': 'Столбец «{header}» не может стать полем типа {type}',
  '"{field}" cannot be required: {count} existing records have no value. Give it a default, or add it and fill it in first.': (p) =>
    `Поле «${p.field}» нельзя сделать обязательным: у ${p.count} ${ru(p.count, 'существующей записи', 'существующих записей', 'существующих записей')} нет значения. Задайте значение по умолчанию или сначала добавьте поле и заполните его.`,
  '"{field}" cannot be required: 1 existing record has no value. Give it a default, or add it and fill it in first.':
    'Поле «{field}» нельзя сделать обязательным: у 1 существующей записи нет значения. Задайте значение по умолчанию или сначала добавьте поле и заполните его.',
  'A field label cannot be empty.': 'Название поля не может быть пустым.',
  '"{field}" names the records of {directory}; it cannot be hidden.': 'По полю «{field}» называются записи справочника «{directory}»; его нельзя скрыть.',
  '{cell}: {value} is not in {directory}.': '{cell}: {value} нет в справочнике «{directory}».',
  '"{field}" cannot become {type}': 'Поле «{field}» нельзя перевести в тип {type}',
  '"{field}" must stay unique': 'Поле «{field}» должно остаться уникальным',
  '{cell}: {value} repeats row {row}.': '{cell}: {value} повторяет строку {row}.',
  '{cell}: {value} is empty.': '{cell}: {value} — пустое значение.',
  '"{field}" cannot be required': 'Поле «{field}» нельзя сделать обязательным',
  '"{field}" cannot be unique': 'Поле «{field}» нельзя сделать уникальным',
  '"{field}" is not a choice field.': 'Поле «{field}» не является полем выбора.',
  '{cell}: {value} is no longer a choice.': '{cell}: {value} больше нет среди вариантов выбора.',
  'Choices of "{field}"': 'Варианты поля «{field}»',
  'Default "{value}" is {reason}.': 'Значение по умолчанию «{value}» {reason}.',
  'A directory needs a label.': 'У справочника должно быть название.',
  'A field needs a label.': 'У поля должно быть название.',
  'Unknown field type "{type}". Types: {types}.': 'Неизвестный тип поля «{type}». Типы: {types}.',
  'Field key "{key}" must be lower-case letters, digits and _, starting with a letter.': 'Ключ поля «{key}» должен состоять из строчных латинских букв, цифр и _ и начинаться с буквы.',
  'Field key "{key}" is already used.': 'Ключ поля «{key}» уже используется.',
  'Choice field "{field}" needs a list of choices.': 'Для поля выбора «{field}» нужен список вариантов.',
  'Choice "{choice}" is listed twice.': 'Вариант «{choice}» указан дважды.',
  'Reference field "{field}" needs an existing directory to refer to (got "{ref}").': 'Поле-ссылка «{field}» должно ссылаться на существующий справочник (указано: «{ref}»).',
  'Currency "{currency}" is not an ISO 4217 code like EUR.': 'Валюта «{currency}» не является кодом ISO 4217 вроде EUR.',
  '"{id}" is reserved for the record id column.': 'Название «{id}» зарезервировано для столбца ID записей.',
  'The label "{label}" is already used by field "{field}".': 'Название «{label}» уже занято полем «{field}».',

  // Finding directories and fields
  'No directory named "{name}". Directories: {known}.': 'Нет справочника «{name}». Справочники: {known}.',
  'No directory with key "{key}".': 'Нет справочника с ключом «{key}».',
  '{directory} has no field named "{name}". Fields: {known}.': 'В справочнике «{directory}» нет поля «{name}». Поля: {known}.',

  // Setting up, and Carnet's settings sheet
  'This workbook already has sheets named {sheets}; Carnet will not touch them. Rename them first.': 'В этой книге уже есть листы {sheets}; Carnet не будет их трогать. Сначала переименуйте их.',
  'This workbook already has a sheet named "{sheet}"; Carnet will not touch it. Rename it first.': 'В этой книге уже есть лист «{sheet}»; Carnet не будет его трогать. Сначала переименуйте его.',
  'Carnet\'s settings sheet "{sheet}" is damaged: entry "{key}" is not valid JSON ({reason}). Restore it from the backup or version history.':
    'Лист настроек Carnet «{sheet}» повреждён: запись «{key}» — недопустимый JSON ({reason}). Восстановите его из резервной копии или истории версий.',
  'Carnet\'s settings sheet "{sheet}" has no schema.': 'На листе настроек Carnet «{sheet}» нет схемы.',
  'This workbook was saved by a newer Carnet (format {version}; this one reads up to {supported}). Update Carnet.':
    'Эта книга сохранена более новой версией Carnet (формат {version}; эта версия читает форматы до {supported}). Обновите Carnet.',
  'This workbook has no Carnet CRM in it (no _carnet sheet). Create one with `carnet init` or set it up from the menu.':
    'В этой книге нет CRM Carnet (нет листа _carnet). Создайте её командой `carnet init` или через меню.',
  'Carnet\'s settings sheet "_carnet" is damaged: {key} {what}. Restore it from the backup or version history.':
    'Лист настроек Carnet «_carnet» повреждён: {key} {what}. Восстановите его из резервной копии или истории версий.',
  'is not a text': 'не является текстом',
  'is not a set of labels': 'не является набором названий',
  'is not a list': 'не является списком',
  'is not an object': 'не является объектом',
  'is not a directory': 'не является справочником',
  'is not a field': 'не является полем',
  'is not a field type': 'не является типом поля',
  'is not a number': 'не является числом',
};
