/**
 * Month and weekday words in English, French and Russian (full, abbreviated, and Russian genitive
 * "марта" as in "4 марта 2026"), lower-case, without the abbreviation dot. No word is shared by
 * two months across the languages, so one table serves every workbook language.
 */

const MONTH_WORDS: readonly string[][] = [
  ['january', 'jan', 'janvier', 'janv', 'январь', 'января', 'янв'],
  ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'fev', 'февраль', 'февраля', 'фев', 'февр'],
  ['march', 'mar', 'mars', 'март', 'марта', 'мар'],
  ['april', 'apr', 'avril', 'avr', 'апрель', 'апреля', 'апр'],
  ['may', 'mai', 'май', 'мая'],
  ['june', 'jun', 'juin', 'июнь', 'июня', 'июн'],
  ['july', 'jul', 'juillet', 'juil', 'июль', 'июля', 'июл'],
  ['august', 'aug', 'août', 'aout', 'август', 'августа', 'авг'],
  ['september', 'sep', 'sept', 'septembre', 'сентябрь', 'сентября', 'сен', 'сент'],
  ['october', 'oct', 'octobre', 'октябрь', 'октября', 'окт'],
  ['november', 'nov', 'novembre', 'ноябрь', 'ноября', 'ноя', 'нояб'],
  ['december', 'dec', 'décembre', 'decembre', 'déc', 'декабрь', 'декабря', 'дек'],
];

const MONTHS = new Map<string, number>(MONTH_WORDS.flatMap((words, i) => words.map((w) => [w, i + 1] as const)));

const WEEKDAYS = new Set(
  (
    'monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri saturday sat sunday sun ' +
    'lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim ' +
    'понедельник пн вторник вт среда ср четверг чт пятница пт суббота сб воскресенье вс'
  ).split(' '),
);

/** 1–12 for a month word ("Mars", "мар.", "Sept."), undefined otherwise. */
export function monthFromWord(word: string): number | undefined {
  return MONTHS.get(word.toLowerCase().normalize('NFC').replace(/\.$/, ''));
}

export function isWeekday(word: string): boolean {
  return WEEKDAYS.has(word.toLowerCase().normalize('NFC').replace(/\.$/, ''));
}
