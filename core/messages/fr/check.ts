import type { Catalog } from '../say.js';

/** The check messages in French, keyed by their English template. */
export const CHECK: Catalog = {
  'Sheet "{sheet}" of directory {directory} is missing (renamed or deleted?).': 'La feuille « {sheet} » de l’annuaire « {directory} » est introuvable (renommée ou supprimée ?).',
  '{sheet}: no "{header}" column header.': '{sheet} : aucune colonne n’a l’en-tête « {header} ».',
  '"{header}" in {cell}': '« {header} » en {cell}',
  '{sheet}: no column for field "{field}".': '{sheet} : aucune colonne pour le champ « {field} ».',
  '{sheet}: no column for field "{field}" — renamed by hand? Headers that match no field: {headers}.':
    '{sheet} : aucune colonne pour le champ « {field} » — renommée à la main ? En-têtes qui ne correspondent à aucun champ : {headers}.',
  '{cell}: header "{header}" appears twice; only the first column is used.': '{cell} : l’en-tête « {header} » apparaît deux fois ; seule la première colonne est utilisée.',
  '{cell}: the record has no ID.': '{cell} : la fiche n’a pas d’ID.',
  '{cell}: ID {id} is also on row {row}.': '{cell} : l’ID {id} figure aussi à la ligne {row}.',
  '{cell}: {field} is required.': '{cell} : le champ « {field} » est obligatoire.',
  '{cell}: {value} is {reason}.': '{cell} : {value} {reason}.',
  '{cell}: "{value}" is not in {directory}.': '{cell} : « {value} » ne figure pas dans l’annuaire « {directory} ».',
  '{cell}: {value} would be stored as {stored}.': '{cell} : {value} serait enregistré sous la forme {stored}.',
  '{cell}: "{value}" is also on row {row}; {field} must be unique.': '{cell} : « {value} » figure aussi à la ligne {row} ; la valeur du champ « {field} » doit être unique.',
  "{cell}: {field} holds the value {value}, not Carnet's formula, so it no longer follows the line's quantity and price (the spreadsheet did not take the formula, or it was typed over).":
    '{cell} : le champ « {field} » contient la valeur {value} et non la formule de Carnet : il ne suit donc plus la quantité ni le prix de la ligne (le tableur n’a pas accepté la formule, ou elle a été écrasée par une saisie).',
};
