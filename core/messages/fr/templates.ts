import type { Catalog } from '../say.js';

/** The templates messages in French, keyed by their English template. */
export const TEMPLATES: Catalog = {
  'An ABC analysis needs the customer as its row field and the revenue as its data field.':
    'Une analyse ABC demande le client comme champ de ligne et le chiffre d’affaires comme champ de données.',
  'Only an ABC analysis has a class to write back to a field.': 'Seule une analyse ABC a une classe à écrire dans un champ.',
  'The ABC class can be written back only when customers are a reference (like {directory} › Company); {field} is {type}.':
    'La classe ABC ne peut être écrite que si les clients sont une référence (comme {directory} › Société) ; le champ « {field} » est de type {type}.',
  '{field} names the records; the ABC class goes in another field.': 'Le champ « {field} » nomme les fiches ; la classe ABC va dans un autre champ.',
  '{field} offers no choice {missing}: add {missing} to its choices, or pick a text field.':
    'Le champ « {field} » ne propose pas le choix {missing} : ajoutez {missing} à ses choix, ou prenez un champ texte.',
  '{field} is {type}: the ABC class (A, B or C) goes in a text or choice field.':
    'Le champ « {field} » est de type {type} : la classe ABC (A, B ou C) va dans un champ texte ou à choix.',
  '{field} has no column in sheet "{sheet}".': 'Le champ « {field} » n’a pas de colonne dans la feuille « {sheet} ».',
  'The report names no directory: choose what to report on (Sales, Deals, Companies…).':
    'Le rapport ne nomme aucun annuaire : choisissez sur quoi il porte (Ventes, Affaires, Sociétés…).',
  'The report on {directory} has no data field: say what to count or sum (Count, or Sum of a number field).':
    'Le rapport sur l’annuaire « {directory} » n’a aucun champ de données : indiquez ce qu’il faut compter ou additionner (Nombre, ou Somme d’un champ numérique).',
  '{part} names no field.': '{part} ne nomme aucun champ.',
  '{field}: "{by}" is not a date grouping; use {groupings}.': '{field} : « {by} » n’est pas un regroupement de dates ; utilisez {groupings}.',
  '{field} is {type}, not a date, so it cannot be grouped by {by}.': 'Le champ « {field} » est de type {type} et non une date : il ne peut donc pas être regroupé par {by}.',
  '{field}: top must be a whole number above 0.': '{field} : top doit être un nombre entier supérieur à 0.',
  '{part}: "{agg}" is not an aggregation; use {aggregations}.': '{part} : « {agg} » n’est pas une agrégation ; utilisez {aggregations}.',
  '{part}: {agg} needs a field.': '{part} : {agg} demande un champ.',
  '{field} is {type}: a sum needs a number, money, integer or percent field. Count it instead.':
    'Le champ « {field} » est de type {type} : une somme demande un champ nombre, montant, entier ou pourcentage. Comptez-le plutôt.',
  '{field} is {type}: an average needs a number, money, integer or percent field. Count it instead.':
    'Le champ « {field} » est de type {type} : une moyenne demande un champ nombre, montant, entier ou pourcentage. Comptez-le plutôt.',
  '{field} is {type}: {agg} needs a number or a date field.': 'Le champ « {field} » est de type {type} : {agg} demande un champ nombre ou date.',
  'Filter on {field}: a relative date range needs a date field, and {field} is {type}.':
    'Filtre sur « {field} » : une période relative demande un champ date, or « {field} » est de type {type}.',
  'ABC thresholds must be shares between 0 and 1 with A + B under 1 (C takes the rest), e.g. A 0.8 and B 0.15; got A {a} and B {b}.':
    'Les seuils ABC doivent être des parts comprises entre 0 et 1, avec A + B inférieur à 1 (C prend le reste), par exemple A 0.8 et B 0.15 ; valeurs reçues : A {a} et B {b}.',
  '{directory} has no records yet: there is nothing to report. Add or import some, then build the report again.':
    'L’annuaire « {directory} » n’a encore aucune fiche : il n’y a rien à analyser. Ajoutez-en ou importez-en, puis reconstruisez le rapport.',
  'This report on {directory} would have {rows} rows × {columns} columns ({cells} cells), more than a report holds ({max}). Group dates by month or quarter, keep the top N rows, or add a filter.':
    'Ce rapport sur l’annuaire « {directory} » aurait {rows} lignes × {columns} colonnes ({cells} cellules), plus qu’un rapport ne peut en contenir ({max}). Regroupez les dates par mois ou par trimestre, gardez les N premières lignes, ou ajoutez un filtre.',
  '{fields} holds amounts in several currencies ({a}, {b}…), and Carnet never adds different currencies together. Group the report by {currency}, or filter it to one currency.':
    '« {fields} » contient des montants en plusieurs devises ({a}, {b}…), et Carnet n’additionne jamais des devises différentes. Regroupez le rapport par « {currency} », ou filtrez-le sur une seule devise.',
  '{path}: expected a number, got {value}.': '{path} : nombre attendu, reçu {value}.',
  '{path}: expected a field name, got nothing.': '{path} : nom de champ attendu, rien n’a été reçu.',
  '{path}: expected a field name, got {value}.': '{path} : nom de champ attendu, reçu {value}.',
  'Filter on {field}: {value} is {reason}.': 'Filtre sur « {field} » : {value} {reason}.',
  'Filter on {field}: {range} needs a whole number of days (n).': 'Filtre sur « {field} » : {range} demande un nombre entier de jours (n).',
  'Filter on {field}: {range} needs a whole number of months (n).': 'Filtre sur « {field} » : {range} demande un nombre entier de mois (n).',
  '"{path}" is not a field path: a name is missing between the dots.': '« {path} » n’est pas un chemin de champ : il manque un nom entre les points.',
  '{field} is not a reference, so "{path}" cannot go through it.': 'Le champ « {field} » n’est pas une référence : « {path} » ne peut donc pas passer par lui.',
  'No report named "{name}". Reports: {reports}.': 'Aucun rapport nommé « {name} ». Rapports : {reports}.',
  'A report needs a name.': 'Un rapport doit avoir un nom.',
  'A report name is at most {max} characters; "{start}…" has {length}.': 'Un nom de rapport compte au plus {max} caractères ; « {start}… » en a {length}.',
  '"{name}" is one of Carnet\'s built-in reports and cannot be deleted; edit it and save it under its name to change it.':
    '« {name} » est un rapport intégré de Carnet et ne peut pas être supprimé ; pour le changer, modifiez-le puis enregistrez-le sous son nom.',
  '"{sheet}" is the sheet of the directory {directory}; a report is never built into it. Choose another sheet name for the report.':
    '« {sheet} » est la feuille de l’annuaire « {directory} » ; aucun rapport n’y est jamais construit. Choisissez un autre nom de feuille pour le rapport.',
  '"{sheet}" is Carnet\'s settings sheet; a report is never built into it. Choose another sheet name for the report.':
    '« {sheet} » est la feuille des réglages de Carnet ; aucun rapport n’y est jamais construit. Choisissez un autre nom de feuille pour le rapport.',
  'A sheet named "{sheet}" already exists and Carnet did not make it, so the report is not built there: it would overwrite your team\'s sheet. Rename that sheet, or build the report into another sheet.':
    'Une feuille nommée « {sheet} » existe déjà et Carnet ne l’a pas créée : le rapport n’y est donc pas construit, car il écraserait la feuille de votre équipe. Renommez cette feuille, ou construisez le rapport dans une autre feuille.',
  '{option} "{value}": {problem}': '{option} « {value} » : {problem}',
  'a field name is missing.': 'il manque un nom de champ.',
  '"{option}" is not an option; use a date grouping ({groupings}), top=N, sort=value, sort=label, asc or desc.':
    '« {option} » n’est pas une option ; utilisez un regroupement de dates ({groupings}), top=N, sort=value, sort=label, asc ou desc.',
  'write field:aggregation ({aggregations}), e.g. quantity:sum, or count.': 'écrivez champ:agrégation ({aggregations}), par exemple quantity:sum, ou count.',
  '"{show}" is not a way to show values; use {shows}.': '« {show} » n’est pas une façon d’afficher les valeurs ; utilisez {shows}.',
  'write field=value, field=a|b, field=from..to, field= (empty) or field!= (not empty).': 'écrivez champ=valeur, champ=a|b, champ=début..fin, champ= (vide) ou champ!= (non vide).',
  '!= takes no value: it means "not empty".': '!= ne prend pas de valeur : il signifie « non vide ».',
  '{tag}: {message}': '{tag} : {message}',
  '{tag} in {where} ("{around}"): {message}': '{tag}, {where} (« {around} ») : {message}',
  '{tag} in {where}: {message}': '{tag}, {where} : {message}',
  'paragraph {n}': 'paragraphe {n}',
  'cell': 'cellule',
  'table {table}, row {row}, column {column}': 'tableau {table}, ligne {row}, colonne {column}',
  '{part}, {place}': '{part}, {place}',
  'document': 'document',
  'header {n}': 'en-tête {n}',
  'footer {n}': 'pied de page {n}',
  'header': 'en-tête',
  'footer': 'pied de page',
  'footnotes': 'notes de bas de page',
  'endnotes': 'notes de fin',
  'comments': 'commentaires',
  'document properties': 'propriétés du document',
  'The template is not a .docx file ({why}).': 'Le modèle n’est pas un fichier .docx ({why}).',
  'The template is not a Word document: it has no word/document.xml.': 'Le modèle n’est pas un document Word : il n’a pas de word/document.xml.',
  'not a field name: {why}': 'pas un nom de champ : {why}',
  '"@" cannot start a tag (it would insert Word XML)': '« @ » ne peut pas commencer une balise (il insérerait du XML Word)',
  'no value: "{through}" is empty': 'aucune valeur : « {through} » est vide',
  'no value: the cell is empty': 'aucune valeur : la cellule est vide',
  'no value': 'aucune valeur',
  'A merged document needs at least one record.': 'Un document fusionné demande au moins une fiche.',
  'it cannot be read': 'il est illisible',
  'The template cannot be filled: {first}': 'Impossible de remplir le modèle : {first}',
  'The template cannot be filled: {first} (and 1 more problem)': 'Impossible de remplir le modèle : {first} (et 1 autre problème)',
  'The template cannot be filled: {first} (and {count} more problems)': 'Impossible de remplir le modèle : {first} (et {count} autres problèmes)',
  'The template is not a Word document: its body cannot be found.': 'Le modèle n’est pas un document Word : son corps est introuvable.',
  'dates': 'aux dates',
  'numbers and money': 'aux nombres et aux montants',
  'text': 'au texte',
  '"{name}" is a field, not a reference: nothing can follow it after "."': '« {name} » est un champ, pas une référence : rien ne peut le suivre après « . »',
  '"{name}" has no field "{field}" — did you mean {suggestion}?': '« {name} » n’a pas de champ « {field} » — vouliez-vous dire {suggestion} ?',
  '"{name}" has no field "{field}"': '« {name} » n’a pas de champ « {field} »',
  'a |formatter has no effect on a section: write {tag}': 'un |format est sans effet sur une section : écrivez {tag}',
  '"{name}" is one record, not a list, so this table row cannot repeat — lists here: {lists}':
    '« {name} » est une seule fiche, pas une liste : cette ligne de tableau ne peut donc pas se répéter — listes disponibles ici : {lists}',
  '"{name}" is a field, not a list, so this table row cannot repeat — lists here: {lists}':
    '« {name} » est un champ, pas une liste : cette ligne de tableau ne peut donc pas se répéter — listes disponibles ici : {lists}',
  '"{name}" is one record, not a list, so this table row cannot repeat': '« {name} » est une seule fiche, pas une liste : cette ligne de tableau ne peut donc pas se répéter',
  '"{name}" is a field, not a list, so this table row cannot repeat': '« {name} » est un champ, pas une liste : cette ligne de tableau ne peut donc pas se répéter',
  '{formatter} does not apply to "{name}": it applies to {types}': '{formatter} ne s’applique pas à « {name} » : il s’applique {types}',
  'unknown field "{name}" — did you mean {suggestion}?': 'champ inconnu « {name} » — vouliez-vous dire {suggestion} ?',
  'unknown name "{name}" — did you mean {suggestion}?': 'nom inconnu « {name} » — vouliez-vous dire {suggestion} ?',
  'unknown field "{name}" here: it is a field of each of {list}, so write it between {opening} and {closing}':
    'champ « {name} » inconnu ici : c’est un champ de chaque élément de {list}, écrivez-le donc entre {opening} et {closing}',
  'unknown name "{name}" here: it is a field of each of {list}, so write it between {opening} and {closing}':
    'nom « {name} » inconnu ici : c’est un champ de chaque élément de {list}, écrivez-le donc entre {opening} et {closing}',
  'unknown field "{name}"': 'champ inconnu « {name} »',
  'unknown name "{name}"': 'nom inconnu « {name} »',
  '"{name}" is a list: repeat it with {section} and name its fields inside': '« {name} » est une liste : répétez-la avec {section} et nommez ses champs à l’intérieur',
  'No template named "{name}". Templates: {names}.': 'Aucun modèle nommé « {name} ». Modèles : {names}.',
  'No template named "{name}": this workbook has no templates yet.': 'Aucun modèle nommé « {name} » : ce classeur n’a encore aucun modèle.',
  'Template "{name}" is damaged in the "{sheet}" sheet ({why}). Upload it again.':
    'Le modèle « {name} » est endommagé dans la feuille « {sheet} » ({why}). Importez-le de nouveau.',
  'part {part} of {parts} is missing': 'la partie {part} sur {parts} manque',
  'its rows are missing': 'ses lignes manquent',
  'its cells are not base64': 'ses cellules ne sont pas en base64',
  '{actual} bytes instead of {size}': '{actual} octets au lieu de {size}',
  'it is an old Word .doc file; save it as .docx (Word document) and upload that':
    'c’est un ancien fichier Word .doc ; enregistrez-le au format .docx (Document Word) et importez ce fichier',
  'it is not a zip archive, as every .docx is': 'ce n’est pas une archive zip, comme l’est tout fichier .docx',
  'it is a damaged zip archive ({why})': 'c’est une archive zip endommagée ({why})',
  'it is an OpenDocument file (.odt); save it as .docx (Word document) and upload that':
    'c’est un fichier OpenDocument (.odt) ; enregistrez-le au format .docx (Document Word) et importez ce fichier',
  'it is a zip archive without word/document.xml, so not a Word document': 'c’est une archive zip sans word/document.xml, donc pas un document Word',
  '{size} MB': '{size} Mo',
  'A template needs a name.': 'Un modèle doit avoir un nom.',
  'A template name is at most {max} characters; "{start}…" has {length}.': 'Un nom de modèle compte au plus {max} caractères ; « {start}… » en a {length}.',
  'Template "{name}" is {size}; a template can be at most 10 MB. Make it smaller (in Word: File › Compress Pictures).':
    'Le modèle « {name} » fait {size} ; un modèle ne peut pas dépasser 10 Mo. Allégez-le (dans Word : Fichier › Compresser les images).',
  'Template "{name}" is not a .docx file: {problem}.': 'Le modèle « {name} » n’est pas un fichier .docx : {problem}.',
  'only one |formatter may follow the name': 'un seul |format peut suivre le nom',
  '{character} cannot be part of a formatter (a formatter is one word, such as |long)': '{character} ne peut pas faire partie d’un format (un format est un seul mot, comme |long)',
  'a name is missing (an empty tag, or two dots in a row)': 'il manque un nom (balise vide, ou deux points à la suite)',
  '"{name}" is reserved': '« {name} » est un nom réservé',
  '{character} cannot be part of a name': '{character} ne peut pas faire partie d’un nom',
  '"{name}" has no letter or digit': '« {name} » ne contient ni lettre ni chiffre',
  'unknown formatter "{name}" — did you mean {suggestion}? (formatters: {formatters})': 'format inconnu « {name} » — vouliez-vous dire {suggestion} ? (formats : {formatters})',
  'unknown formatter "{name}" (formatters: {formatters})': 'format inconnu « {name} » (formats : {formatters})',
  'The template cannot be read as a Word document: {why}.': 'Le modèle ne peut pas être lu comme un document Word : {why}.',
  'never closed: add {closing} where it ends': 'jamais fermée : ajoutez {closing} là où elle se termine',
  'closes nothing: add {opening} where it starts, or delete it': 'ne ferme rien : ajoutez {opening} là où la section commence, ou supprimez cette balise',
  'closed by {closing}, which does not match: end it with {end}': 'fermée par {closing}, qui ne lui correspond pas : terminez-la par {end}',
  'overlaps {section}: one must end before the other starts, or lie wholly inside it':
    'chevauche {section} : l’une doit se terminer avant que l’autre commence, ou se trouver entièrement à l’intérieur',
  'has no closing "}"': 'l’accolade fermante « } » manque',
  'has no opening "{"': 'l’accolade ouvrante « { » manque',
  'has doubled braces: a tag is a name between single braces, like {example}': 'accolades doublées : une balise est un nom entre accolades simples, comme {example}',
  'starts and ends in different places (one in a table, the other outside it): put both in the same table row, or both outside tables':
    'commence et se termine à des endroits différents (l’un dans un tableau, l’autre en dehors) : placez les deux dans la même ligne de tableau, ou les deux hors des tableaux',
  'not a field name': 'pas un nom de champ',
  'cannot be read': 'illisible',
  '"{name}" cannot be a sheet name: at most {max} characters, not empty, without [ ] : * ? / \\ and not starting or ending with an apostrophe.':
    '« {name} » ne peut pas être un nom de feuille : {max} caractères au plus, non vide, sans [ ] : * ? / \\ ni apostrophe au début ou à la fin.',
};
