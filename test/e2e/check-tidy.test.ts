/**
 * Check and Tidy up from the sidebar (issue 13 §2), in real headless Chromium against `carnet
 * serve`: a French workbook made with `carnet init`, then rows typed straight into "Sociétés" as a
 * colleague would in Excel — companies without ID, a local phone, an email in capitals, a bad
 * email. The admin opens Settings → Vérification: the problems by sheet, errors first, each with
 * its cell. Tidy up shows every cell it will write; a row typed meanwhile makes Apply refuse with
 * the core's message, and planning again shows it; Apply writes, the check runs again and only
 * the bad email is left; the file has the IDs and the values in stored form. A host opens the
 * screen by its name, `check`.
 */

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { editByHand } from '../helpers/excel-edit.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');
const MARIE = 'marie@example.fr';

/** Runs in the page (as text: this file is type-checked without the DOM library). "tag|name" of the focus. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  return el ? [el.tagName.toLowerCase(), (el.textContent || '').trim()].join('|') : '';
})()`;

/** The README picture, from the top of one element to the bottom of another: written when missing, or refreshed with CARNET_UPDATE_SCREENSHOTS=1. */
async function screenshot(page: Page, name: string, part: { from: string; to: string }): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const made = join(ARTIFACTS, name);
  const clip = await page.evaluate<{ x: number; y: number; width: number; height: number }>(`(() => {
    const from = document.querySelector(${JSON.stringify(part.from)}).getBoundingClientRect();
    const to = document.querySelector(${JSON.stringify(part.to)}).getBoundingClientRect();
    const y = Math.max(0, from.top + window.scrollY - 6);
    return { x: 0, y, width: document.documentElement.clientWidth, height: Math.ceil(to.bottom + window.scrollY + 6 - y) };
  })()`);
  await page.screenshot({ path: made, fullPage: true, clip });
  const shot = join(ROOT, 'docs/screenshots', name);
  if (!existsSync(shot) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') copyFileSync(made, shot);
}

/** A column of "Sociétés" as ExcelJS reads the file (what Excel would show), rows 2 to `last`. */
async function column(file: string, header: string, last: number): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet('Sociétés')!;
  let at = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) at = n;
  });
  if (!at) throw new Error(`no column "${header}" in Sociétés`);
  return Array.from({ length: last - 1 }, (_, r) => ws.getCell(r + 2, at).value ?? null);
}

