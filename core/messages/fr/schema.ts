import { pluralOf, type Catalog } from '../say.js';

/** French: the singular for 0 and 1, the plural from 2 (Intl.PluralRules). */
const fr = (count: string | number, one: string, other: string): string => (pluralOf(Number(count), 'fr') === 'one' ? one : other);

/** The schema messages in French, keyed by their English template. */
export const SCHEMA: Catalog = {
  // Sheets and columns of adoption
  'This workbook has no sheet named "{name}". Sheets: {sheets}.': 'Ce classeur n’a pas de feuille nommée « {name} ». Feuilles : {sheets}.',
  'Sheet "{sheet}" holds Carnet\'s own settings; it cannot become a directory.': 'La feuille « {sheet} » contient les réglages de Carnet ; elle ne peut pas devenir un annuaire.',
  'Sheet "{sheet}" already holds {directory}.': 'La feuille « {sheet} » contient déjà l’annuaire « {directory} ».',
  'Sheet "{sheet}" already holds the directory {directory}; a sheet holds one directory.': 'La feuille « {sheet} » contient déjà l’annuaire « {directory} » ; une feuille ne contient qu’un annuaire.',
  'No column is headed "{header}". Headers: {headers}.': 'Aucune colonne n’a l’en-tête « {header} ». En-têtes : {headers}.',
  'Column "{header}" is the record id column; it cannot hold a field.': 'La colonne « {header} » est celle des ID des fiches ; elle ne peut pas contenir de champ.',
  'Column "{header}" is mapped to two fields ("{first}" and "{second}"); a column holds one field.': 'La colonne « {header} » est associée à deux champs (« {first} » et « {second} ») ; une colonne ne contient qu’un champ.',
  '{directory} are named by their ID': 'les fiches de l’annuaire « {directory} » sont désignées par leur ID',
  'sheet "{sheet}" has no ID column': 'la feuille « {sheet} » n’a pas de colonne ID',
  '{fields} are required there too': 'les champs {fields} y sont aussi obligatoires',
  '{field} is required there too': 'le champ « {field} » y est aussi obligatoire',

  // Adoption: the result
  '{directory} now live in sheet "{sheet}" (1 record).': 'L’annuaire « {directory} » est désormais dans la feuille « {sheet} » (1 fiche).',
  '{directory} now live in sheet "{sheet}" ({count} records).': (p) => `L’annuaire « ${p.directory} » est désormais dans la feuille « ${p.sheet} » (${p.count} ${fr(p.count, 'fiche', 'fiches')}).`,
  '{count} cells left as typed do not fit their fields; `check` lists them.': '{count} cellules laissées telles quelles ne conviennent pas à leur champ ; `check` les liste.',
  '1 cell left as typed does not fit its field; `check` lists it.': '1 cellule laissée telle quelle ne convient pas à son champ ; `check` la liste.',
  'Sheet "{sheet}" is no longer used by Carnet; delete it by hand when you like.': 'Carnet n’utilise plus la feuille « {sheet} » ; supprimez-la vous-même quand vous le souhaitez.',

  // Adoption: the plan, its blockers and hints
  'Sheet "{sheet}" has no headers in row 1; Carnet finds columns by their header.': 'La feuille « {sheet} » n’a pas d’en-têtes en ligne 1 ; Carnet repère les colonnes par leur en-tête.',
  'Column {column} "{header}" cannot name field "{field}": {reason} Map another column, or rename that header first.':
    'La colonne {column} « {header} » ne peut pas donner son nom au champ « {field} » : {reason} Associez une autre colonne, ou renommez d’abord cet en-tête.',
  'Field "{field}" takes the name "{header}" ({lang}), the header of column {column}: a schema change only; no header is rewritten.':
    'Le champ « {field} » prend le nom « {header} » ({lang}), l’en-tête de la colonne {column} : seul le schéma change ; aucun en-tête n’est réécrit.',
  'Header "{header}" appears twice ({first} and {second}); Carnet finds columns by header, so only the first would be used. Rename one of them first.':
    'L’en-tête « {header} » apparaît deux fois ({first} et {second}) ; Carnet repère les colonnes par leur en-tête, seule la première serait donc utilisée. Renommez d’abord l’une des deux.',
  'Column {column} "{header}" cannot be bound to "{field}". Map another column.': 'La colonne {column} « {header} » ne peut pas être liée au champ « {field} ». Associez une autre colonne.',
  'Column {column} "{header}" would be read as "{field}" instead of column {mapped}; rename one of these headers first.':
    'La colonne {column} « {header} » serait lue comme « {field} » à la place de la colonne {mapped} ; renommez d’abord l’un de ces en-têtes.',
  'Column {column} "{header}" would be read as field "{field}" (its header is one of that field\'s names): map it to that field, or rename the header first.':
    'La colonne {column} « {header} » serait lue comme le champ « {field} » (son en-tête est l’un des noms de ce champ) : associez-la à ce champ, ou renommez d’abord l’en-tête.',
  '{directory} already has {count} records in sheet "{previous}"; adopting "{sheet}" would leave them behind. Move or delete them first.': (p) =>
    `L’annuaire « ${p.directory} » a déjà ${p.count} ${fr(p.count, 'fiche', 'fiches')} dans la feuille « ${p.previous} » ; adopter « ${p.sheet} » les laisserait de côté. Déplacez-les ou supprimez-les d’abord.`,
  '{directory} already has 1 record in sheet "{previous}"; adopting "{sheet}" would leave them behind. Move or delete them first.':
    'L’annuaire « {directory} » a déjà 1 fiche dans la feuille « {previous} » ; adopter « {sheet} » la laisserait de côté. Déplacez-la ou supprimez-la d’abord.',
  'Map a column to "{field}": it names the records of {directory} in references and dropdowns.':
    'Associez une colonne au champ « {field} » : il désigne les fiches de l’annuaire « {directory} » dans les références et les listes déroulantes.',
  '"{field}" is required, so every record needs a value: map a column to it.': 'Le champ « {field} » est obligatoire, chaque fiche doit donc avoir une valeur : associez-lui une colonne.',
  'Add the headers of the fields with no column in {range}: {fields}.': 'Ajouter en {range} les en-têtes des champs sans colonne : {fields}.',
  '{count} fields have no column: {fields}. Map them, or confirm adding their headers in {range} (addColumns; --add-columns on the command line).': (p) =>
    `${p.count} ${fr(p.count, 'champ n’a', 'champs n’ont')} pas de colonne : ${p.fields}. Associez-les, ou confirmez l’ajout de leurs en-têtes en ${p.range} (addColumns ; --add-columns en ligne de commande).`,
  '1 field has no column: {fields}. Map them, or confirm adding their headers in {range} (addColumns; --add-columns on the command line).':
    '1 champ n’a pas de colonne : {fields}. Associez-le, ou confirmez l’ajout de son en-tête en {range} (addColumns ; --add-columns en ligne de commande).',
  '{count} IDs in column {column} repeat an earlier row ({cells}); make them distinct first.': (p) =>
    `${p.count} ID de la colonne ${p.column} ${fr(p.count, 'répète', 'répètent')} une ligne précédente (${p.cells}) ; rendez-les d’abord distincts.`,
  '1 ID in column {column} repeats an earlier row ({cells}); make them distinct first.': '1 ID de la colonne {column} répète une ligne précédente ({cells}) ; rendez-le d’abord unique.',
  'fill the 1 empty ID cell of column {column} with {range}': 'remplir la cellule ID vide de la colonne {column} avec {range}',
  'fill the {count} empty ID cells of column {column} with {range}': (p) => `remplir ${fr(p.count, 'la', 'les')} ${p.count} ${fr(p.count, 'cellule ID vide', 'cellules ID vides')} de la colonne ${p.column} avec ${p.range}`,
  'add the header "{id}" in {cell} and ids {range} in {cells}': 'ajouter l’en-tête « {id} » en {cell} et les ID {range} en {cells}',
  'add the header "{id}" in {cell}': 'ajouter l’en-tête « {id} » en {cell}',
  '{problem}; Carnet needs one per record to find, update and link it. Confirm with addIds (--add-ids on the command line) to {action}.':
    '{problem} ; Carnet a besoin d’un ID par fiche pour la retrouver, la modifier et la lier. Confirmez avec addIds (--add-ids en ligne de commande) pour {action}.',
  'Sheet "{sheet}" has no ID column': 'La feuille « {sheet} » n’a pas de colonne ID',
  '{count} records of sheet "{sheet}" have no ID': (p) => `${p.count} ${fr(p.count, 'fiche', 'fiches')} de la feuille « ${p.sheet} » ${fr(p.count, 'n’a', 'n’ont')} pas d’ID`,
  '1 record of sheet "{sheet}" has no ID': '1 fiche de la feuille « {sheet} » n’a pas d’ID',
  'Column {column} "{header}" might hold "{field}" (its header has that field\'s words); it stays the team\'s own unless mapped.':
    'La colonne {column} « {header} » pourrait contenir « {field} » (son en-tête reprend les mots de ce champ) ; elle reste à l’équipe tant qu’elle n’est pas associée.',
  'they would be records of {directory} itself': 'ce seraient des fiches de l’annuaire « {directory} » lui-même',
  'Cannot add {values} to {directory} for column {column}: {reason}.': 'Impossible d’ajouter {values} à l’annuaire « {directory} » pour la colonne {column} : {reason}.',
  'Rewrite 1 cell of column {column} "{header}" in stored form: {examples}.': 'Réécrire 1 cellule de la colonne {column} « {header} » sous sa forme enregistrée : {examples}.',
  'Rewrite {count} cells of column {column} "{header}" in stored form: {examples}.': (p) =>
    `Réécrire ${p.count} ${fr(p.count, 'cellule', 'cellules')} de la colonne ${p.column} « ${p.header} » sous leur forme enregistrée : ${p.examples}.`,
  'Add 1 record to {directory}: {values}.': 'Ajouter 1 fiche à l’annuaire « {directory} » : {values}.',
  'Add {count} records to {directory}: {values}.': (p) => `Ajouter ${p.count} ${fr(p.count, 'fiche', 'fiches')} à l’annuaire « ${p.directory} » : ${p.values}.`,
  '{count} rows hold data only in the team\'s own columns: not records, they get no id.':
    '{count} lignes n’ont de données que dans les colonnes de l’équipe : ce ne sont pas des fiches, elles ne reçoivent pas d’ID.',
  '1 row holds data only in the team\'s own columns: not a record, it gets no id.': '1 ligne n’a de données que dans les colonnes de l’équipe : ce n’est pas une fiche, elle ne reçoit pas d’ID.',
  '"{field}" names the records, so it must be unique, and {count} cells repeat an earlier row ({cells}). Make them distinct in the sheet first, e.g. with the town in brackets.':
    'Le champ « {field} » désigne les fiches, il doit donc être unique, et {count} cellules répètent une ligne précédente ({cells}). Rendez-les d’abord distinctes dans la feuille, par exemple en ajoutant la ville entre parenthèses.',
  '"{field}" names the records, so it must be unique, and 1 cell repeats an earlier row ({cells}). Make them distinct in the sheet first, e.g. with the town in brackets.':
    'Le champ « {field} » désigne les fiches, il doit donc être unique, et 1 cellule répète une ligne précédente ({cells}). Rendez-la d’abord unique dans la feuille, par exemple en ajoutant la ville entre parenthèses.',
  '{directory} will live in sheet "{sheet}"; sheet "{previous}" is left as it is and no longer used.':
    'L’annuaire « {directory} » sera dans la feuille « {sheet} » ; la feuille « {previous} » reste telle quelle et n’est plus utilisée.',
  'Apply Carnet\'s layout to columns {columns}: number formats, dropdowns, widths and help notes, with the header row frozen and bold.':
    'Appliquer la mise en page de Carnet aux colonnes {columns} : formats des nombres, listes déroulantes, largeurs et notes d’aide, avec la ligne d’en-tête figée et en gras.',
  'Dropdowns listing {directory} in {sheets} will read sheet "{sheet}".': 'Les listes déroulantes de l’annuaire « {directory} » dans {sheets} liront la feuille « {sheet} ».',
  'Left exactly as they are: every header the team typed, the team\'s own columns ({columns}), and every cell not listed in the changes.':
    'Restent exactement tels quels : tous les en-têtes saisis par l’équipe, les colonnes propres à l’équipe ({columns}) et toutes les cellules absentes des modifications.',
  'Left exactly as they are: every header the team typed, and every cell not listed in the changes.': 'Restent exactement tels quels : tous les en-têtes saisis par l’équipe et toutes les cellules absentes des modifications.',

  // Changing directories and fields
  '{what}: {count} cells would be lost ({cells}). Fix them first; nothing was changed.': (p) =>
    `${p.what} : ${p.count} ${fr(p.count, 'cellule serait perdue', 'cellules seraient perdues')} (${p.cells}). Corrigez-les d’abord ; rien n’a été modifié.`,
  '{what}: 1 cell would be lost ({cells}). Fix them first; nothing was changed.': '{what} : 1 cellule serait perdue ({cells}). Corrigez-la d’abord ; rien n’a été modifié.',
  'A directory named "{name}" already exists.': 'Un annuaire nommé « {name} » existe déjà.',
  'Directory key "{key}" is taken or not of the form lower_case.': 'La clé d’annuaire « {key} » est déjà prise ou n’est pas de la forme lower_case.',
  '"{sheet}" cannot be a sheet name (at most 31 characters, none of [ ] : * ? / \\).': '« {sheet} » ne peut pas être un nom de feuille (31 caractères au plus, sans [ ] : * ? / \\).',
  'This workbook already has a sheet named "{sheet}"; Carnet will not touch it. Choose another label.':
    'Ce classeur a déjà une feuille nommée « {sheet} » ; Carnet n’y touchera pas. Choisissez un autre nom.',
  'Directory "{sheet}" needs at least one field.': 'L’annuaire « {sheet} » doit avoir au moins un champ.',
  'Id prefix "{prefix}" is taken or not 1–6 capital letters/digits.': 'Le préfixe d’ID « {prefix} » est déjà pris ou ne compte pas de 1 à 6 lettres majuscules ou chiffres.',
  'Column "{header}" cannot become a {type} field': 'La colonne « {header} » ne peut pas devenir un champ {type}',
  '"{field}" cannot be required: {count} existing records have no value. Give it a default, or add it and fill it in first.': (p) =>
    `Le champ « ${p.field} » ne peut pas être obligatoire : ${p.count} ${fr(p.count, 'fiche existante n’a', 'fiches existantes n’ont')} pas de valeur. Donnez-lui une valeur par défaut, ou ajoutez-le puis remplissez-le d’abord.`,
  '"{field}" cannot be required: 1 existing record has no value. Give it a default, or add it and fill it in first.':
    'Le champ « {field} » ne peut pas être obligatoire : 1 fiche existante n’a pas de valeur. Donnez-lui une valeur par défaut, ou ajoutez-le puis remplissez-le d’abord.',
  'A field label cannot be empty.': 'Le nom d’un champ ne peut pas être vide.',
  '"{field}" names the records of {directory}; it cannot be hidden.': 'Le champ « {field} » désigne les fiches de l’annuaire « {directory} » ; il ne peut pas être masqué.',
  '{cell}: {value} is not in {directory}.': '{cell} : {value} ne figure pas dans l’annuaire « {directory} ».',
  '"{field}" cannot become {type}': 'Le champ « {field} » ne peut pas devenir {type}',
  '"{field}" must stay unique': 'Le champ « {field} » doit rester unique',
  '{cell}: {value} repeats row {row}.': '{cell} : {value} répète la ligne {row}.',
  '{cell}: {value} is empty.': '{cell} : {value} est vide.',
  '"{field}" cannot be required': 'Le champ « {field} » ne peut pas être obligatoire',
  '"{field}" cannot be unique': 'Le champ « {field} » ne peut pas être unique',
  '"{field}" is not a choice field.': 'Le champ « {field} » n’est pas un champ à choix.',
  '{cell}: {value} is no longer a choice.': '{cell} : {value} ne fait plus partie des choix.',
  'Choices of "{field}"': 'Choix du champ « {field} »',
  'Default "{value}" is {reason}.': 'La valeur par défaut « {value} » {reason}.',
  'A directory needs a label.': 'Un annuaire doit avoir un nom.',
  'A field needs a label.': 'Un champ doit avoir un nom.',
  'Unknown field type "{type}". Types: {types}.': 'Type de champ inconnu : « {type} ». Types : {types}.',
  'Field key "{key}" must be lower-case letters, digits and _, starting with a letter.': 'La clé de champ « {key} » doit être faite de lettres minuscules, de chiffres et de _, et commencer par une lettre.',
  'Field key "{key}" is already used.': 'La clé de champ « {key} » est déjà utilisée.',
  'Choice field "{field}" needs a list of choices.': 'Le champ à choix « {field} » doit avoir une liste de choix.',
  'Choice "{choice}" is listed twice.': 'Le choix « {choice} » figure deux fois.',
  'Reference field "{field}" needs an existing directory to refer to (got "{ref}").': 'Le champ de référence « {field} » doit renvoyer à un annuaire existant (reçu : « {ref} »).',
  'Currency "{currency}" is not an ISO 4217 code like EUR.': 'La devise « {currency} » n’est pas un code ISO 4217 comme EUR.',
  '"{id}" is reserved for the record id column.': '« {id} » est réservé à la colonne des ID des fiches.',
  'The label "{label}" is already used by field "{field}".': 'Le nom « {label} » est déjà utilisé par le champ « {field} ».',

  // Finding directories and fields
  'No directory named "{name}". Directories: {known}.': 'Aucun annuaire nommé « {name} ». Annuaires : {known}.',
  'No directory with key "{key}".': 'Aucun annuaire avec la clé « {key} ».',
  '{directory} has no field named "{name}". Fields: {known}.': 'L’annuaire « {directory} » n’a pas de champ nommé « {name} ». Champs : {known}.',

  // Setting up, and Carnet's settings sheet
  'This workbook already has sheets named {sheets}; Carnet will not touch them. Rename them first.': 'Ce classeur a déjà des feuilles nommées {sheets} ; Carnet n’y touchera pas. Renommez-les d’abord.',
  'This workbook already has a sheet named "{sheet}"; Carnet will not touch it. Rename it first.': 'Ce classeur a déjà une feuille nommée « {sheet} » ; Carnet n’y touchera pas. Renommez-la d’abord.',
  'Carnet\'s settings sheet "{sheet}" is damaged: entry "{key}" is not valid JSON ({reason}). Restore it from the backup or version history.':
    'La feuille de réglages de Carnet « {sheet} » est endommagée : l’entrée « {key} » n’est pas du JSON valide ({reason}). Restaurez-la depuis la sauvegarde ou l’historique des versions.',
  'Carnet\'s settings sheet "{sheet}" has no schema.': 'La feuille de réglages de Carnet « {sheet} » ne contient pas de schéma.',
  'This workbook was saved by a newer Carnet (format {version}; this one reads up to {supported}). Update Carnet.':
    'Ce classeur a été enregistré par une version plus récente de Carnet (format {version} ; celle-ci lit jusqu’au format {supported}). Mettez Carnet à jour.',
  'This workbook has no Carnet CRM in it (no _carnet sheet). Create one with `carnet init` or set it up from the menu.':
    'Ce classeur ne contient pas de CRM Carnet (pas de feuille _carnet). Créez-en un avec `carnet init` ou depuis le menu.',
  'Carnet\'s settings sheet "_carnet" is damaged: {key} {what}. Restore it from the backup or version history.':
    'La feuille de réglages de Carnet « _carnet » est endommagée : {key} {what}. Restaurez-la depuis la sauvegarde ou l’historique des versions.',
  'is not a text': 'n’est pas un texte',
  'is not a set of labels': 'n’est pas un ensemble de noms',
  'is not a list': 'n’est pas une liste',
  'is not an object': 'n’est pas un objet',
  'is not a directory': 'n’est pas un annuaire',
  'is not a field': 'n’est pas un champ',
  'is not a field type': 'n’est pas un type de champ',
  'is not a number': 'n’est pas un nombre',
};
