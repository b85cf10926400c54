export const HELP = `carnet — a CRM inside your spreadsheet (local .xlsx mode)

Workbooks
  carnet demo <file.xlsx> [--lang en|fr|ru] [--companies N]   a demo CRM with a year of activity
  carnet init <file.xlsx> [--lang en|fr|ru] [--country FR] [--currency EUR]
                                                             the empty default CRM (in a new or existing workbook)
  carnet check <file.xlsx> [--json]                          every problem with its cell; exit 1 if any error
  carnet tidy <file.xlsx> [--directory D] [--dry-run] [--json]
                                                             rows typed by hand: IDs, values in stored form, defaults
  carnet schema <file.xlsx> [--json]                         directories and fields
  carnet serve <file.xlsx> [--port N]                        the sidebar UI on http://127.0.0.1 (prints a private URL)

Records (directories and fields by key or label, any language, any case; --set splits at the first
         "=", so a value may start with "=" and a label that does must be given by its key)
  carnet list <file.xlsx> <directory> [--where field=value]… [--fields a,b] [--json]
  carnet add <file.xlsx> <directory> --set field=value… [--json]
  carnet update <file.xlsx> <directory> <id or name> --set field=value… [--json]
  carnet delete <file.xlsx> <directory> <id or name> [--json]

Reports (built-in: Shipments by product, Revenue by manager per month, Revenue by city,
         Revenue by industry, Sales this year by month, ABC analysis of customers)
  carnet pivot <file.xlsx> --report "<name>" [--sheet NAME] [--no-sheet] [--chart out.svg] [--json]
  carnet pivot <file.xlsx> --object sales --rows product --columns date:month --data quantity:sum
                                           [--filter "date=this year"]… [--chart-kind bar|line|none]
                                           rows/columns: field[:day|week|month|quarter|year|monthOfYear]
                                           [:top=N][:sort=value][:desc], comma-separated, through
                                           references with dots (company.city); data: field:agg
                                           (sum count countDistinct average min max)[:percentOfTotal];
                                           filters: field=value, =a|b, =from..to, = (empty), != (not
                                           empty), =this month|last month|this quarter|this year|
                                           year to date|last N days|last N months
                                           builds into the report's own sheet (never a team's sheet)
  carnet pivot <file.xlsx> --report "ABC analysis of customers" --write-class-to "ABC class"
  carnet report list|show|delete <file.xlsx> [name]
  carnet report save <file.xlsx> <name> --object … --rows … --columns … --data … [--filter …]

Import (a dry run first; every skipped or rejected row with its reason; undo by batch)
  carnet import <file.xlsx> <directory> <data.csv|tsv|txt|xlsx> [--encoding windows-1251] [--delimiter ;]
                                           [--no-header] [--sheet NAME] [--map "Column=field"]… ("Column=" ignores it;
                                           "Full name=name:last-first" splits; "Date=date:dmy" forces the order)
                                           [--mode create|update|upsert] [--match email,phone] [--country RU]
                                           [--set field=value]… (defaults) [--create-companies] [--create-missing city,…]
                                           [--deal-stage STAGE] [--segment NAME] [--dry-run] [--json]
  carnet imports <file.xlsx> [--json]                         the batches, newest first
  carnet import-undo <file.xlsx> <batch> [--keep-edited|--revert-edited]
  carnet export <file.xlsx> <directory> <out.csv|tsv|xlsx> [--where field=value]… [--encoding windows-1251]
                                           [--delimiter ;] [--no-bom] [--json]   a full copy (hidden fields too)
                                           that re-imports exactly; CSV is UTF-8 with a BOM unless told

Documents from templates (.docx with tags: {Name}, {Company.City}, {#Sales}…{/Sales}, {Total|words})
  carnet template list <file.xlsx>                            stored templates and the built-ins
  carnet template add <file.xlsx> <name> <template.docx> --directory companies [--filename "Invoice {Number} {Name}.docx"]
  carnet template remove <file.xlsx> <name>
  carnet template tags <file.xlsx> <directory> [--record ID] [--sample out.docx]
  carnet template check <file.xlsx> <name|template.docx> [--directory D] [--annotate out.docx]
  carnet doc <file.xlsx> --template <name|file.docx> --record <ID or name> [-o out.docx] [--pdf]
  carnet doc <file.xlsx> --template <name> --where field=value… --zip out.zip [--merged -o out.docx]

Configurator (never loses a cell: a change existing data can't survive is refused)
  carnet directory add <file.xlsx> <label> --field "Label:type[(option)][:required,unique,hidden]"…
                                           [--display field] [--prefix BK]
  carnet directory adopt <file.xlsx> <directory> <sheet> [--map field=Header]… [--dry-run]
                                           [--add-ids] [--add-columns] [--normalize] [--add-referenced]
                                           a sheet the team already keeps becomes the directory's sheet;
                                           only the writes confirmed by a flag are made
  carnet field add <file.xlsx> <directory> "Label:type[(option)][:flags]"
  carnet field rename <file.xlsx> <directory> <field> <new label> [--lang fr]
  carnet field hide <file.xlsx> <directory> <field> [--show]
  carnet field retype <file.xlsx> <directory> <field> <type[(option)]>
  carnet field set <file.xlsx> <directory> <field> [--required|--optional] [--unique|--not-unique]
                                           [--help-text T] [--default V] [--choices "A|B|C"]

Users, rights and the audit log (people without an account: Viewers, until told otherwise)
  carnet user add <file.xlsx> <email or login> [--name N] [--role Admin|Manager|Viewer|…] [--password]
  carnet user update <file.xlsx> <email or login> [--name N] [--role R] [--password|--no-password]
                                           [--activate|--deactivate]   (the last admin always stays)
  carnet user remove|list <file.xlsx> [<email or login>]
  carnet role show <file.xlsx> [role]                         levels per directory, special rights, who has it
  carnet role add <file.xlsx> <name> [--from ROLE]           | carnet role remove <file.xlsx> <name>
  carnet role grant <file.xlsx> <role> <directory|*> <none|view|own|add|full> [--delete|--no-delete]
  carnet role allow <file.xlsx> <role> <import|export|useTemplates|manageTemplates|useReports|
                                           manageReports|configure|manageUsers> [--deny]
  carnet role newcomers <file.xlsx> <role|none>              the role of people without an account
  carnet protect <file.xlsx> [--dry-run]                      protect the sheets as the rights say
  carnet audit <file.xlsx> [--record ID] [--user U] [--directory D] [--since YYYY-MM-DD]
                                           [--until YYYY-MM-DD] [--limit N] [--json]
  Passwords are never arguments: CARNET_NEW_PASSWORD / CARNET_PASSWORD, a terminal prompt, or stdin.

Types: text longtext integer number money(EUR) percent date datetime boolean email phone url
       choice(A|B|C) reference(Directory) user
Everywhere: --as <user> acts as that user (with CARNET_PASSWORD when they have one); --json prints machine-readable output;
       --force writes even while LibreOffice or Excel has the file open (their next save
       would overwrite Carnet's changes: close the file there without saving).
Exit codes: 0 done, 1 refused or problems found (message on stderr), 2 bad command line.
`;
