import { pluralOf, type Catalog, type Params } from '../say.js';

/** A counted noun: 1 проблема, 2 проблемы, 5 проблем. */
function counted(n: Params[string], one: string, few: string, many: string): string {
  const form = pluralOf(Number(String(n).replace(/\D/g, '')), 'ru');
  return form === 'one' ? one : form === 'few' ? few : many;
}

/** "Не длиннее 31 символа", "не длиннее 100 символов". */
function notMore(n: Params[string]): string {
  return counted(n, 'символа', 'символов', 'символов');
}

/** The templates messages in Russian, keyed by their English template. */
export const TEMPLATES: Catalog = {
  'An ABC analysis needs the customer as its row field and the revenue as its data field.': 'Для ABC-анализа нужен клиент в поле строк и выручка в поле данных.',
  'Only an ABC analysis has a class to write back to a field.': 'Класс для записи в поле есть только у ABC-анализа.',
  'The ABC class can be written back only when customers are a reference (like {directory} › Company); {field} is {type}.':
    'Класс ABC можно записать, только если клиенты — ссылка (например, {directory} › Компания); поле «{field}» имеет тип {type}.',
  '{field} names the records; the ABC class goes in another field.': 'Поле «{field}» — название записей; класс ABC записывается в другое поле.',
  '{field} offers no choice {missing}: add {missing} to its choices, or pick a text field.':
    'В поле «{field}» нет вариантов {missing}: добавьте {missing} в его варианты или выберите текстовое поле.',
  '{field} is {type}: the ABC class (A, B or C) goes in a text or choice field.':
    'Поле «{field}» имеет тип {type}: класс ABC (A, B или C) записывается в текстовое поле или поле выбора.',
  '{field} has no column in sheet "{sheet}".': 'У поля «{field}» нет столбца на листе «{sheet}».',
  'The report names no directory: choose what to report on (Sales, Deals, Companies…).':
    'В отчёте не указан справочник: выберите, по чему строить отчёт (Продажи, Сделки, Компании…).',
  'The report on {directory} has no data field: say what to count or sum (Count, or Sum of a number field).':
    'В отчёте по справочнику «{directory}» нет поля данных: укажите, что считать или суммировать (Количество или Сумма числового поля).',
  '{part} names no field.': '{part}: не указано поле.',
  '{field}: "{by}" is not a date grouping; use {groupings}.': '{field}: «{by}» — не группировка дат; используйте {groupings}.',
  '{field} is {type}, not a date, so it cannot be grouped by {by}.': 'Поле «{field}» имеет тип {type}, а не дата, поэтому его нельзя группировать по {by}.',
  '{field}: top must be a whole number above 0.': '{field}: top должно быть целым числом больше 0.',
  '{part}: "{agg}" is not an aggregation; use {aggregations}.': '{part}: «{agg}» — не агрегатная функция; используйте {aggregations}.',
  '{part}: {agg} needs a field.': '{part}: для {agg} нужно поле.',
  '{field} is {type}: a sum needs a number, money, integer or percent field. Count it instead.':
    'Поле «{field}» имеет тип {type}: для суммы нужно поле с числом, деньгами, целым числом или процентом. Посчитайте вместо этого количество.',
  '{field} is {type}: an average needs a number, money, integer or percent field. Count it instead.':
    'Поле «{field}» имеет тип {type}: для среднего нужно поле с числом, деньгами, целым числом или процентом. Посчитайте вместо этого количество.',
  '{field} is {type}: {agg} needs a number or a date field.': 'Поле «{field}» имеет тип {type}: для {agg} нужно числовое поле или поле даты.',
  'Filter on {field}: a relative date range needs a date field, and {field} is {type}.':
    'Фильтр по полю «{field}»: для относительного периода нужно поле даты, а «{field}» имеет тип {type}.',
  'ABC thresholds must be shares between 0 and 1 with A + B under 1 (C takes the rest), e.g. A 0.8 and B 0.15; got A {a} and B {b}.':
    'Пороги ABC должны быть долями от 0 до 1, причём A + B меньше 1 (C — остаток), например A 0.8 и B 0.15; получено: A {a} и B {b}.',
  '{directory} has no records yet: there is nothing to report. Add or import some, then build the report again.':
    'В справочнике «{directory}» пока нет записей: отчёт строить не из чего. Добавьте или импортируйте записи и постройте отчёт снова.',
  'This report on {directory} would have {rows} rows × {columns} columns ({cells} cells), more than a report holds ({max}). Group dates by month or quarter, keep the top N rows, or add a filter.':
    'Отчёт по справочнику «{directory}» получился бы слишком большим: строк — {rows}, столбцов — {columns}, ячеек — {cells}, а в отчёте их может быть не больше {max}. Сгруппируйте даты по месяцам или кварталам, оставьте первые N строк или добавьте фильтр.',
  '{fields} holds amounts in several currencies ({a}, {b}…), and Carnet never adds different currencies together. Group the report by {currency}, or filter it to one currency.':
    '«{fields}» содержит суммы в нескольких валютах ({a}, {b}…), а Carnet никогда не складывает разные валюты. Сгруппируйте отчёт по полю «{currency}» или отфильтруйте его по одной валюте.',
  '{path}: expected a number, got {value}.': '{path}: ожидалось число, получено {value}.',
  '{path}: expected a field name, got nothing.': '{path}: ожидалось имя поля, но ничего не передано.',
  '{path}: expected a field name, got {value}.': '{path}: ожидалось имя поля, получено {value}.',
  'Filter on {field}: {value} is {reason}.': 'Фильтр по полю «{field}»: {value} {reason}.',
  'Filter on {field}: {range} needs a whole number of days (n).': 'Фильтр по полю «{field}»: для {range} нужно целое число дней (n).',
  'Filter on {field}: {range} needs a whole number of months (n).': 'Фильтр по полю «{field}»: для {range} нужно целое число месяцев (n).',
  '"{path}" is not a field path: a name is missing between the dots.': '«{path}» — не путь к полю: между точками не хватает имени.',
  '{field} is not a reference, so "{path}" cannot go through it.': 'Поле «{field}» — не ссылка, поэтому путь «{path}» не может через него проходить.',
  'No report named "{name}". Reports: {reports}.': 'Нет отчёта «{name}». Отчёты: {reports}.',
  'A report needs a name.': 'У отчёта должно быть название.',
  'A report name is at most {max} characters; "{start}…" has {length}.':
    (p) => `Название отчёта — не длиннее ${p.max} ${notMore(p.max)}; в «${p.start}…» их ${p.length}.`,
  '"{name}" is one of Carnet\'s built-in reports and cannot be deleted; edit it and save it under its name to change it.':
    '«{name}» — встроенный отчёт Carnet, его нельзя удалить; чтобы изменить его, отредактируйте его и сохраните под тем же названием.',
  '"{sheet}" is the sheet of the directory {directory}; a report is never built into it. Choose another sheet name for the report.':
    '«{sheet}» — лист справочника «{directory}»; отчёты на нём никогда не строятся. Выберите для отчёта другое название листа.',
  '"{sheet}" is Carnet\'s settings sheet; a report is never built into it. Choose another sheet name for the report.':
    '«{sheet}» — лист настроек Carnet; отчёты на нём никогда не строятся. Выберите для отчёта другое название листа.',
  'A sheet named "{sheet}" already exists and Carnet did not make it, so the report is not built there: it would overwrite your team\'s sheet. Rename that sheet, or build the report into another sheet.':
    'Лист «{sheet}» уже существует и создан не Carnet, поэтому отчёт на нём не строится: он перезаписал бы лист вашей команды. Переименуйте этот лист или постройте отчёт на другом листе.',
  '{option} "{value}": {problem}': '{option} «{value}»: {problem}',
  'a field name is missing.': 'не хватает имени поля.',
  '"{option}" is not an option; use a date grouping ({groupings}), top=N, sort=value, sort=label, asc or desc.':
    '«{option}» — не параметр; используйте группировку дат ({groupings}), top=N, sort=value, sort=label, asc или desc.',
  'write field:aggregation ({aggregations}), e.g. quantity:sum, or count.': 'пишите поле:функция ({aggregations}), например quantity:sum, или count.',
  '"{show}" is not a way to show values; use {shows}.': '«{show}» — не способ показа значений; используйте {shows}.',
  'write field=value, field=a|b, field=from..to, field= (empty) or field!= (not empty).': 'пишите поле=значение, поле=a|b, поле=от..до, поле= (пусто) или поле!= (не пусто).',
  '!= takes no value: it means "not empty".': 'у != не бывает значения: оно означает «не пусто».',
  '{tag}: {message}': '{tag}: {message}',
  '{tag} in {where} ("{around}"): {message}': '{tag}, {where} («{around}»): {message}',
  '{tag} in {where}: {message}': '{tag}, {where}: {message}',
  'paragraph {n}': 'абзац {n}',
  'cell': 'ячейка',
  'table {table}, row {row}, column {column}': 'таблица {table}, строка {row}, столбец {column}',
  '{part}, {place}': '{part}, {place}',
  'document': 'документ',
  'header {n}': 'верхний колонтитул {n}',
  'footer {n}': 'нижний колонтитул {n}',
  'header': 'верхний колонтитул',
  'footer': 'нижний колонтитул',
  'footnotes': 'сноски',
  'endnotes': 'концевые сноски',
  'comments': 'примечания',
  'document properties': 'свойства документа',
  'The template is not a .docx file ({why}).': 'Шаблон — не файл .docx ({why}).',
  'The template is not a Word document: it has no word/document.xml.': 'Шаблон — не документ Word: в нём нет word/document.xml.',
  'not a field name: {why}': 'не имя поля: {why}',
  '"@" cannot start a tag (it would insert Word XML)': 'тег не может начинаться с «@» (он вставил бы XML Word)',
  'no value: "{through}" is empty': 'нет значения: «{through}» не заполнено',
  'no value: the cell is empty': 'нет значения: ячейка пуста',
  'no value': 'нет значения',
  'A merged document needs at least one record.': 'Для объединённого документа нужна хотя бы одна запись.',
  'it cannot be read': 'его не удаётся прочитать',
  'The template cannot be filled: {first}': 'Не удаётся заполнить шаблон: {first}',
  'The template cannot be filled: {first} (and 1 more problem)': 'Не удаётся заполнить шаблон: {first} (и ещё 1 проблема)',
  'The template cannot be filled: {first} (and {count} more problems)':
    (p) => `Не удаётся заполнить шаблон: ${p.first} (и ещё ${p.count} ${counted(p.count, 'проблема', 'проблемы', 'проблем')})`,
  'The template is not a Word document: its body cannot be found.': 'Шаблон — не документ Word: в нём не найден основной текст.',
  'dates': 'к датам',
  'numbers and money': 'к числам и деньгам',
  'text': 'к тексту',
  '"{name}" is a field, not a reference: nothing can follow it after "."': '«{name}» — поле, а не ссылка: после него не может быть «.»',
  '"{name}" has no field "{field}" — did you mean {suggestion}?': 'у «{name}» нет поля «{field}» — может быть, {suggestion}?',
  '"{name}" has no field "{field}"': 'у «{name}» нет поля «{field}»',
  'a |formatter has no effect on a section: write {tag}': '|формат не действует на блок: напишите {tag}',
  '"{name}" is one record, not a list, so this table row cannot repeat — lists here: {lists}':
    '«{name}» — одна запись, а не список, поэтому эта строка таблицы не может повторяться — списки здесь: {lists}',
  '"{name}" is a field, not a list, so this table row cannot repeat — lists here: {lists}':
    '«{name}» — поле, а не список, поэтому эта строка таблицы не может повторяться — списки здесь: {lists}',
  '"{name}" is one record, not a list, so this table row cannot repeat': '«{name}» — одна запись, а не список, поэтому эта строка таблицы не может повторяться',
  '"{name}" is a field, not a list, so this table row cannot repeat': '«{name}» — поле, а не список, поэтому эта строка таблицы не может повторяться',
  '{formatter} does not apply to "{name}": it applies to {types}': '{formatter} не применяется к «{name}»: он применяется {types}',
  'unknown field "{name}" — did you mean {suggestion}?': 'неизвестное поле «{name}» — может быть, {suggestion}?',
  'unknown name "{name}" — did you mean {suggestion}?': 'неизвестное имя «{name}» — может быть, {suggestion}?',
  'unknown field "{name}" here: it is a field of each of {list}, so write it between {opening} and {closing}':
    'поле «{name}» здесь неизвестно: это поле каждой записи списка {list}, поэтому пишите его между {opening} и {closing}',
  'unknown name "{name}" here: it is a field of each of {list}, so write it between {opening} and {closing}':
    'имя «{name}» здесь неизвестно: это поле каждой записи списка {list}, поэтому пишите его между {opening} и {closing}',
  'unknown field "{name}"': 'неизвестное поле «{name}»',
  'unknown name "{name}"': 'неизвестное имя «{name}»',
  '"{name}" is a list: repeat it with {section} and name its fields inside': '«{name}» — список: повторите его с помощью {section} и укажите его поля внутри',
  'No template named "{name}". Templates: {names}.': 'Нет шаблона «{name}». Шаблоны: {names}.',
  'No template named "{name}": this workbook has no templates yet.': 'Нет шаблона «{name}»: в этой книге пока нет шаблонов.',
  'Template "{name}" is damaged in the "{sheet}" sheet ({why}). Upload it again.': 'Шаблон «{name}» повреждён на листе «{sheet}» ({why}). Загрузите его снова.',
  'part {part} of {parts} is missing': 'нет части {part} из {parts}',
  'its rows are missing': 'нет его строк',
  'its cells are not base64': 'его ячейки не в base64',
  '{actual} bytes instead of {size}':
    (p) => `${p.actual} ${counted(p.actual, 'байт', 'байта', 'байт')} вместо ${p.size}`,
  'it is an old Word .doc file; save it as .docx (Word document) and upload that': 'это старый файл Word .doc; сохраните его как .docx (документ Word) и загрузите этот файл',
  'it is not a zip archive, as every .docx is': 'это не zip-архив, а любой .docx — zip-архив',
  'it is a damaged zip archive ({why})': 'это повреждённый zip-архив ({why})',
  'it is an OpenDocument file (.odt); save it as .docx (Word document) and upload that':
    'это файл OpenDocument (.odt); сохраните его как .docx (документ Word) и загрузите этот файл',
  'it is a zip archive without word/document.xml, so not a Word document': 'это zip-архив без word/document.xml, то есть не документ Word',
  '{size} MB': '{size} МБ',
  'A template needs a name.': 'У шаблона должно быть название.',
  'A template name is at most {max} characters; "{start}…" has {length}.':
    (p) => `Название шаблона — не длиннее ${p.max} ${notMore(p.max)}; в «${p.start}…» их ${p.length}.`,
  'Template "{name}" is {size}; a template can be at most 10 MB. Make it smaller (in Word: File › Compress Pictures).':
    'Шаблон «{name}» занимает {size}, а шаблон может быть не больше 10 МБ. Уменьшите его (в Word: Файл › Сжать рисунки).',
  'Template "{name}" is not a .docx file: {problem}.': 'Шаблон «{name}» — не файл .docx: {problem}.',
  'only one |formatter may follow the name': 'после имени может стоять только один |формат',
  '{character} cannot be part of a formatter (a formatter is one word, such as |long)': '{character} не может входить в формат (формат — одно слово, например |long)',
  'a name is missing (an empty tag, or two dots in a row)': 'не хватает имени (пустой тег или две точки подряд)',
  '"{name}" is reserved': '«{name}» — зарезервированное имя',
  '{character} cannot be part of a name': '{character} не может входить в имя',
  '"{name}" has no letter or digit': 'в «{name}» нет ни буквы, ни цифры',
  'unknown formatter "{name}" — did you mean {suggestion}? (formatters: {formatters})': 'неизвестный формат «{name}» — может быть, {suggestion}? (форматы: {formatters})',
  'unknown formatter "{name}" (formatters: {formatters})': 'неизвестный формат «{name}» (форматы: {formatters})',
  'The template cannot be read as a Word document: {why}.': 'Шаблон не удаётся прочитать как документ Word: {why}.',
  'never closed: add {closing} where it ends': 'не закрыт: добавьте {closing} там, где блок заканчивается',
  'closes nothing: add {opening} where it starts, or delete it': 'ничего не закрывает: добавьте {opening} там, где блок начинается, или удалите этот тег',
  'closed by {closing}, which does not match: end it with {end}': 'закрыт тегом {closing}, который ему не соответствует: закройте его тегом {end}',
  'overlaps {section}: one must end before the other starts, or lie wholly inside it':
    'пересекается с {section}: один блок должен закончиться до начала другого или целиком лежать внутри него',
  'has no closing "}"': 'нет закрывающей скобки «}»',
  'has no opening "{"': 'нет открывающей скобки «{»',
  'has doubled braces: a tag is a name between single braces, like {example}': 'двойные фигурные скобки: тег — это имя в одинарных фигурных скобках, например {example}',
  'starts and ends in different places (one in a table, the other outside it): put both in the same table row, or both outside tables':
    'начинается и заканчивается в разных местах (один тег в таблице, другой вне её): поставьте оба в одну строку таблицы или оба вне таблиц',
  'not a field name': 'не имя поля',
  'cannot be read': 'не читается',
  '"{name}" cannot be a sheet name: at most {max} characters, not empty, without [ ] : * ? / \\ and not starting or ending with an apostrophe.':
    (p) => `«${p.name}» не может быть названием листа: оно должно быть непустым, не длиннее ${p.max} ${notMore(p.max)}, без [ ] : * ? / \\ и не должно начинаться или заканчиваться апострофом.`,
};
