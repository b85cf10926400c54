/** Commands of the configurator: an admin designs directories and fields. */

import { Crm } from '../records/crm.js';
import { addField, createDirectory, hideField, renameField, retypeField, setFieldRules } from '../schema/configurator.js';
import type { FieldSpec } from '../schema/field-spec.js';
import { FIELD_TYPES, LANGS, type Labels } from '../schema/types.js';
import { anyone, right } from '../access/needs.js';
import { command } from './command.js';
import { array, bool, cell, dict, object, oneOf, optional, str, type Check } from './input.js';

/** A label: one string (the workbook's language) or labels per language. */
const labels: Check<string | Partial<Labels>> = (v, p) => (typeof v === 'string' ? str(v, p) : (dict(str)(v, p) as Partial<Labels>));

const fieldSpec: Check<FieldSpec> = object({
  key: optional(str),
  label: labels,
  type: oneOf(FIELD_TYPES),
  required: optional(bool),
  unique: optional(bool),
  default: optional(cell),
  hidden: optional(bool),
  help: optional(labels),
  currency: optional(str),
  choices: optional(array(str)),
  ref: optional(str),
}) as Check<FieldSpec>;

export const schemaCommands = [
  command(
    {
    name: 'schema.get',
    access: anyone('the schema: labels and types, no records'),
    summary: 'The workbook schema: directories, fields, language',
    input: object({}),
    },
    async (ctx) => {
      return (await Crm.open(ctx.wb)).schema;
    },
  ),
  command(
    {
    name: 'directory.create',
    access: right('configure', true),
    summary: 'Create a directory of your own (a book catalogue, staff records…)',
    input: object({ key: optional(str), label: labels, idPrefix: optional(str), display: optional(str), fields: array(fieldSpec) }),
    },
    async (ctx, input) => {
      return createDirectory(ctx.wb, input);
    },
  ),
  command(
    {
    name: 'field.add',
    access: right('configure', true),
    summary: 'Add a field to a directory (adopts a column with the same header)',
    input: object({ directory: str, field: fieldSpec }),
    },
    async (ctx, input) => {
      return addField(ctx.wb, input.directory, input.field);
    },
  ),
  command(
    {
    name: 'field.rename',
    access: right('configure', true),
    summary: "Rename a field's label; the header follows",
    input: object({ directory: str, field: str, label: str, lang: optional(oneOf(LANGS)) }),
    },
    async (ctx, input) => {
      return renameField(ctx.wb, input.directory, input.field, input.label, input.lang);
    },
  ),
  command(
    {
    name: 'field.hide',
    access: right('configure', true),
    summary: 'Hide a field from forms and lists (its column and data stay)',
    input: object({ directory: str, field: str, hidden: optional(bool) }),
    },
    async (ctx, input) => {
      return hideField(ctx.wb, input.directory, input.field, input.hidden ?? true);
    },
  ),
  command(
    {
    name: 'field.retype',
    access: right('configure', true),
    summary: "Change a field's type, refused if any cell would be lost",
    input: object({ directory: str, field: str, type: oneOf(FIELD_TYPES), choices: optional(array(str)), ref: optional(str), currency: optional(str) }),
    },
    async (ctx, input) => {
      return retypeField(ctx.wb, input.directory, input.field, input);
    },
  ),
  command(
    {
    name: 'field.set',
    access: right('configure', true),
    summary: "Change a field's rules: required, unique, help, default, choices",
    input: object({
      directory: str,
      field: str,
      required: optional(bool),
      unique: optional(bool),
      help: optional((v, p) => (typeof v === 'string' ? v : str(v, p))),
      default: (v, p) => (v === undefined ? undefined : cell(v, p)),
      choices: optional(array(str)),
    }),
    },
    async (ctx, input) => {
      return setFieldRules(ctx.wb, input.directory, input.field, input);
    },
  ),
];