describe.skipIf(!HAS_CHROMIUM)('checking and tidying the sheets from the sidebar', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'equipe.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;
  const focused = () => page.evaluate<string>(FOCUSED);
  const key = (k: string) => page.keyboard.press(k);
  async function tabTo(pattern: RegExp, max = 40): Promise<void> {
    for (let i = 0; i < max && !pattern.test(await focused()); i++) await key('Tab');
    expect(await focused()).toMatch(pattern);
  }
  const lines = (selector: string) => page.locator(selector).allTextContents();
  const counts = () => page.locator('.check-counts').textContent();
  const settled = () => expect.poll(() => page.locator('article.check-screen').getAttribute('aria-busy')).toBe('false');

  beforeAll(async () => {
    // Marie sets Carnet up: she is its first admin, who may configure.
    expect((await carnet('init', file, '--lang', 'fr', '--as', MARIE)).code).toBe(0);
    // A colleague types two companies straight into the sheet, as in Excel: no ID, their own ways.
    await editByHand(file, (_book, cell) => {
      cell('Sociétés', 'Nom', 2).value = 'Dupont SA';
      cell('Sociétés', 'Téléphone', 2).value = '06 12 34 56 78';
      cell('Sociétés', 'E-mail', 2).value = 'Contact@Dupont.FR';
      cell('Sociétés', 'Nom', 3).value = 'Bâti Nord';
      cell('Sociétés', 'E-mail', 3).value = 'jean.dupont@';
    });
    sidebar = await openSidebar(file, MARIE);
    page = sidebar.page;
  });

  afterEach(() => {
    expect(sidebar?.takeErrors()).toEqual([]);
  });

  afterAll(async () => {
    await sidebar?.close();
    tmp.cleanup();
  });

  it('opens Check from Settings with the keyboard: counts first, then each sheet’s problems, errors first, with their cells', async () => {
    await page.getByRole('combobox', { name: 'Trouver une société' }).waitFor();
    await tabTo(/^button\|⚙ Paramètres$/);
    await key('Enter');
    await expect.poll(focused).toBe('h2|Paramètres');
    await tabTo(/^button\|Vérification$/);
    await key('Enter');
    await expect.poll(focused).toBe('h2|Vérification');
    await expect.poll(counts).toBe('Erreurs : 3 · avertissements : 2 · fiches : 8 · annuaires : 13');
    expect(await lines('.check-sheet h4')).toEqual(['Sociétés']);
    expect(await lines('.check-sheet li')).toEqual([
      'Erreur A2 la fiche n’a pas d’ID.',
      'Erreur A3 la fiche n’a pas d’ID.',
      'Erreur I3 "jean.dupont@" n’est pas une adresse e-mail.',
      'Avertissement H2 "06 12 34 56 78" serait enregistré sous la forme "+33612345678".',
      'Avertissement I2 "Contact@Dupont.FR" serait enregistré sous la forme "contact@dupont.fr".',
    ]);
  });

  it('shows what Tidy up will write, cell by cell, old → new and why, and what it cannot fix; nothing is written yet', async () => {
    const before = digest(file);
    await tabTo(/^button\|Remettre en ordre$/);
    await key('Enter');
    await expect.poll(focused).toBe('h4|Ce qui sera écrit');
    expect(await page.locator('.tidy-plan > p.muted').first().textContent()).toBe('Cellules à écrire : 4');
    expect(await lines('.tidy-directory h5')).toEqual(['Sociétés']);
    expect(await lines('.tidy-directory li')).toEqual([
      'A2 ID (vide) → CO-000001 nouvel ID',
      'H2 Téléphone 06 12 34 56 78 → +33612345678 forme enregistrée',
      'I2 E-mail Contact@Dupont.FR → contact@dupont.fr forme enregistrée',
      'A3 ID (vide) → CO-000002 nouvel ID',
    ]);
    expect(await lines('.tidy-plan .check-sheet li')).toEqual(['Erreur I3 "jean.dupont@" n’est pas une adresse e-mail.']);
    expect(digest(file)).toBe(before);
    // The picture without the keyboard's focus ring, from the top.
    await page.evaluate('document.activeElement.blur(), window.scrollTo(0, 0)');
    await screenshot(page, 'tidy.png', { from: '#check-title', to: '.tidy-plan .buttons' });
  });

  it("refuses to apply a plan the sheet no longer matches, with the core's message, and plans again", async () => {
    // Meanwhile, a colleague types one more company by hand.
    await editByHand(file, (_book, cell) => {
      cell('Sociétés', 'Nom', 4).value = 'Atelier Rivière';
    });
    await page.getByRole('button', { name: 'Appliquer' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('p').textContent()).toBe(
      'Les feuilles ont changé depuis le plan que vous avez confirmé ; les remettre en ordre maintenant écrirait 5 cellules. Rien n’a été écrit : regardez le nouveau plan et confirmez-le.',
    );
    expect(await page.getByRole('button', { name: 'Appliquer' }).count()).toBe(0);
    await expect.poll(focused).toBe('button|Refaire le plan');
    await key('Enter');
    await expect.poll(focused).toBe('h4|Ce qui sera écrit');
    expect(await page.locator('.tidy-plan > p.muted').first().textContent()).toBe('Cellules à écrire : 5');
    expect((await lines('.tidy-directory li')).at(-1)).toBe('A4 ID (vide) → CO-000003 nouvel ID');
  });

  it('applies, checks again and shows only the bad email', async () => {
    await tabTo(/^button\|Appliquer$/);
    await key('Enter');
    const done = page.locator('.adopt-done');
    await done.waitFor();
    expect(await done.textContent()).toBe('5 cellules remises en ordre dans Sociétés. Il reste 1 problème à corriger à la main ; `check` le signale aussi.');
    await settled();
    expect(await counts()).toBe('Erreurs : 1 · avertissements : 0 · fiches : 9 · annuaires : 13');
    expect(await page.getByRole('heading', { level: 3, name: 'Ce qui reste' }).count()).toBe(1);
    expect(await lines('.check-sheet li')).toEqual(['Erreur I3 "jean.dupont@" n’est pas une adresse e-mail.']);
    expect(await page.locator('.tidy-plan').count()).toBe(0);
  });

  it('leaves the IDs and the values in stored form in the file, the bad email as typed', async () => {
    expect(await column(file, 'ID', 4)).toEqual(['CO-000001', 'CO-000002', 'CO-000003']);
    expect(await column(file, 'Nom', 4)).toEqual(['Dupont SA', 'Bâti Nord', 'Atelier Rivière']);
    expect(await column(file, 'Téléphone', 4)).toEqual(['+33612345678', null, null]);
    expect(await column(file, 'E-mail', 4)).toEqual(['contact@dupont.fr', 'jean.dupont@', null]);
  });

  it('finds the tidied companies from the search box (the index was fetched again)', async () => {
    await page.getByRole('button', { name: '← Retour aux paramètres' }).click();
    await page.getByRole('button', { name: '← Retour aux sociétés' }).click();
    await page.getByRole('combobox', { name: 'Trouver une société' }).fill('atelier');
    await page.getByRole('option', { name: /Atelier Rivière/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Atelier Rivière');
  });

  it('opens on Check when the host asks for the screen by name (Google’s menu item “Check”)', async () => {
    await page.goto(`${sidebar!.url}&screen=check`);
    await expect.poll(focused).toBe('h2|Vérification');
    await expect.poll(counts).toBe('Erreurs : 1 · avertissements : 0 · fiches : 9 · annuaires : 13');
  });
});
