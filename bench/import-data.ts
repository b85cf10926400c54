/**
 * A contacts export as a Russian CRM or an Excel sheet saved as CSV writes it, generated the same
 * every run (mulberry32, one seed): `;`-separated, CRLF, a header of "ФИО", "E-mail", "Телефон",
 * "Компания", "Город", "Дата рождения", "Комментарий".
 *
 * The shape of a real export, which is what an import's caches and indexes meet:
 * - phones in the four local spellings people type ("8 (989) 877-55-44", "+7 989 877 55 44",
 *   "8-989-877-55-44", "89898775544"); most rows carry their company's switchboard, written the
 *   same way on every row of that company (the export writes the stored text), so about 90 % of the
 *   phone cells repeat an earlier one; the rest are personal mobiles;
 * - a few thousand companies, some named with quotes (`ООО "Вектор"`), so quoting is exercised;
 * - birthdays as 31.01.1990 on about two rows in three, cities on most, a remark on some, with
 *   commas, semicolons and quotes;
 * - 5 % duplicate rows (a person exported twice: the same e-mail, sometimes in other capitals) and
 *   2 % bad rows (an e-mail with no @, a phone too short to be possible, a date that does not
 *   exist), which the plan must skip and reject.
 * Full names are unique by construction (Carnet's contact names are), so every other row is a create.
 * 100,000 rows make 15.6 MB of UTF-8 (10.9 M characters), about twice the "about 7 MB":
 * Cyrillic takes two bytes a letter, and a full name with its patronymic is 25 characters.
 */

import { random } from './_random.js';

export interface ContactsCsv {
  text: string;
  rows: number;
  /** The header, as written. */
  header: string[];
  /** 0-based column of the phone, for the floor. */
  phoneColumn: number;
  delimiter: ';';
  /** What the file holds, to check the plan against. */
  expected: { duplicates: number; bad: number; companies: number; distinctPhones: number; phoneCells: number };
}

export { random };

