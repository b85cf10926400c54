/**
 * The sample .docx of a directory's tags (`carnet template tags … --sample`, the Templates
 * screen): a table of every tag a template author may use, what it is, and an example value from
 * a real record, so the author copies tags that work instead of guessing their spelling.
 *
 * It is a reference sheet, not a template: the tags are plain text (`{Name}` as a person types it,
 * each in a run of its own), so copying one into a template gives a tag that works. Filled as it
 * is, loop tags listed alone (`{#Sales}`) would be unclosed; it is not meant to be filled.
 */

import type { Lang } from '../schema/types.js';
import { buildDocx, heading, paragraph, type Block } from './docx-writer.js';
import { FORMATTERS } from './types.js';

export interface SampleEntry {
  /** The tag as an author writes it: `{Company.City}`, `{#Sales}…{/Sales}`. */
  tag: string;
  /** What it is, in the workbook's language: "City of the company". */
  label: string;
  /** A value from a real record, formatted as the document will show it; '' when there is none. */
  example: string;
}

const WORDS: Record<Lang, { columns: [string, string, string]; intro: string[] }> = {
  en: {
    columns: ['Tag', 'What it is', 'Example'],
    intro: [
      'Copy a tag into your template in Word or LibreOffice, braces included. Case and spaces do not matter.',
      'A list repeats what is between its tags: put {#List} in the first cell of a table row and {/List} in its last cell to get one row per record, or put them in paragraphs of their own around the paragraphs to repeat.',
      `{^Field}…{/Field} shows its text when the field is empty. A formatter follows a bar: {Date|long}. Formatters: ${FORMATTERS.join(', ')}.`,
    ],
  },
  fr: {
    columns: ['Balise', 'Signification', 'Exemple'],
    intro: [
      'Copiez une balise dans votre modèle Word ou LibreOffice, accolades comprises. Majuscules et espaces sont indifférentes.',
      'Une liste répète ce qui se trouve entre ses balises\u00a0: mettez {#Liste} dans la première cellule d’une ligne de tableau et {/Liste} dans la dernière pour obtenir une ligne par fiche, ou placez-les dans des paragraphes à part autour des paragraphes à répéter.',
      `{^Champ}…{/Champ} affiche son texte quand le champ est vide. Un format suit une barre\u00a0: {Date|long}. Formats\u00a0: ${FORMATTERS.join(', ')}.`,
    ],
  },
  ru: {
    columns: ['Тег', 'Что это', 'Пример'],
    intro: [
      'Скопируйте тег в шаблон в Word или LibreOffice вместе с фигурными скобками. Регистр и пробелы не важны.',
      'Список повторяет то, что стоит между его тегами: поставьте {#Список} в первую ячейку строки таблицы и {/Список} в последнюю, чтобы получить по строке на запись, или поставьте их отдельными абзацами вокруг повторяемых абзацев.',
      `{^Поле}…{/Поле} выводит свой текст, когда поле пустое. Формат пишется после черты: {Дата|long}. Форматы: ${FORMATTERS.join(', ')}.`,
    ],
  },
};

export function sampleDocx(entries: SampleEntry[], title: string, lang: Lang): Uint8Array {
  const w = WORDS[lang];
  const blocks: Block[] = [
    heading(title, 1),
    ...w.intro.map((text) => paragraph([{ text, size: 10 }])),
    {
      kind: 'table',
      header: w.columns,
      rows: entries.map((e) => [[paragraph([{ text: e.tag, bold: true }])], e.label, e.example]),
      widths: [3, 4, 3],
    },
  ];
  return buildDocx(blocks, { title, lang });
}
