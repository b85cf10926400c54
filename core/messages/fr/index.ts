/** Every core message in French, keyed by its English template (core/messages/say.ts). One file per area of core. */

import type { Catalog } from '../say.js';
import { ACCESS } from './access.js';
import { CHECK } from './check.js';
import { CLI } from './cli.js';
import { FIELDS } from './fields.js';
import { HOSTS } from './hosts.js';
import { IMPORT } from './import.js';
import { SCHEMA } from './schema.js';
import { TEMPLATES } from './templates.js';

export const FR: Catalog = { ...FIELDS, ...SCHEMA, ...IMPORT, ...ACCESS, ...TEMPLATES, ...CHECK, ...HOSTS, ...CLI };