// [Cyrillic, Latin] pairs: the Latin spelling makes the e-mail.
const LAST: [string, string][] = [
  ['Иванов', 'ivanov'], ['Смирнов', 'smirnov'], ['Кузнецов', 'kuznetsov'], ['Попов', 'popov'], ['Васильев', 'vasiliev'],
  ['Петров', 'petrov'], ['Соколов', 'sokolov'], ['Михайлов', 'mikhailov'], ['Новиков', 'novikov'], ['Фёдоров', 'fedorov'],
  ['Морозов', 'morozov'], ['Волков', 'volkov'], ['Алексеев', 'alekseev'], ['Лебедев', 'lebedev'], ['Семёнов', 'semenov'],
  ['Егоров', 'egorov'], ['Павлов', 'pavlov'], ['Козлов', 'kozlov'], ['Степанов', 'stepanov'], ['Николаев', 'nikolaev'],
  ['Орлов', 'orlov'], ['Андреев', 'andreev'], ['Макаров', 'makarov'], ['Никитин', 'nikitin'], ['Захаров', 'zakharov'],
  ['Зайцев', 'zaitsev'], ['Соловьёв', 'soloviev'], ['Борисов', 'borisov'], ['Яковлев', 'yakovlev'], ['Григорьев', 'grigoriev'],
  ['Романов', 'romanov'], ['Воробьёв', 'vorobiev'], ['Сергеев', 'sergeev'], ['Кузьмин', 'kuzmin'], ['Фролов', 'frolov'],
  ['Александров', 'aleksandrov'], ['Дмитриев', 'dmitriev'], ['Королёв', 'korolev'], ['Гусев', 'gusev'], ['Киселёв', 'kiselev'],
  ['Ильин', 'ilin'], ['Максимов', 'maksimov'], ['Поляков', 'polyakov'], ['Сорокин', 'sorokin'], ['Виноградов', 'vinogradov'],
  ['Ковалёв', 'kovalev'], ['Белов', 'belov'], ['Медведев', 'medvedev'], ['Антонов', 'antonov'], ['Тарасов', 'tarasov'],
];
const FIRST_M: [string, string][] = [
  ['Александр', 'aleksandr'], ['Сергей', 'sergey'], ['Дмитрий', 'dmitry'], ['Андрей', 'andrey'], ['Алексей', 'aleksey'],
  ['Максим', 'maksim'], ['Евгений', 'evgeny'], ['Иван', 'ivan'], ['Михаил', 'mikhail'], ['Артём', 'artem'],
  ['Николай', 'nikolay'], ['Владимир', 'vladimir'], ['Олег', 'oleg'], ['Павел', 'pavel'], ['Роман', 'roman'],
  ['Игорь', 'igor'], ['Денис', 'denis'], ['Виктор', 'viktor'], ['Юрий', 'yury'], ['Антон', 'anton'],
  ['Кирилл', 'kirill'], ['Илья', 'ilya'], ['Никита', 'nikita'], ['Георгий', 'georgy'], ['Фёдор', 'fedor'],
];
const FIRST_F: [string, string][] = [
  ['Анна', 'anna'], ['Елена', 'elena'], ['Ольга', 'olga'], ['Наталья', 'natalia'], ['Екатерина', 'ekaterina'],
  ['Мария', 'maria'], ['Татьяна', 'tatiana'], ['Ирина', 'irina'], ['Светлана', 'svetlana'], ['Юлия', 'yulia'],
  ['Анастасия', 'anastasia'], ['Марина', 'marina'], ['Дарья', 'daria'], ['Ксения', 'ksenia'], ['Виктория', 'viktoria'],
  ['Людмила', 'ludmila'], ['Галина', 'galina'], ['Алина', 'alina'], ['Полина', 'polina'], ['Вера', 'vera'],
  ['Софья', 'sofia'], ['Валерия', 'valeria'], ['Кристина', 'kristina'], ['Надежда', 'nadezhda'], ['Лариса', 'larisa'],
];
const PATRONYMIC_ROOTS = ['Александров', 'Сергеев', 'Дмитриев', 'Андреев', 'Алексеев', 'Иванов', 'Михайлов', 'Николаев', 'Владимиров', 'Павлов', 'Игорев', 'Викторов', 'Олегов', 'Петров', 'Юрьев', 'Борисов', 'Фёдоров', 'Васильев', 'Романов', 'Евгеньев', 'Анатольев', 'Геннадьев', 'Леонидов', 'Валерьев', 'Константинов', 'Григорьев', 'Степанов', 'Максимов', 'Антонов', 'Вячеславов', 'Тарасов', 'Кириллов', 'Денисов', 'Артёмов', 'Глебов', 'Львов', 'Тимофеев', 'Семёнов', 'Егоров', 'Аркадьев', 'Эдуардов', 'Ростиславов', 'Святославов', 'Яковлев', 'Марков'];
const MAIL = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru'];
const CITIES = ['Москва', 'Санкт-Петербург', 'Новосибирск', 'Екатеринбург', 'Казань', 'Нижний Новгород', 'Краснодар', 'Самара', 'Ростов-на-Дону', 'Уфа', 'Воронеж', 'Пермь', 'Волгоград', 'Челябинск', 'Омск', 'Тюмень', 'Сочи', 'Иркутск'];
const ROOTS = ['Альфа', 'Вектор', 'Гранит', 'Дельта', 'Заря', 'Импульс', 'Кристалл', 'Лидер', 'Меридиан', 'Нева', 'Орион', 'Прогресс', 'Ресурс', 'Сигма', 'Темп', 'Урал', 'Феникс', 'Эталон', 'Север', 'Восток', 'Атлант', 'Байкал', 'Волга', 'Горизонт', 'Держава', 'Енисей', 'Звезда', 'Исток', 'Каскад', 'Ладога', 'Магистраль', 'Надежда', 'Олимп', 'Полюс', 'Радуга', 'Спектр', 'Титан', 'Успех', 'Факел', 'Чайка'];
const TRADES = ['Строй', 'Торг', 'Сервис', 'Пром', 'Снаб', 'Логистик', 'Трейд', 'Маркет', 'Техно', 'Энерго', 'Агро', 'Мед', 'Инвест', 'Проект', 'Авто', 'Софт', 'Групп', 'Металл', 'Транс', 'Хим', 'Пласт', 'Текс', 'Фуд', 'Дизайн', 'Консалт', 'Девелопмент', 'Нефть', 'Газ', 'Лес', 'Строймаш', 'Электро', 'Термо', 'Гидро', 'Инжиниринг', 'Тур', 'Принт', 'Фарм', 'Стекло', 'Бетон', 'Кабель', 'Климат', 'Логистика', 'Охрана', 'Связь', 'Телеком', 'Уют', 'Мебель', 'Керамика', 'Декор', 'Пак', 'Рыба', 'Молоко', 'Хлеб', 'Вода', 'Свет', 'Сталь', 'Лак', 'Кров', 'Окна', 'Двери', 'Плюс', 'Центр', 'Регион', 'Союз', 'Холдинг', 'Альянс', 'Партнёр', 'Дом', 'Мир', 'Лайн', 'Тех', 'Экспорт', 'Импорт', 'Стиль'];
const FORMS = ['ООО', 'АО', 'ИП', 'ПАО'];
const NOTES = [
  'Звонил 12.03, просил перезвонить после обеда',
  'Интересуется оптом; нужен прайс',
  'Скидка 5%, "постоянный клиент"',
  'ЛПР — директор, решает сам',
  'Просил не звонить до 10:00, лучше писать на почту',
  'Был на выставке "Стройэкспо", взял каталог',
  'Оплата по счёту, отсрочка 30 дней',
  'Перешёл от конкурента, недоволен сроками',
  'Day-1 contact, "VIP"; en français: à rappeler',
];

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const two = (n: number) => String(n).padStart(2, '0');

