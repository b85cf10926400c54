/**
 * An admin adopts the sheet the team already keeps, from the sidebar alone (in Google Sheets there
 * is no CLI), in real headless Chromium against `carnet serve`: a French team's "Clients" sheet
 * with its own headers, a personal column, a local phone and a bad email. Settings → pick the sheet
 * and Sociétés → preview (mapping, verdicts, changes) → tick the writes → adopt; then the CLI finds
 * the companies with ids, the team's column is untouched in the file, and search opens a card.
 */

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');

/** Runs in the page (as text: this file is type-checked without the DOM library). "tag|type|name" of the focus. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return '';
  const byId = el.id && document.querySelector('label[for="' + el.id + '"]');
  const name = (el.getAttribute('aria-label') || (byId && byId.textContent) || el.textContent || '').trim();
  return [el.tagName.toLowerCase(), el.getAttribute('type') || '', name].join('|');
})()`;

/** The team's sheet, as they typed it: their headers, a personal column, a local phone, a bad email. */
const CLIENTS = [
  ['Société', 'Tél.', 'E-mail', 'Ville', 'Notes perso'],
  ['Dupont SA', '06 12 34 56 78', 'contact@dupont.fr', 'Lyon', 'Client depuis 2019'],
  ['Bâti Nord', '+33320000000', 'jean.dupont@', 'Lille', 'ne pas appeler le lundi'],
  ['Atelier Rivière', '+33320112233', 'info@atelier-riviere.fr', 'Lyon', null],
];

/** Starts `carnet serve` as a person would and waits for the URL it prints (as card.test.ts does). */

/** A column of a sheet as ExcelJS reads the file (what Excel would show), header first. */
async function column(file: string, sheet: string, header: string): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(sheet)!;
  let at = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) at = n;
  });
  if (!at) throw new Error(`no column "${header}" in ${sheet}`);
  return Array.from({ length: ws.rowCount }, (_, r) => ws.getCell(r + 1, at).value ?? null);
}

