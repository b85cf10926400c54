import { pluralOf, type Catalog } from '../say.js';

/** `count` and the form of the word that goes with it: 1 строка, 2 строки, 5 строк (a count said by grouped() too). */
const counted = (count: string | number, one: string, few: string, many: string): string => {
  const form = pluralOf(Number(String(count).replace(/\D/g, '')), 'ru');
  return `${count} ${form === 'one' ? one : form === 'few' ? few : many}`;
};

/** The import and export messages in Russian, keyed by their English template. */
export const IMPORT: Catalog = {
  // Export
  'The text, at character {index},': 'Текст (символ {index})',
  '{where} holds {char}, which {encoding} cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.':
    '{where} содержит {char}: этот символ нельзя записать в кодировке {encoding}. Ничего не экспортировано: выберите UTF-8, где есть все символы, или измените ячейку.',
  'An .xlsx export has no encoding to choose (the format is always Unicode); leave the encoding out.':
    'Для экспорта в .xlsx кодировка не выбирается (формат всегда в Юникоде): не указывайте её.',
  'An .xlsx export has no delimiter; leave it out, or export CSV.': 'У экспорта в .xlsx нет разделителя: не указывайте его или экспортируйте в CSV.',
  'An .xlsx export has no byte-order mark; leave the option out.': 'У экспорта в .xlsx нет метки порядка байтов (BOM): не указывайте этот параметр.',
  'A TSV export is tab-separated; for another delimiter, export CSV.': 'В экспорте TSV разделитель — табуляция; для другого разделителя экспортируйте в CSV.',
  'The delimiter must be one of comma, semicolon, tab or pipe, not {delimiter}.':
    'Разделителем может быть запятая, точка с запятой, табуляция или вертикальная черта, а не {delimiter}.',
  '{encoding} has no byte-order mark; only UTF-8 and UTF-16 do.': 'У кодировки {encoding} нет метки порядка байтов (BOM): она есть только у UTF-8 и UTF-16.',
  'The header "{header}"': 'Заголовок «{header}»',
  'row {row}': 'строка {row}',
  '{place} ({column} of {id}, {value})': '{place} ({column} записи {id}, {value})',
  '{place} ({column}, {value})': '{place} ({column}, {value})',

  // Import: apply and undo
  'Row {row} of the file matched {record}, which someone deleted or changed meanwhile; nothing was written. Import again.':
    'Строка {row} файла соответствовала {record}, но эту запись тем временем удалили или изменили; ничего не записано. Повторите импорт.',
  'a record': 'записи',
  'No column of the file is mapped to a field of {directory} (columns: {columns}); map at least one. Nothing was imported.':
    'Ни один столбец файла не сопоставлен с полем справочника «{directory}» (столбцы: {columns}); сопоставьте хотя бы один. Ничего не импортировано.',
  'There is no import batch "{batch}".': 'Импорт «{batch}» не найден.',
  'Import {batch} was undone; start a new import.': 'Импорт {batch} был отменён; начните новый импорт.',
  'Import {batch} is into {directory}, not {other}.': 'Импорт {batch} идёт в справочник «{directory}», а не «{other}».',
  'There is no import batch "{batch}" (see `carnet imports`).': 'Импорт «{batch}» не найден (см. `carnet imports`).',
  'Import {batch} has already been undone.': 'Импорт {batch} уже отменён.',
  '{directory} {record} refers to it': 'на неё ссылается запись {record} справочника «{directory}»',

  // Reading the source
  'The quote character must be " or \', not {quote}.': 'Кавычкой может быть только " или \', а не {quote}.',
  'The delimiter must be one character other than a quote or a line end ({delimiters}…), not {delimiter}.':
    'Разделителем должен быть один символ, кроме кавычки и перевода строки ({delimiters}…), а не {delimiter}.',
  '{what}: no delimiter splits its rows into columns (tried {delimiters}); its first row holds a {delimiter} but the rows below do not. Choose the delimiter, or check that the file is a table.':
    '{what}: ни один разделитель не делит строки на столбцы (проверены: {delimiters}); в первой строке есть разделитель {delimiter}, а в следующих нет. Выберите разделитель или проверьте, что файл — таблица.',
  '{what}, row {row}: a quote ({quote}) opens a field and is never closed, so the rest of the file would be one cell. Close the quote, or double it ({doubled}) where it is part of the text.':
    '{what}, строка {row}: кавычка ({quote}) открывает поле, но не закрывается, и весь остаток файла попал бы в одну ячейку. Закройте кавычку или удвойте её ({doubled}), если она часть текста.',
  '{what}, row {row}: text follows the closing quote ({quote}) of a field. A quote inside a quoted field is written twice ({doubled}).':
    '{what}, строка {row}: после закрывающей кавычки ({quote}) поля идёт текст. Кавычка внутри поля в кавычках пишется дважды ({doubled}).',
  '{what}, row {row}: {problem}.': '{what}, строка {row}: {problem}.',
  'Unknown encoding "{encoding}". Known encodings: {known}.': 'Неизвестная кодировка «{encoding}». Известные кодировки: {known}.',
  'The pasted text': 'Вставленный текст',
  '{what} holds {count} characters; an import reads at most {most} (100 MB). Split it into smaller files.': (p) =>
    `${p.what}: ${counted(p.count, 'символ', 'символа', 'символов')}, а импорт читает не больше ${p.most} (100 МБ). Разделите его на файлы поменьше.`,
  '{what} is empty: there is nothing to import.': '{what} пуст: импортировать нечего.',
  '{what} holds only blank lines: there is nothing to import.': '{what} содержит только пустые строки: импортировать нечего.',
  'Sheet "{sheet}" of {file}': 'Лист «{sheet}» файла {file}',
  'Sheet "{sheet}"': 'Лист «{sheet}»',
  'The sheet': 'Лист',
  '{what} holds more than {most} rows, the most an import reads. Split it into smaller files.': '{what} содержит больше {most} строк — это предел для импорта. Разделите его на файлы поменьше.',
  '{row} ({count} fields)': (p) => `${p.row} (${counted(p.count, 'поле', 'поля', 'полей')})`,
  '{rows} and {count} more': '{rows} и ещё {count}',
  "a value that holds a {delimiter} needs quotes, or the file's delimiter is not a {delimiter}":
    'значение с разделителем {delimiter} нужно заключить в кавычки, или же разделитель в файле — не {delimiter}',
  'choose the delimiter': 'выберите разделитель',
  '{what}: row {rows} has more fields than the first row, which has {width}: {hint}.': '{what}: в строке {rows} больше полей, чем в первой строке (в ней {width}): {hint}.',
  '{what}: rows {rows} have more fields than the first row, which has {width}: {hint}.': '{what}: в строках {rows} больше полей, чем в первой строке (в ней {width}): {hint}.',
  '{size} MB': '{size} МБ',
  '{file} is {size} ({bytes} bytes); an import reads files of at most {most} ({mostBytes} bytes). Split it into smaller files.':
    '{file} занимает {size} ({bytes} байт); импорт читает файлы не больше {most} ({mostBytes} байт). Разделите его на файлы поменьше.',
  'NUL characters, which text never holds': 'символы NUL, которых в тексте не бывает',
  '{count} control characters in its first {length} characters': (p) =>
    `${counted(p.count, 'управляющий символ', 'управляющих символа', 'управляющих символов')} в первых ${counted(p.length, 'символе', 'символах', 'символах')}`,
  '{what} does not look like text: it holds {holds} (a binary file? an .xls/.xlsx saved with a .csv name?).':
    '{what} не похож на текст: в нём {holds} (двоичный файл? .xls/.xlsx, сохранённый с расширением .csv?).',
  '1 character (shown as {char})': '1 символ (показан как {char})',
  '{count} characters (shown as {char})': (p) => `${counted(p.count, 'символ', 'символа', 'символов')} (показаны как ${p.char})`,
  '{what} holds {count} that were lost when it was copied: copy it again from a program that shows it right, or import the file itself.':
    '{what}: при копировании потеряны символы — {count}. Скопируйте его снова из программы, которая показывает его правильно, или импортируйте сам файл.',
  '{what} does not look like {encoding} text: {count} cannot be read in that encoding. Pick another encoding.':
    '{what} не похож на текст в кодировке {encoding}: в этой кодировке нельзя прочитать {count}. Выберите другую кодировку.',
  '"{text}" is "{utf8}" in UTF-8': '«{text}» в UTF-8 читается как «{utf8}»',
  '{what} looks garbled: it is UTF-8 text shown in another encoding ({example}). Copy it again from a program that shows it right.':
    '{what} искажён: это текст в UTF-8, показанный в другой кодировке ({example}). Скопируйте его снова из программы, которая показывает его правильно.',
  '{what} does not look like {encoding} text: it reads as UTF-8 ({example}). Pick utf-8.':
    '{what} не похож на текст в кодировке {encoding}: он читается как UTF-8 ({example}). Выберите utf-8.',

  // .xlsx files
  'The file': 'Файл',
  'it has no {part}': 'в нём нет {part}',
  'it has no worksheet': 'в нём нет ни одного листа',
  'its sheet "{sheet}" has no part {part}': 'у его листа «{sheet}» нет части {part}',
  '{file} is not an .xlsx workbook ({why}).': '{file} — не книга .xlsx ({why}).',
  '{file} is an old .xls workbook (or one protected by a password), which Carnet cannot read: save it as .xlsx or .csv first.':
    '{file} — старая книга .xls (или книга, защищённая паролем), Carnet не умеет её читать: сначала сохраните её как .xlsx или .csv.',
  'it is a binary .xlsb workbook: save it as .xlsx first': 'это двоичная книга .xlsb: сначала сохраните её как .xlsx',
  'it is an OpenDocument spreadsheet: save it as .xlsx or .csv first': 'это таблица OpenDocument: сначала сохраните её как .xlsx или .csv',
  'it is a zip archive with no workbook in it': 'это zip-архив без книги внутри',
  '{file} has no sheet named "{sheet}". Its sheets: {sheets}.': '{file}: нет листа «{sheet}». Листы в нём: {sheets}.',
  'an unclosed <{name}> tag': 'незакрытый тег <{name}>',
  'an attribute of <{name}> without quotes': 'атрибут <{name}> без кавычек',
  'an unclosed CDATA': 'незакрытый блок CDATA',
  'an unclosed comment': 'незакрытый комментарий',
  'an unclosed declaration': 'незакрытое объявление',
  'an unclosed processing instruction': 'незакрытая инструкция обработки',
  'an unclosed tag': 'незакрытый тег',
  'an unclosed attribute value': 'незакрытое значение атрибута',
  'its zip64 directory is damaged': 'его каталог zip64 повреждён',
  'its central directory is damaged': 'его центральный каталог повреждён',
  'its part {name} is damaged': 'его часть {name} повреждена',
  'its part {name} is cut short (an incomplete download?)': 'его часть {name} обрезана (файл не докачался?)',
  'its part {name} is encrypted': 'его часть {name} зашифрована',
  'its part {name} is compressed with method {method}, which Carnet cannot read': 'его часть {name} сжата методом {method}, который Carnet не умеет читать',
  'its part {name} inflates to {size} bytes, not {expected}': 'его часть {name} распаковывается в {size} байт, а не в {expected}',
  'not a zip archive, or one cut short': 'это не zip-архив, или архив обрезан',
  'its zip64 sizes are missing': 'в нём нет размеров zip64',

  // Mapping and options
  '{where}: the file has no column {column} (it has {count}).': '{where}: в файле нет столбца {column} (всего столбцов: {count}).',
  'Column "{column}": {directory} has no field "{name}" (fields: {fields}).': 'Столбец «{column}»: в справочнике «{directory}» нет поля «{name}» (поля: {fields}).',
  'Columns "{first}" and "{second}" both map to {field}; map one of them to another field or ignore it.':
    'Столбцы «{first}» и «{second}» оба сопоставлены с полем «{field}»; сопоставьте один из них с другим полем или пропустите его.',
  'Column "{column}": only a full-name column can be split into first and last name.': 'Столбец «{column}»: разделить на имя и фамилию можно только столбец с полным именем.',
  'Match by: {directory} has no field "{name}" (fields: ID, {fields}).': 'Сопоставление: в справочнике «{directory}» нет поля «{name}» (поля: ID, {fields}).',
  'Country "{country}": expected a two-letter country code such as RU, FR or US.': 'Страна «{country}»: нужен двухбуквенный код страны, например RU, FR или US.',
  'Default value: {directory} has no field "{name}" (fields: {fields}).': 'Значение по умолчанию: в справочнике «{directory}» нет поля «{name}» (поля: {fields}).',
  'Default {field}: "{value}" is {reason}.': 'Значение по умолчанию для поля «{field}»: «{value}» {reason}.',
  'Create missing: "{name}" is not a reference field of {directory} (references: {references}).':
    'Создание недостающих: «{name}» не является полем-ссылкой справочника «{directory}» (ссылки: {references}).',
  'Create missing: "{name}" is not a reference field of {directory}, which has none.': 'Создание недостающих: «{name}» не является полем-ссылкой справочника «{directory}», в нём нет полей-ссылок.',
  'Deal stage: there is no stage "{stage}": no stages are defined.': 'Этап сделки: этапа «{stage}» нет — этапы не заданы.',
  'This workbook has no Deals or Stages directory, so no deal can be created.': 'В этой книге нет справочника «Сделки» или «Этапы», поэтому сделку создать нельзя.',
  'A deal belongs to a company; {directory} have no company to give it.': 'Сделка относится к компании, а у записей справочника «{directory}» нет компании, к которой её привязать.',
  'Deal stage: there is no stage "{stage}" (stages: {stages}).': 'Этап сделки: этапа «{stage}» нет (этапы: {stages}).',
  '{directory} have no Segment field; add one, or import into a directory that has it (Companies).':
    'В справочнике «{directory}» нет поля «Сегмент»; добавьте его или импортируйте в справочник, где оно есть («Компании»).',

  // The plan: columns, rows, warnings
  'read as given ({order})': 'читается как указано ({order})',
  'both orders appear: "{dmy}" is day first, "{mdy}" month first; read as {order} (the other rows are rejected)':
    'встречаются оба порядка: в «{dmy}» сначала день, в «{mdy}» сначала месяц; читается так: {order} (остальные строки отклоняются)',
  'day first ("{example}")': 'сначала день («{example}»)',
  'month first ("{example}")': 'сначала месяц («{example}»)',
  'year first (ISO)': 'сначала год (ISO)',
  "no day above 12, so the order cannot be told from the file; read as {order}, the workbook's order":
    'нет дней больше 12, поэтому порядок по файлу не определить; читается так: {order}, как принято в книге',
  'day first': 'сначала день',
  'month first': 'сначала месяц',
  'Sheet "{sheet}" has no column "{column}" (renamed or deleted by hand?); run `carnet check`. Nothing was imported.':
    'На листе «{sheet}» нет столбца «{column}» (переименован или удалён вручную?); запустите `carnet check`. Ничего не импортировано.',
  'matches {record} by {match}': 'совпадает с {record} по «{match}»',
  '{field}: "{value}" is {reason}': '{field}: «{value}» {reason}',
  '{field}: there is no "{value}" in {directory}': '{field}: в справочнике «{directory}» нет «{value}»',
  'ID: "{id}" is not an ID of {directory} (they look like {example})': 'ID: «{id}» — не ID справочника «{directory}» (они имеют вид {example})',
  '"{value}" is a total line, not a record': '«{value}» — строка итога, а не запись',
  'duplicate of row {row} of the file (same {match})': 'дубликат строки {row} файла (совпадает «{match}»)',
  '{match} matches {count} records ({records}); make them unique, or match by another field': (p) =>
    `«${p.match}» совпадает с ${counted(p.count, 'записью', 'записями', 'записями')} (${p.records}); сделайте значения уникальными или сопоставляйте по другому полю`,
  'already in {directory} as {record} (same {match})': 'уже есть в справочнике «{directory}»: {record} (совпадает «{match}»)',
  'no {match} to find the record by': 'нет значения «{match}», по которому искать запись',
  'no record of {directory} has this {match}': 'ни у одной записи справочника «{directory}» нет такого значения «{match}»',
  '{field}: a value is required': '{field}: значение обязательно',
  'ID: {id} is already used': 'ID: {id} уже занят',
  '{field}: there is no "{value}" in {directory} (choose to create missing {directory} to add it)':
    '{field}: в справочнике «{directory}» нет «{value}» (чтобы добавить, включите создание недостающих записей справочника «{directory}»)',
  '{field}: "{value}" is not in {directory} and cannot be created without {fields}': '{field}: «{value}» нет в справочнике «{directory}», а без полей {fields} эту запись создать нельзя',
  '{field}: "{value}" is already used ({id}, row {row}); it must be unique': '{field}: «{value}» уже используется ({id}, строка {row}); значение должно быть уникальным',
  'no id': 'без ID',
  '{field}: "{value}" is already used on row {row} of the file; it must be unique': '{field}: «{value}» уже есть в строке {row} файла; значение должно быть уникальным',
  'No column is mapped to a field of {directory} (columns: {columns}): map at least one.':
    'Ни один столбец не сопоставлен с полем справочника «{directory}» (столбцы: {columns}): сопоставьте хотя бы один.',
  '1 blank row was left out.': '1 пустая строка пропущена.',
  '{count} blank rows were left out.': (p) => `${counted(p.count, 'пустая строка пропущена', 'пустые строки пропущены', 'пустых строк пропущено')}.`,
  'Column "{column}": {note}.': 'Столбец «{column}»: {note}.',
  '{count} new records have no company: no deal is created for them.': (p) =>
    pluralOf(Number(p.count), 'ru') === 'one'
      ? `${counted(p.count, 'новая запись', '', '')} без компании: сделка для неё не создаётся.`
      : `${counted(p.count, '', 'новые записи', 'новых записей')} без компании: сделки для них не создаются.`,
};
