import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { editByHand } from '../helpers/excel-edit.js';

const tmp = tempDir();
const base = join(tmp.dir, 'base.xlsx');

/**
 * A French CRM set up by `carnet init`, beside which the team keeps its own "Clients" sheet, made
 * in Excel (here ExcelJS): their headers, a real date, a formula and a coloured cell of their own,
 * and the same company twice.
 */
beforeAll(async () => {
  expect((await carnet('init', base, '--lang', 'fr')).code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(base);
  const ws = book.addWorksheet('Clients');
  ws.addRow(['Société', 'Tél. ', 'E-mail', 'Ville ', 'Notes perso', 'Dernier appel', 'Longueur']);
  ws.addRow(['Dupont SA', '06 12 34 56 78', 'contact@dupont.fr', null, 'Client depuis 2019', new Date(Date.UTC(2026, 2, 4)), { formula: 'LEN(A2)', result: 9 }]);
  ws.addRow(['Bâti Nord', '+33320000000', 'jean.dupont@', null, null, null, null]);
  ws.addRow(['Dupont SA', null, null, null, 'à fusionner', null, null]);
  ws.getCell('E2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  await book.xlsx.writeFile(base);
});
afterAll(() => tmp.cleanup());

function copy(name: string): string {
  const f = join(tmp.dir, name);
  copyFileSync(base, f);
  return f;
}

async function sheet(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.getWorksheet(name)!;
}

describe('carnet directory adopt', () => {
  describe('with --dry-run', () => {
    it('prints the proposed mapping, each cell to look at, the changes and what stands in the way, and changes nothing', async () => {
      const f = copy('dry.xlsx');
      const before = digest(f);
      const r = await carnet('directory', 'adopt', f, 'sociétés', 'clients', '--dry-run');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      const lines = r.stdout.split('\n');
      // The workbook is French: the CLI's own words are too, and the columns stay aligned on them.
      expect(lines.slice(0, 11)).toEqual([
        'Feuille «\u00a0Clients\u00a0» comme Sociétés\u00a0: 3 fiches. Rien n’a été modifié (simulation).',
        '',
        'Col  En-tête        Champ                              Trouvée par  Cellules                    Exemples',
        '---  -------------  ---------------------------------  -----------  --------------------------  -------------------------------',
        'A    Société        Nom                                synonyme     3 correctes                 Dupont SA, Bâti Nord',
        'B    Tél.           Téléphone                          synonyme     1 correcte, 1 à normaliser  06 12 34 56 78, +33320000000',
        'C    E-mail         E-mail                             nom          1 correcte, 1 invalide      contact@dupont.fr, jean.dupont@',
        'D    Ville          Ville                              nom          0 correcte',
        'E    Notes perso    (de l’équipe\u00a0; peut-être notes\u00a0?)                                           Client depuis 2019, à fusionner',
        'F    Dernier appel  (de l’équipe)                                                               46085',
        'G    Longueur       (de l’équipe)                                                               9',
      ]);
      expect(r.stdout).toContain('Cellules laissées telles quelles, que `carnet check` listera\u00a0:\n  Clients!C3 : "jean.dupont@" n’est pas une adresse e-mail. [E_INVALID_VALUE]\n');
      expect(r.stdout).toContain(
        'Écrit seulement avec son option\u00a0:\n' +
          '  - --add-ids (nécessaire pour adopter)\u00a0: Ajouter l’en-tête « ID » en H1 et les ID CO-000001…CO-000003 en H2:H4.\n' +
          '  - --add-columns (nécessaire pour adopter)\u00a0: Ajouter en I1:R1 les en-têtes des champs sans colonne : Secteur, Segment, Origine, Adresse, Site web, SIRET / N° TVA, Remise accordée, Responsable, Date de création, Commentaires.\n' +
          '  - --normalize\u00a0: Réécrire 1 cellule de la colonne B « Tél. » sous sa forme enregistrée : B2 "06 12 34 56 78" → "+33612345678".\n',
      );
      expect(r.stdout).toContain('  - Le champ « Société » désigne les fiches, il doit donc être unique, et 1 cellule répète une ligne précédente (A4 "Dupont SA"). Rendez-la d’abord unique dans la feuille, par exemple en ajoutant la ville entre parenthèses. [E_UNIQUE]\n');
      expect(r.stdout).toContain(`Pour adopter\u00a0:\n  carnet directory adopt ${f} companies Clients --map 'name=Société' --map 'city=Ville ' --map 'phone=Tél. ' --map email=E-mail --add-ids --add-columns\n`);
      expect(digest(f)).toBe(before);
    });

    it('gives the whole plan as JSON with --json', async () => {
      const f = copy('dry-json.xlsx');
      const r = await carnet('directory', 'adopt', f, 'companies', 'Clients', '--dry-run', '--json', '--map', 'notes=Notes perso', '--add-ids', '--add-columns');
      const plan = JSON.parse(r.stdout);
      expect(plan.apply).toEqual({
        sheet: 'Clients',
        directory: 'companies',
        mapping: { name: 'Société', city: 'Ville ', phone: 'Tél. ', email: 'E-mail', notes: 'Notes perso' },
        addIds: true,
        addColumns: true,
        normalize: false,
        addReferenced: false,
      });
      expect(plan.blockers.map((b: { code: string }) => b.code)).toEqual(['E_UNIQUE']);
    });
  });

  describe('applying', () => {
    it('refuses while the company is there twice, leaving the file as it was', async () => {
      const f = copy('refused.xlsx');
      const before = digest(f);
      const r = await carnet('directory', 'adopt', f, 'sociétés', 'Clients', '--add-ids', '--add-columns');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'carnet: Le champ « Société » désigne les fiches, il doit donc être unique, et 1 cellule répète une ligne précédente (A4 "Dupont SA"). Rendez-la d’abord unique dans la feuille, par exemple en ajoutant la ville entre parenthèses. [E_UNIQUE]\n' +
          '  - Clients!A4 : « Dupont SA » figure aussi à la ligne 2 ; la valeur du champ « Société » doit être unique.\n',
      });
      expect(digest(f)).toBe(before);
    });

    it('refuses without --add-ids, saying what the flag would write', async () => {
      const f = copy('no-ids.xlsx');
      await editByHand(f, (book) => (book.getWorksheet('Clients')!.getCell('A4').value = 'Dupont SA (Lille)'));
      const before = digest(f);
      const r = await carnet('directory', 'adopt', f, 'sociétés', 'Clients', '--add-columns');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'carnet: La feuille « Clients » n’a pas de colonne ID ; Carnet a besoin d’un ID par fiche pour la retrouver, la modifier et la lier. Confirmez avec addIds (--add-ids en ligne de commande) pour ajouter l’en-tête « ID » en H1 et les ID CO-000001…CO-000003 en H2:H4. [E_SCHEMA]\n',
      });
      expect(digest(f)).toBe(before);
    });

    it("adopts the sheet once settled, writing only what the flags confirm and keeping the team's cells, formula and colours", async () => {
      const f = copy('adopted.xlsx');
      await editByHand(f, (book) => (book.getWorksheet('Clients')!.getCell('A4').value = 'Dupont SA (Lille)'));
      const r = await carnet('directory', 'adopt', f, 'sociétés', 'Clients', '--add-ids', '--add-columns', '--normalize');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(
        'L’annuaire « Sociétés » est désormais dans la feuille « Clients » (3 fiches). 1 cellule laissée telle quelle ne convient pas à son champ ; `check` la liste. Carnet n’utilise plus la feuille « Sociétés » ; supprimez-la vous-même quand vous le souhaitez.',
      );
      expect(r.stdout).toContain('  - Ajouter l’en-tête « ID » en H1 et les ID CO-000001…CO-000003 en H2:H4.\n');
      expect(r.stdout).toContain('  - Réécrire 1 cellule de la colonne B « Tél. » sous sa forme enregistrée : B2 "06 12 34 56 78" → "+33612345678".\n');

      const ws = await sheet(f, 'Clients');
      const row = (n: number, to = 8) => Array.from({ length: to }, (_, c) => ws.getCell(n, c + 1).value);
      expect(row(1)).toEqual(['Société', 'Tél. ', 'E-mail', 'Ville ', 'Notes perso', 'Dernier appel', 'Longueur', 'ID']);
      expect(row(2)).toEqual(['Dupont SA', '+33612345678', 'contact@dupont.fr', null, 'Client depuis 2019', new Date(Date.UTC(2026, 2, 4)), { formula: 'LEN(A2)', result: 9 }, 'CO-000001']);
      expect(row(3)).toEqual(['Bâti Nord', '+33320000000', 'jean.dupont@', null, null, null, null, 'CO-000002']);
      expect(row(4)).toEqual(['Dupont SA (Lille)', null, null, null, 'à fusionner', null, null, 'CO-000003']);
      expect(ws.getCell('E2').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });

      const list = await carnet('list', f, 'clients', '--json');
      expect(JSON.parse(list.stdout).map((rec: { id: string; display: string }) => [rec.id, rec.display])).toEqual([
        ['CO-000001', 'Dupont SA'],
        ['CO-000002', 'Bâti Nord'],
        ['CO-000003', 'Dupont SA (Lille)'],
      ]);
      const check = await carnet('check', f, '--json');
      expect(JSON.parse(check.stdout).problems.map((p: { cell: string; code: string }) => [p.cell, p.code])).toEqual([['C3', 'E_INVALID_VALUE']]);
      const update = await carnet('update', f, 'sociétés', 'Bâti Nord', '--set', 'e-mail=jean@batinord.fr');
      expect(update).toEqual({ code: 0, stdout: 'Fiche CO-000002 (Bâti Nord) mise à jour.\n', stderr: '' });
      expect((await carnet('check', f)).code).toBe(0);
    });

    it('exits 2 when the sheet is not named', async () => {
      const r = await carnet('directory', 'adopt', base, 'sociétés');
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'carnet: Usage: carnet directory adopt <file.xlsx> <directory> <sheet> [--map field=Header]… [--add-ids] [--add-columns] [--normalize] [--add-referenced] [--dry-run] [E_BAD_INPUT]\n',
      });
    });
  });
});