describe.skipIf(!HAS_CHROMIUM)("adopting the team's sheet from the sidebar", () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'equipe.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;
  const focused = () => page.evaluate<string>(FOCUSED);
  const key = (k: string) => page.keyboard.press(k);
  /** Tabs forward (at most `max` times) until the focus matches: how a keyboard user gets there. */
  async function tabTo(pattern: RegExp, max = 40): Promise<void> {
    for (let i = 0; i < max && !pattern.test(await focused()); i++) await key('Tab');
    expect(await focused()).toMatch(pattern);
  }

  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Clients').addRows(CLIENTS);
    await book.xlsx.writeFile(file);
    // Marie sets Carnet up: she is its first admin, who may adopt a sheet.
    expect((await carnet('init', file, '--lang', 'fr', '--as', 'marie@example.fr')).code).toBe(0);
    // Google's sidebar is 300 px wide: the design has to work there.
    sidebar = await openSidebar(file, 'marie@example.fr');
    page = sidebar.page;
  });

  // Script errors in the page fail the test that caused them.
  afterEach(() => {
    expect(sidebar?.takeErrors()).toEqual([]);
  });

  afterAll(async () => {
    await sidebar?.close();
    tmp.cleanup();
  });

  it('opens Settings and previews the sheet with the keyboard alone', async () => {
    await page.getByRole('combobox', { name: 'Trouver une société' }).waitFor();
    await tabTo(/^button\|button\|⚙ Paramètres$/);
    await key('Enter');
    await expect.poll(focused).toBe('h2||Paramètres');
    await tabTo(/^select\|\|La feuille de l’équipe$/);
    // Only the sheets no directory uses are offered, and Sociétés is the directory proposed.
    expect(await page.getByLabel('La feuille de l’équipe').locator('option').allTextContents()).toEqual(['Clients']);
    expect(await page.getByLabel('Annuaire qu’elle contient').inputValue()).toBe('companies');
    await tabTo(/^button\|submit\|Aperçu$/);
    await key('Enter');
    await expect.poll(focused).toBe('h4||Feuille « Clients » comme Sociétés');
    expect(await page.getByText('Fiches : 3').count()).toBe(1);
  });

  it("shows each column's header → field, samples, verdicts, and the invalid cells with their reason", async () => {
    const holds = (column: string, header: string) => page.getByLabel(`La colonne ${column} « ${header} » contient`);
    expect(await holds('A', 'Société').inputValue()).toBe('name');
    expect(await holds('B', 'Tél.').inputValue()).toBe('phone');
    expect(await holds('C', 'E-mail').inputValue()).toBe('email');
    expect(await holds('D', 'Ville').inputValue()).toBe('city');
    // The team's own column stays theirs; the plan only suggests what it might be.
    expect(await holds('E', 'Notes perso').inputValue()).toBe('');
    const notes = page.locator('.adopt-col', { has: holds('E', 'Notes perso') });
    expect(await notes.textContent()).toContain('Pourrait contenir « Commentaires ».');
    const email = page.locator('.adopt-col', { has: holds('C', 'E-mail') });
    expect(await email.locator('.adopt-counts').textContent()).toBe('2 corrects · 1 invalides');
    expect(await email.locator('.adopt-cells li').allTextContents()).toEqual(['C3 "jean.dupont@" n’est pas une adresse e-mail.']);
    expect(await email.locator('.adopt-samples').first().textContent()).toBe('ex. contact@dupont.fr · jean.dupont@ · info@atelier-riviere.fr');
    const phone = page.locator('.adopt-col', { has: holds('B', 'Tél.') });
    expect(await phone.locator('.adopt-counts').textContent()).toBe('2 corrects · 1 à normaliser');
    // Nothing is adopted yet: without ids and the missing columns the core refuses; each box says
    // what it would write, and the needed ones say so, while nothing is listed again as a blocker.
    expect(await page.getByLabel('Ajouter les ID').isChecked()).toBe(false);
    const ids = await page.getByLabel('Ajouter les ID').getAttribute('aria-describedby');
    expect(await page.locator(`#${ids}`).textContent()).toBe('Ajouter l’en-tête « ID » en F1 et les ID CO-000001…CO-000003 en F2:F4.');
    expect(await page.locator('.adopt-confirm .badge.needed').count()).toBe(2);
    expect(await page.locator('.adopt-notes.blockers').count()).toBe(0);
  });

  it('plans again as a column is given another field with the arrow keys, without taking fields from other columns', async () => {
    const notes = page.getByLabel('La colonne E « Notes perso » contient');
    const settled = () => expect.poll(() => page.locator('.adopt').getAttribute('aria-busy')).toBe('false');
    await notes.focus();
    // Each arrow step picks the next field (Nom, Secteur, …) and plans again; only the last one counts.
    for (let i = 0; i < 30 && (await notes.inputValue()) !== 'notes'; i++) await key('ArrowDown');
    expect(await notes.inputValue()).toBe('notes');
    await settled();
    await expect.poll(() => page.locator('.adopt-changes').textContent()).toContain('Le champ « Commentaires » prend le nom « Notes perso »');
    // The steps went through Nom, E-mail, Ville…: the columns that had them keep them.
    const others = await Promise.all(['A « Société »', 'B « Tél. »', 'C « E-mail »', 'D « Ville »'].map((c) => page.getByLabel(`La colonne ${c} contient`).inputValue()));
    expect(others).toEqual(['name', 'phone', 'email', 'city']);
    expect(await page.getByText(/Champs sans colonne/).textContent()).not.toContain('Commentaires');
    // Home gives the column back to the team.
    await key('Home');
    await settled();
    await expect.poll(() => page.locator('.adopt-changes').textContent()).not.toContain('Notes perso');
    expect(await notes.inputValue()).toBe('');
    expect(await page.getByText(/Champs sans colonne/).textContent()).toContain('Commentaires');
    expect(await focused()).toBe('select||La colonne E « Notes perso » contient');
  });

  it("refuses, with the core's message, to adopt before the needed writes are ticked, and writes nothing", async () => {
    const before = digest(file);
    await page.getByRole('button', { name: 'Adopter « Clients » comme Sociétés' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('p').textContent()).toMatch(/^10 champs n’ont pas de colonne : .* \(et 1 autre problème\)$/);
    expect(await refusal.textContent()).toContain('La feuille « Clients » n’a pas de colonne ID');
    expect(digest(file)).toBe(before);
  });

  it('ticks the writes with the keyboard, each worded as the plan words it, and adopts', async () => {
    await page.getByRole('heading', { name: 'Feuille « Clients » comme Sociétés' }).focus();
    for (const box of ['Ajouter les ID', 'Ajouter les colonnes manquantes', 'Réécrire les cellules sous leur forme enregistrée', 'Ajouter les valeurs référencées manquantes']) {
      await tabTo(new RegExp(`^input\\|checkbox\\|${box}`));
      await key('Space');
      // Each tick plans again, and what the box writes joins the changes.
      await expect.poll(() => page.getByLabel(box).isChecked()).toBe(true);
      await expect.poll(() => page.locator('.adopt').getAttribute('aria-busy')).toBe('false');
    }
    const what = async (box: string) => page.locator(`#${await page.getByLabel(box).getAttribute('aria-describedby')}`).textContent();
    expect(await what('Ajouter les ID')).toBe('Ajouter l’en-tête « ID » en F1 et les ID CO-000001…CO-000003 en F2:F4.');
    expect(await what('Ajouter les valeurs référencées manquantes')).toBe('Ajouter 2 fiches à l’annuaire « Villes » : Lyon, Lille.');
    expect(await what('Réécrire les cellules sous leur forme enregistrée')).toContain('B2 "06 12 34 56 78" → "+33612345678"');
    expect(await page.locator('.adopt-notes.blockers').count()).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    // From the top, so the sticky bar sits where it belongs in the full-length picture.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'adopt.png'), fullPage: true });

    await tabTo(/^button\|button\|Adopter « Clients » comme Sociétés$/);
    await key('Enter');
    const done = page.getByRole('status').filter({ hasText: 'est désormais dans la feuille' });
    await done.waitFor();
    expect(await done.textContent()).toBe(
      'L’annuaire « Sociétés » est désormais dans la feuille « Clients » (3 fiches). 1 cellule laissée telle quelle ne convient pas à son champ ; `check` la liste. Carnet n’utilise plus la feuille « Sociétés » ; supprimez-la vous-même quand vous le souhaitez.',
    );
    await expect.poll(focused).toMatch(/^div\|\|L’annuaire «\u00a0Sociétés\u00a0» est désormais/);
    // The sheet is a directory's now, the former sheet free: the picker offers that one instead.
    await expect.poll(() => page.getByLabel('La feuille de l’équipe').locator('option').allTextContents()).toEqual(['Sociétés']);
  });

  it('leaves the companies with ids, and the team’s own column exactly as it was', async () => {
    const listed = await carnet('list', file, 'sociétés', '--json');
    expect(listed.code).toBe(0);
    const companies = (JSON.parse(listed.stdout) as { id: string; values: Record<string, unknown> }[]).map((c) => [c.id, c.values.name, c.values.phone, c.values.email, c.values.city]);
    expect(companies).toEqual([
      ['CO-000001', 'Dupont SA', '+33612345678', 'contact@dupont.fr', 'Lyon'],
      ['CO-000002', 'Bâti Nord', '+33320000000', 'jean.dupont@', 'Lille'],
      ['CO-000003', 'Atelier Rivière', '+33320112233', 'info@atelier-riviere.fr', 'Lyon'],
    ]);
    expect(await column(file, 'Clients', 'Notes perso')).toEqual(['Notes perso', 'Client depuis 2019', 'ne pas appeler le lundi', null]);
    expect(await column(file, 'Clients', 'Société')).toEqual(CLIENTS.map((r) => r[0]));
  });

  it('finds an adopted company from the search box and opens its card', async () => {
    await page.getByRole('button', { name: '← Retour aux sociétés' }).click();
    const search = page.getByRole('combobox', { name: 'Trouver une société' });
    await search.fill('bati');
    await page.getByRole('option', { name: /Bâti Nord/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Bâti Nord');
  });
});
