import type { Catalog } from '../say.js';

/** The import and export messages in French, keyed by their English template. */
export const IMPORT: Catalog = {
  // Export
  'The text, at character {index},': 'Le texte (caractère {index})',
  '{where} holds {char}, which {encoding} cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.':
    '{where} contient {char}, que l’encodage {encoding} ne peut pas représenter. Rien n’a été exporté : exportez en UTF-8, qui représente tous les caractères, ou modifiez la cellule.',
  'An .xlsx export has no encoding to choose (the format is always Unicode); leave the encoding out.':
    'Un export .xlsx n’a pas d’encodage à choisir (le format est toujours en Unicode) : n’indiquez pas d’encodage.',
  'An .xlsx export has no delimiter; leave it out, or export CSV.': 'Un export .xlsx n’a pas de séparateur : ne l’indiquez pas, ou exportez en CSV.',
  'An .xlsx export has no byte-order mark; leave the option out.': 'Un export .xlsx n’a pas de marque d’ordre des octets (BOM) : n’indiquez pas cette option.',
  'A TSV export is tab-separated; for another delimiter, export CSV.': 'Un export TSV est séparé par des tabulations ; pour un autre séparateur, exportez en CSV.',
  'The delimiter must be one of comma, semicolon, tab or pipe, not {delimiter}.':
    'Le séparateur doit être une virgule, un point-virgule, une tabulation ou une barre verticale, et non {delimiter}.',
  '{encoding} has no byte-order mark; only UTF-8 and UTF-16 do.': 'L’encodage {encoding} n’a pas de marque d’ordre des octets (BOM) ; seuls UTF-8 et UTF-16 en ont une.',
  'The header "{header}"': 'L’en-tête « {header} »',
  'row {row}': 'ligne {row}',
  '{place} ({column} of {id}, {value})': '{place} ({column} de {id}, {value})',
  '{place} ({column}, {value})': '{place} ({column}, {value})',

  // Import: apply and undo
  'Row {row} of the file matched {record}, which someone deleted or changed meanwhile; nothing was written. Import again.':
    'La ligne {row} du fichier correspondait à {record}, qui a été supprimée ou modifiée entre-temps ; rien n’a été écrit. Relancez l’import.',
  'a record': 'une fiche',
  'No column of the file is mapped to a field of {directory} (columns: {columns}); map at least one. Nothing was imported.':
    'Aucune colonne du fichier n’est associée à un champ de l’annuaire « {directory} » (colonnes : {columns}) ; associez-en au moins une. Rien n’a été importé.',
  'There is no import batch "{batch}".': 'L’import « {batch} » est introuvable.',
  'Import {batch} was undone; start a new import.': 'L’import {batch} a été annulé ; lancez un nouvel import.',
  'Import {batch} is into {directory}, not {other}.': 'L’import {batch} se fait dans l’annuaire « {directory} », et non « {other} ».',
  'There is no import batch "{batch}" (see `carnet imports`).': 'L’import « {batch} » est introuvable (voir `carnet imports`).',
  'Import {batch} has already been undone.': 'L’import {batch} a déjà été annulé.',
  '{directory} {record} refers to it': 'la fiche {record} de l’annuaire « {directory} » y fait référence',

  // Reading the source
  'The quote character must be " or \', not {quote}.': 'Le guillemet doit être " ou \', et non {quote}.',
  'The delimiter must be one character other than a quote or a line end ({delimiters}…), not {delimiter}.':
    'Le séparateur doit être un seul caractère, autre qu’un guillemet ou un saut de ligne ({delimiters}…), et non {delimiter}.',
  '{what}: no delimiter splits its rows into columns (tried {delimiters}); its first row holds a {delimiter} but the rows below do not. Choose the delimiter, or check that the file is a table.':
    '{what} : aucun séparateur ne découpe les lignes en colonnes (essayés : {delimiters}) ; la première ligne contient le séparateur {delimiter}, mais pas les lignes suivantes. Choisissez le séparateur, ou vérifiez que le fichier est bien un tableau.',
  '{what}, row {row}: a quote ({quote}) opens a field and is never closed, so the rest of the file would be one cell. Close the quote, or double it ({doubled}) where it is part of the text.':
    '{what}, ligne {row} : un guillemet ({quote}) ouvre un champ sans jamais le fermer : tout le reste du fichier tiendrait dans une seule cellule. Fermez le guillemet, ou doublez-le ({doubled}) s’il fait partie du texte.',
  '{what}, row {row}: text follows the closing quote ({quote}) of a field. A quote inside a quoted field is written twice ({doubled}).':
    '{what}, ligne {row} : du texte suit le guillemet fermant ({quote}) d’un champ. Dans un champ entre guillemets, un guillemet s’écrit deux fois ({doubled}).',
  '{what}, row {row}: {problem}.': '{what}, ligne {row} : {problem}.',
  'Unknown encoding "{encoding}". Known encodings: {known}.': 'Encodage inconnu : « {encoding} ». Encodages connus : {known}.',
  'The pasted text': 'Le texte collé',
  '{what} holds {count} characters; an import reads at most {most} (100 MB). Split it into smaller files.':
    '{what} contient {count} caractères ; un import en lit au plus {most} (100 Mo). Découpez-le en fichiers plus petits.',
  '{what} is empty: there is nothing to import.': '{what} est vide : il n’y a rien à importer.',
  '{what} holds only blank lines: there is nothing to import.': '{what} ne contient que des lignes vides : il n’y a rien à importer.',
  'Sheet "{sheet}" of {file}': 'La feuille « {sheet} » de {file}',
  'Sheet "{sheet}"': 'La feuille « {sheet} »',
  'The sheet': 'La feuille',
  '{what} holds more than {most} rows, the most an import reads. Split it into smaller files.':
    '{what} contient plus de {most} lignes, le maximum qu’un import peut lire. Découpez-le en fichiers plus petits.',
  '{row} ({count} fields)': '{row} ({count} champs)',
  '{rows} and {count} more': '{rows} et {count} autres',
  "a value that holds a {delimiter} needs quotes, or the file's delimiter is not a {delimiter}":
    'une valeur qui contient le séparateur {delimiter} doit être entre guillemets, ou bien le séparateur du fichier n’est pas {delimiter}',
  'choose the delimiter': 'choisissez le séparateur',
  '{what}: row {rows} has more fields than the first row, which has {width}: {hint}.': '{what} : la ligne {rows} a plus de champs que la première ligne, qui en a {width} : {hint}.',
  '{what}: rows {rows} have more fields than the first row, which has {width}: {hint}.': '{what} : les lignes {rows} ont plus de champs que la première ligne, qui en a {width} : {hint}.',
  '{size} MB': '{size} Mo',
  '{file} is {size} ({bytes} bytes); an import reads files of at most {most} ({mostBytes} bytes). Split it into smaller files.':
    '{file} pèse {size} ({bytes} octets) ; un import lit des fichiers de {most} au plus ({mostBytes} octets). Découpez-le en fichiers plus petits.',
  'NUL characters, which text never holds': 'des caractères NUL, qu’un texte ne contient jamais',
  '{count} control characters in its first {length} characters': '{count} caractères de contrôle dans ses {length} premiers caractères',
  '{what} does not look like text: it holds {holds} (a binary file? an .xls/.xlsx saved with a .csv name?).':
    '{what} ne ressemble pas à du texte : il contient {holds} (un fichier binaire ? un .xls/.xlsx enregistré sous un nom en .csv ?).',
  '1 character (shown as {char})': '1 caractère (affiché {char})',
  '{count} characters (shown as {char})': '{count} caractères (affichés {char})',
  '{what} holds {count} that were lost when it was copied: copy it again from a program that shows it right, or import the file itself.':
    '{what} a perdu {count} lors de la copie : copiez-le à nouveau depuis un programme qui l’affiche correctement, ou importez le fichier lui-même.',
  '{what} does not look like {encoding} text: {count} cannot be read in that encoding. Pick another encoding.':
    '{what} ne ressemble pas à du texte en {encoding} : cet encodage ne peut pas lire {count}. Choisissez un autre encodage.',
  '"{text}" is "{utf8}" in UTF-8': '« {text} » se lit « {utf8} » en UTF-8',
  '{what} looks garbled: it is UTF-8 text shown in another encoding ({example}). Copy it again from a program that shows it right.':
    '{what} semble illisible : c’est du texte UTF-8 affiché dans un autre encodage ({example}). Copiez-le à nouveau depuis un programme qui l’affiche correctement.',
  '{what} does not look like {encoding} text: it reads as UTF-8 ({example}). Pick utf-8.':
    '{what} ne ressemble pas à du texte en {encoding} : il se lit en UTF-8 ({example}). Choisissez utf-8.',

  // .xlsx files
  'The file': 'Le fichier',
  'it has no {part}': 'il ne contient pas {part}',
  'it has no worksheet': 'il ne contient aucune feuille de calcul',
  'its sheet "{sheet}" has no part {part}': 'sa feuille « {sheet} » n’a pas de partie {part}',
  '{file} is not an .xlsx workbook ({why}).': '{file} n’est pas un classeur .xlsx ({why}).',
  '{file} is an old .xls workbook (or one protected by a password), which Carnet cannot read: save it as .xlsx or .csv first.':
    '{file} est un ancien classeur .xls (ou un classeur protégé par mot de passe), que Carnet ne sait pas lire : enregistrez-le d’abord en .xlsx ou .csv.',
  'it is a binary .xlsb workbook: save it as .xlsx first': 'c’est un classeur binaire .xlsb : enregistrez-le d’abord en .xlsx',
  'it is an OpenDocument spreadsheet: save it as .xlsx or .csv first': 'c’est un classeur OpenDocument : enregistrez-le d’abord en .xlsx ou .csv',
  'it is a zip archive with no workbook in it': 'c’est une archive zip qui ne contient aucun classeur',
  '{file} has no sheet named "{sheet}". Its sheets: {sheets}.': '{file} n’a pas de feuille nommée « {sheet} ». Ses feuilles : {sheets}.',
  'an unclosed <{name}> tag': 'une balise <{name}> non fermée',
  'an attribute of <{name}> without quotes': 'un attribut de <{name}> sans guillemets',
  'an unclosed CDATA': 'une section CDATA non fermée',
  'an unclosed comment': 'un commentaire non fermé',
  'an unclosed declaration': 'une déclaration non fermée',
  'an unclosed processing instruction': 'une instruction de traitement non fermée',
  'an unclosed tag': 'une balise non fermée',
  'an unclosed attribute value': 'une valeur d’attribut non fermée',
  'its zip64 directory is damaged': 'son répertoire zip64 est endommagé',
  'its central directory is damaged': 'son répertoire central est endommagé',
  'its part {name} is damaged': 'sa partie {name} est endommagée',
  'its part {name} is cut short (an incomplete download?)': 'sa partie {name} est tronquée (un téléchargement incomplet ?)',
  'its part {name} is encrypted': 'sa partie {name} est chiffrée',
  'its part {name} is compressed with method {method}, which Carnet cannot read': 'sa partie {name} est compressée avec la méthode {method}, que Carnet ne sait pas lire',
  'its part {name} inflates to {size} bytes, not {expected}': 'sa partie {name} se décompresse en {size} octets, et non {expected}',
  'not a zip archive, or one cut short': 'ce n’est pas une archive zip, ou elle est tronquée',
  'its zip64 sizes are missing': 'ses tailles zip64 sont absentes',

  // Mapping and options
  '{where}: the file has no column {column} (it has {count}).': '{where} : le fichier n’a pas de colonne {column} (il en a {count}).',
  'Column "{column}": {directory} has no field "{name}" (fields: {fields}).': 'Colonne « {column} » : l’annuaire « {directory} » n’a pas de champ « {name} » (champs : {fields}).',
  'Columns "{first}" and "{second}" both map to {field}; map one of them to another field or ignore it.':
    'Les colonnes « {first} » et « {second} » sont toutes deux associées au champ « {field} » ; associez l’une d’elles à un autre champ, ou ignorez-la.',
  'Column "{column}": only a full-name column can be split into first and last name.': 'Colonne « {column} » : seule une colonne de nom complet peut être scindée en prénom et nom.',
  'Match by: {directory} has no field "{name}" (fields: ID, {fields}).': 'Rapprocher par : l’annuaire « {directory} » n’a pas de champ « {name} » (champs : ID, {fields}).',
  'Country "{country}": expected a two-letter country code such as RU, FR or US.': 'Pays « {country} » : un code pays à deux lettres est attendu, comme RU, FR ou US.',
  'Default value: {directory} has no field "{name}" (fields: {fields}).': 'Valeur par défaut : l’annuaire « {directory} » n’a pas de champ « {name} » (champs : {fields}).',
  'Default {field}: "{value}" is {reason}.': '{field} par défaut : « {value} » {reason}.',
  'Create missing: "{name}" is not a reference field of {directory} (references: {references}).':
    'Créer les manquants : « {name} » n’est pas un champ de référence de l’annuaire « {directory} » (références : {references}).',
  'Create missing: "{name}" is not a reference field of {directory}, which has none.': 'Créer les manquants : « {name} » n’est pas un champ de référence de l’annuaire « {directory} », qui n’en a aucun.',
  'Deal stage: there is no stage "{stage}": no stages are defined.': 'Étape de l’affaire : il n’y a pas d’étape « {stage} » : aucune étape n’est définie.',
  'This workbook has no Deals or Stages directory, so no deal can be created.': 'Ce classeur n’a pas d’annuaire Affaires ou Étapes : aucune affaire ne peut être créée.',
  'A deal belongs to a company; {directory} have no company to give it.': 'Une affaire appartient à une société ; les fiches de l’annuaire « {directory} » n’ont pas de société à lui donner.',
  'Deal stage: there is no stage "{stage}" (stages: {stages}).': 'Étape de l’affaire : il n’y a pas d’étape « {stage} » (étapes : {stages}).',
  '{directory} have no Segment field; add one, or import into a directory that has it (Companies).':
    'L’annuaire « {directory} » n’a pas de champ Segment ; ajoutez-en un, ou importez dans un annuaire qui en a un (Sociétés).',

  // The plan: columns, rows, warnings
  'read as given ({order})': 'lu comme indiqué ({order})',
  'both orders appear: "{dmy}" is day first, "{mdy}" month first; read as {order} (the other rows are rejected)':
    'les deux ordres apparaissent : « {dmy} » commence par le jour, « {mdy} » par le mois ; lu avec {order} (les autres lignes sont rejetées)',
  'day first ("{example}")': 'le jour en premier (« {example} »)',
  'month first ("{example}")': 'le mois en premier (« {example} »)',
  'year first (ISO)': 'l’année en premier (ISO)',
  "no day above 12, so the order cannot be told from the file; read as {order}, the workbook's order":
    'aucun jour au-delà de 12 : l’ordre ne peut pas être déduit du fichier ; lu avec {order}, l’ordre du classeur',
  'day first': 'le jour en premier',
  'month first': 'le mois en premier',
  'Sheet "{sheet}" has no column "{column}" (renamed or deleted by hand?); run `carnet check`. Nothing was imported.':
    'La feuille « {sheet} » n’a pas de colonne « {column} » (renommée ou supprimée à la main ?) ; lancez `carnet check`. Rien n’a été importé.',
  'matches {record} by {match}': 'correspond à {record} par {match}',
  '{field}: "{value}" is {reason}': '{field} : « {value} » {reason}',
  '{field}: there is no "{value}" in {directory}': '{field} : « {value} » ne figure pas dans l’annuaire « {directory} »',
  'ID: "{id}" is not an ID of {directory} (they look like {example})': 'ID : « {id} » n’est pas un ID de l’annuaire « {directory} » (ils sont de la forme {example})',
  '"{value}" is a total line, not a record': '« {value} » est une ligne de total, pas une fiche',
  'duplicate of row {row} of the file (same {match})': 'doublon de la ligne {row} du fichier (même {match})',
  '{match} matches {count} records ({records}); make them unique, or match by another field':
    '{match} correspond à {count} fiches ({records}) ; rendez-les uniques, ou rapprochez par un autre champ',
  'already in {directory} as {record} (same {match})': 'déjà dans l’annuaire « {directory} » : {record} (même {match})',
  'no {match} to find the record by': 'aucune valeur de {match} pour retrouver la fiche',
  'no record of {directory} has this {match}': 'aucune fiche de l’annuaire « {directory} » n’a cette valeur de {match}',
  '{field}: a value is required': '{field} : une valeur est obligatoire',
  'ID: {id} is already used': 'ID : {id} est déjà utilisé',
  '{field}: there is no "{value}" in {directory} (choose to create missing {directory} to add it)':
    '{field} : « {value} » ne figure pas dans l’annuaire « {directory} » (choisissez de créer les fiches manquantes de « {directory} » pour l’ajouter)',
  '{field}: "{value}" is not in {directory} and cannot be created without {fields}': '{field} : « {value} » ne figure pas dans l’annuaire « {directory} » et ne peut pas être créé sans {fields}',
  '{field}: "{value}" is already used ({id}, row {row}); it must be unique': '{field} : « {value} » est déjà utilisé ({id}, ligne {row}) ; la valeur doit être unique',
  'no id': 'sans ID',
  '{field}: "{value}" is already used on row {row} of the file; it must be unique': '{field} : « {value} » figure déjà à la ligne {row} du fichier ; la valeur doit être unique',
  'No column is mapped to a field of {directory} (columns: {columns}): map at least one.':
    'Aucune colonne n’est associée à un champ de l’annuaire « {directory} » (colonnes : {columns}) : associez-en au moins une.',
  '1 blank row was left out.': '1 ligne vide a été ignorée.',
  '{count} blank rows were left out.': '{count} lignes vides ont été ignorées.',
  'Column "{column}": {note}.': 'Colonne « {column} » : {note}.',
  '{count} new records have no company: no deal is created for them.': (p) =>
    Number(p.count) < 2
      ? `${p.count} nouvelle fiche n’a pas de société : aucune affaire n’est créée pour elle.`
      : `${p.count} nouvelles fiches n’ont pas de société : aucune affaire n’est créée pour elles.`,
};
