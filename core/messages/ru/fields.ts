import { pluralOf, type Catalog, type Params } from '../say.js';

/** The Russian word that goes with a count: one (1, 21), few (2–4, 22), many (5–20, 25). A grouped count ("32 768") is read by its digits. */
function form(count: Params[string], one: string, few: string, many: string): string {
  const rule = pluralOf(Number(String(count).replace(/\D/g, '')), 'ru');
  return rule === 'one' ? one : rule === 'few' ? few : many;
}

/** The fields messages in Russian, keyed by their English template. */
export const FIELDS: Catalog = {
  // Reasons a value is refused (core/fields): predicates with their own verb, after «value».
  'not yes or no': 'не является значением «да» или «нет»',
  'not a real date': '— такой даты нет в календаре',
  'not a real time': '— такого времени суток не бывает',
  'date out of range (years 1900 to 9999)': '— дата вне допустимого диапазона (годы с 1900 по 9999)',
  'not a date (expected e.g. 2026-03-04 or {example})': 'не является датой (ожидается, например, 2026-03-04 или {example})',
  'not a date and time (expected e.g. 2026-03-04 14:05)': 'не является датой и временем (ожидается, например, 2026-03-04 14:05)',
  'not an email address': 'не является адресом электронной почты',
  'not an amount': 'не является денежной суммой',
  'amount is in {other}, field is in {currency}': '— сумма в {other}, а поле ведётся в {currency}',
  'too long for a cell: {length} characters, and a cell holds at most {max} (split it, e.g. into several notes)': (p) =>
    `— слишком длинный текст для ячейки: ${p.length} ${form(p.length, 'символ', 'символа', 'символов')}, а ячейка вмещает не более ${p.max} (разделите его, например, на несколько заметок)`,
  'unknown field type {type}': 'не удаётся прочитать: неизвестный тип поля ({type})',
  'not a number': 'не является числом',
  'not a whole number': 'не является целым числом',
  'number too large': '— слишком большое число',
  'not a percentage': 'не является процентным значением',
  'not a phone number': 'не является номером телефона',
  'not text: it holds the control character U+{code} (character {position})': 'не является обычным текстом: содержит управляющий символ U+{code} (позиция {position})',
  'not one of: {choices}': 'не входит в список вариантов: {choices}',
  'no choices are defined for this field': 'нельзя выбрать: у этого поля нет вариантов',
  'not a web address': 'не является веб-адресом',
  '{start}… ({count} characters)': (p) => `${p.start}… (${p.count} ${form(p.count, 'символ', 'символа', 'символов')})`,

  // Records
  '{directory} › {field} (row {row}): {text}': '{directory} › {field} (строка {row}): {text}',
  '{directory} › {field}: {text}': '{directory} › {field}: {text}',
  '"{value}" is {reason}.': '«{value}» {reason}.',
  'a value is required.': 'нужно указать значение.',
  'there is no "{value}" in {directory}.': '«{value}» нет в справочнике «{directory}».',
  '"{value}" is already used (earlier in the same batch); {field} must be unique.': '«{value}» уже используется (выше в этом же пакете); значение поля «{field}» должно быть уникальным.',
  '"{value}" is already used ({id}, row {row}); {field} must be unique.': '«{value}» уже используется ({id}, строка {row}); значение поля «{field}» должно быть уникальным.',
  '"{value}" is already used (no id, row {row}); {field} must be unique.': '«{value}» уже используется (без ID, строка {row}); значение поля «{field}» должно быть уникальным.',
  '{count} records in {directory} are named "{value}" ({records}); use the ID.': (p) =>
    `В справочнике «${p.directory}» ${p.count} ${form(p.count, 'запись', 'записи', 'записей')} с названием «${p.value}» (${p.records}); укажите ID.`,
  'row {row}': 'строка {row}',
  '{directory} has no record "{value}".': 'В справочнике «{directory}» нет записи «{value}».',
  '{message} (and 1 more problem)': '{message} (и ещё 1 проблема)',
  '{message} (and {count} more problems)': (p) => `${p.message} (и ещё ${p.count} ${form(p.count, 'проблема', 'проблемы', 'проблем')})`,
  '{directory} row {row}': 'строка {row} справочника «{directory}»',
  '"{value}" is still referenced 1 time ({list}); change or delete those first.': 'На «{value}» ещё ссылается другая запись ({list}); сначала измените или удалите её.',
  '"{value}" is still referenced {count} times ({list}); change or delete those first.': (p) =>
    `На «${p.value}» ещё ссылаются другие записи: ${p.count} ${form(p.count, 'раз', 'раза', 'раз')} (${p.list}); сначала измените или удалите их.`,
  '{directory} row {row} references "{value}".': 'Строка {row} справочника «{directory}» ссылается на «{value}».',
  'Sheet "{sheet}" has no ID column header; run `carnet check` to see what changed.': 'На листе «{sheet}» нет столбца с заголовком ID; запустите `carnet check`, чтобы увидеть, что изменилось.',
  'Sheet "{sheet}" has no column "{field}" (renamed or deleted by hand?); run `carnet check`.': 'На листе «{sheet}» нет столбца «{field}» (переименован или удалён вручную?); запустите `carnet check`.',
  '{sheet}!{cell} ({field}) is inside the merged cells {range}, where the spreadsheet would hide it. Unmerge {range} first; nothing was written.':
    '{sheet}!{cell} ({field}) находится внутри объединённых ячеек {range}, где таблица её скроет. Сначала отмените объединение {range}; ничего не записано.',
  '{directory}: "{value}" is no longer in sheet "{sheet}" (someone deleted or changed it meanwhile); nothing was written.':
    '{directory}: «{value}» больше нет на листе «{sheet}» (кто-то тем временем удалил или изменил запись); ничего не записано.',
  '{sheet}!{cell} no longer holds {value}: rows of "{sheet}" were sorted, inserted or deleted while Carnet was writing. Nothing was written; try again.':
    'В {sheet}!{cell} уже нет {value}: пока Carnet записывал, строки листа «{sheet}» отсортировали, вставили или удалили. Ничего не записано; попробуйте ещё раз.',
  'Internal error: {message}': 'Внутренняя ошибка: {message}',

  // The company card
  '{directory} has no field referencing companies.': 'В справочнике «{directory}» нет поля со ссылкой на компании.',
  '{directory} › {field} is the company whose card this is added from.': '{directory} › {field} — это компания, из карточки которой делается добавление.',

  // Sales
  'Recording a sale needs the field "{field}" in {directory}; the schema has none.': 'Чтобы записать продажу, нужно поле «{field}» в справочнике «{directory}»; в схеме его нет.',
  'Recording a sale needs the field "{field}" in a "{directory}" directory; the schema has none.': 'Чтобы записать продажу, нужно поле «{field}» в справочнике «{directory}»; в схеме нет такого справочника.',
  '{directory} › {field}': '{directory} › {field}',
  '{field} is copied from the product; pass overrideUnitPrice to charge another price.': '{field} берётся из товара; чтобы назначить другую цену, передайте overrideUnitPrice.',
  '{field} is computed: quantity × unit price, less the discount.': '{field} вычисляется: количество × цена за единицу минус скидка.',
  "{field} comes from the company's individual discount.": '{field} берётся из индивидуальной скидки компании.',
  '{field} is the person recording the sale.': '{field} — это тот, кто оформляет продажу.',
  '{field} is the company whose card the sale is added from.': '{field} — это компания, из карточки которой добавляется продажа.',
  '{directory} › {field}: the product "{product}" has no price; set one in {products} or type the price for this sale.':
    '{directory} › {field}: у товара «{product}» нет цены; укажите её в справочнике «{products}» или введите цену для этой продажи.',

  // Tidy
  '1 cell to tidy in {directories}.': 'Навести порядок: 1 ячейка ({directories}).',
  '{count} cells to tidy in {directories}.': (p) => `Навести порядок: ${p.count} ${form(p.count, 'ячейка', 'ячейки', 'ячеек')} (${p.directories}).`,
  'Tidied 1 cell in {directories}.': 'Порядок наведён: 1 ячейка ({directories}).',
  'Tidied {count} cells in {directories}.': (p) => `Порядок наведён: ${p.count} ${form(p.count, 'ячейка', 'ячейки', 'ячеек')} (${p.directories}).`,
  'Nothing to tidy: every record has its ID and every value its stored form.': 'Порядок уже наведён: у каждой записи есть ID, и каждое значение в хранимом виде.',
  '1 problem is left for a person to fix; `check` lists it too.': 'Осталась 1 проблема, которую нужно исправить вручную; `check` тоже её покажет.',
  '{count} problems are left for a person to fix; `check` lists them too.': (p) =>
    form(
      p.count,
      `Осталась ${p.count} проблема, которую нужно исправить вручную; \`check\` тоже её покажет.`,
      `Осталось ${p.count} проблемы, которые нужно исправить вручную; \`check\` тоже их покажет.`,
      `Осталось ${p.count} проблем, которые нужно исправить вручную; \`check\` тоже их покажет.`,
    ),
  'The sheets changed since the plan you confirmed; tidying them now would write 1 cell. Nothing was written: look at the new plan and confirm it.':
    'Листы изменились после того, как вы подтвердили план: сейчас наведение порядка записало бы 1 ячейку. Ничего не записано: посмотрите новый план и подтвердите его.',
  'The sheets changed since the plan you confirmed; tidying them now would write {count} cells. Nothing was written: look at the new plan and confirm it.': (p) =>
    `Листы изменились после того, как вы подтвердили план: сейчас наведение порядка записало бы ${p.count} ${form(p.count, 'ячейку', 'ячейки', 'ячеек')}. Ничего не записано: посмотрите новый план и подтвердите его.`,
  'Rows {from} to {to} are not a range of sheet rows: give whole numbers, from 1, the first not past the last.':
    'Строки с {from} по {to} — не диапазон строк листа: укажите целые числа от 1, причём первое не больше последнего.',
  "The rows asked are in {directory}'s sheet, not in the directory \"{value}\": give one or the other.":
    'Запрошенные строки — на листе справочника «{directory}», а не справочника «{value}»: укажите что-то одно.',
  'Tidy leaves it: the cell is inside the merged cells {range}, where the spreadsheet would hide it; unmerge them first.':
    'Наведение порядка её не трогает: ячейка внутри объединённых ячеек {range}, где таблица её скроет; сначала отмените объединение.',
  'Tidy leaves it: the cell holds a formula.': 'Наведение порядка её не трогает: в ячейке формула.',
  'Give ID {range} to 1 record typed by hand, in column {column} ({cells}).': 'Дать ID {range} 1 записи, введённой вручную, в столбце {column} ({cells}).',
  'Give IDs {range} to {count} records typed by hand, in column {column} ({cells}).': (p) =>
    `Дать ID ${p.range} ${p.count} ${form(p.count, 'записи, введённой', 'записям, введённым', 'записям, введённым')} вручную, в столбце ${p.column} (${p.cells}).`,
  'Rewrite 1 cell in stored form: {cells}.': 'Переписать в хранимом виде 1 ячейку: {cells}.',
  'Rewrite {count} cells in stored form: {cells}.': (p) => `Переписать в хранимом виде ${p.count} ${form(p.count, 'ячейку', 'ячейки', 'ячеек')}: ${p.cells}.`,
  "Fill 1 empty cell of the records given an ID with its field's default: {cells}.": 'Заполнить значением по умолчанию 1 пустую ячейку в записях, получающих ID: {cells}.',
  "Fill {count} empty cells of the records given an ID with their field's default: {cells}.": (p) =>
    `Заполнить значениями по умолчанию ${p.count} ${form(p.count, 'пустую ячейку', 'пустые ячейки', 'пустых ячеек')} в записях, получающих ID: ${p.cells}.`,
  '{field} is set to today on the records given an ID: the day Carnet first records them, since when they were typed is not known.':
    'В поле «{field}» у записей, получающих ID, ставится сегодняшняя дата — день, когда Carnet впервые их учитывает: когда их ввели, неизвестно.',
  '{field} is set to now on the records given an ID: the day Carnet first records them, since when they were typed is not known.':
    'В поле «{field}» у записей, получающих ID, ставится текущее время — момент, когда Carnet впервые их учитывает: когда их ввели, неизвестно.',
  '{field} is left empty on 1 record typed by hand: its default is the person who creates a record, and tidy cannot tell who typed it.':
    'Поле «{field}» остаётся пустым в 1 записи, введённой вручную: по умолчанию в нём тот, кто создаёт запись, а кто ввёл эту, при наведении порядка не узнать.',
  '{field} is left empty on {count} records typed by hand: its default is the person who creates a record, and tidy cannot tell who typed them.': (p) =>
    `Поле «${p.field}» остаётся пустым в ${p.count} ${form(p.count, 'записи, введённой', 'записях, введённых', 'записях, введённых')} вручную: по умолчанию в нём тот, кто создаёт запись, а кто ввёл эти, при наведении порядка не узнать.`,
  'Rights are not set up in this workbook yet: add a user first (Settings → Users & rights), then keep typed rows tidy.':
    'Права в этой книге ещё не настроены: сначала добавьте пользователя (Настройки → Пользователи и права), затем включите наведение порядка во вводимых строках.',
  '{id} may not turn the tidying of typed rows on or off: that needs {missing}, which admins have.':
    '{id} не может включать и выключать наведение порядка во вводимых строках: для этого требуется {missing}, как у администраторов.',
};