/** The ten digits after +7 written the way people do. */
function spell(digits: string, style: number): string {
  const [a, b, c, d] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8, 10)];
  switch (style) {
    case 0:
      return `8 (${a}) ${b}-${c}-${d}`;
    case 1:
      return `+7 ${a} ${b} ${c} ${d}`;
    case 2:
      return `8-${a}-${b}-${c}-${d}`;
    default:
      return `8${digits}`;
  }
}

/** Ten digits of a Russian mobile (9xx) or a city line (495, 812, 383…). */
function russianNumber(r: () => number, mobile: boolean): string {
  const codes = mobile ? ['900', '903', '905', '909', '910', '915', '916', '920', '925', '926', '929', '950', '960', '977', '985', '989', '999'] : ['495', '499', '812', '383', '343', '843', '831', '861', '846', '863', '347', '473'];
  let rest = '';
  for (let i = 0; i < 7; i++) rest += String(Math.floor(r() * 10));
  if (rest[0] === '0') rest = `5${rest.slice(1)}`;
  return pick(codes, r) + rest;
}

/** A CSV field: quoted when it holds the delimiter, a quote or a line break. */
function field(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

interface Person {
  name: string;
  email: string;
  company: number;
  phone: string;
  city: string;
  birthday: string;
  notes: string;
}

export function contactsCsv(rows = 100_000, seed = 20_261_201): ContactsCsv {
  const r = random(seed);
  const companyCount = 3_000;
  const companies: { name: string; city: string; phone: string }[] = [];
  for (let i = 0; i < companyCount; i++) {
    // Root × trade is a bijection on i below 40 × 75: every company name distinct.
    const base = `${ROOTS[i % ROOTS.length]}${TRADES[Math.floor(i / ROOTS.length) % TRADES.length]}`;
    const form = pick(FORMS, r);
    const name = r() < 0.3 ? `${form} "${base}"` : r() < 0.5 ? `${base} ${form}` : base;
    companies.push({ name, city: pick(CITIES, r), phone: spell(russianNumber(r, r() < 0.3), Math.floor(r() * 4)) });
  }

  // Person p → a unique (gender, last, first, patronymic): p is spread over the space by a
  // multiplier coprime with its size, so neighbours do not share a surname.
  const space = LAST.length * FIRST_M.length * PATRONYMIC_ROOTS.length;
  const person = (p: number): { name: string; email: string } => {
    const q = (p * 7_919) % (space * 2);
    const female = q % 2 === 1;
    const k = Math.floor(q / 2);
    const [last, lastLat] = LAST[k % LAST.length]!;
    const [first, firstLat] = (female ? FIRST_F : FIRST_M)[Math.floor(k / LAST.length) % FIRST_M.length]!;
    const patronymicAt = Math.floor(k / (LAST.length * FIRST_M.length));
    const root = PATRONYMIC_ROOTS[patronymicAt]!;
    const patronymic = female ? `${root}на` : `${root}ич`;
    const surname = female ? `${last}а` : last;
    // First name, surname and the patronymic's number: as distinct as the full name.
    const mail = `${firstLat}.${lastLat}${female ? 'a' : ''}${patronymicAt || ''}@${MAIL[k % MAIL.length]}`;
    return { name: `${surname} ${first} ${patronymic}`, email: mail };
  };
  if (rows > space * 2) throw new Error(`at most ${space * 2} distinct people`);

  const header = ['ФИО', 'E-mail', 'Телефон', 'Компания', 'Город', 'Дата рождения', 'Комментарий'];
  const lines: string[] = [header.join(';')];
  const people: Person[] = [];
  const phoneTexts = new Set<string>();
  let duplicates = 0;
  let bad = 0;
  let phoneCells = 0;
  const used = new Set<number>();
  let next = 0;
  for (let i = 0; i < rows; i++) {
    const roll = r();
    let row: Person;
    if (roll < 0.05 && people.length > 0) {
      // The same person again, from a second export merged in: same e-mail (capitals may differ).
      const earlier = people[Math.floor(r() * people.length)]!;
      const email = r() < 0.5 ? earlier.email : earlier.email[0]!.toUpperCase() + earlier.email.slice(1);
      row = { ...earlier, email, phone: r() < 0.5 ? earlier.phone : companies[earlier.company]!.phone };
      duplicates++;
    } else {
      const who = person(next++);
      const c = Math.floor(r() * r() * companyCount);
      used.add(c);
      const company = companies[c]!;
      const y = 1955 + Math.floor(r() * 50);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      row = {
        name: who.name,
        email: who.email,
        company: c,
        phone: r() < 0.925 ? company.phone : spell(russianNumber(r, true), Math.floor(r() * 4)),
        city: r() < 0.8 ? company.city : '',
        birthday: r() < 0.65 ? `${two(d)}.${two(m)}.${y}` : '',
        notes: r() < 0.2 ? pick(NOTES, r) : '',
      };
      if (roll > 0.98) {
        // A bad row, one bad value: a mistyped e-mail, a phone cut short, a 31st of February.
        const kind = Math.floor(r() * 3);
        if (kind === 0) row.email = row.email.replace('@', '.');
        else if (kind === 1) row.phone = row.phone.slice(0, -4);
        else row.birthday = `${r() < 0.5 ? '31.02' : '32.13'}.${y}`;
        bad++;
      } else {
        // Only good rows are exported twice: a duplicate is then a skip, never a second reject.
        people.push(row);
      }
    }
    if (row.phone) {
      phoneCells++;
      phoneTexts.add(row.phone);
    }
    lines.push([row.name, row.email, row.phone, companies[row.company]!.name, row.city, row.birthday, row.notes].map(field).join(';'));
  }
  return {
    text: lines.join('\r\n') + '\r\n',
    rows,
    header,
    phoneColumn: 2,
    delimiter: ';',
    expected: { duplicates, bad, companies: used.size, distinctPhones: phoneTexts.size, phoneCells },
  };
}
