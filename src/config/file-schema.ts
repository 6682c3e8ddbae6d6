// The config file's shape (SPEC "Config file", kebab-case keys) as zod schemas. One schema
// serves validation (strict objects: unknown keys are errors) and the generated JSON Schema,
// so the two cannot disagree. No transforms or defaults here: merging works on what the
// user wrote, and defaults are applied once, after merging (see merge.ts).
import { z } from 'zod';
import { RULES } from '../rules/index.js';
import type { RuleModule } from '../rules/rule.js';
import { SEVERITIES } from '../types.js';

/** A GitHub login, bots included (`dependabot[bot]`). Written without `@`. */
export const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*(?:\[bot\])?$/;
/** A role member: a login or an `@org/team` slug. */
export const MEMBER_PATTERN =
  /^(?:@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*|[A-Za-z0-9][A-Za-z0-9-]*(?:\[bot\])?)$/;

/** Hints for values that fail a pattern, keyed by the pattern zod reports. */
export const PATTERN_HINTS: ReadonlyMap<string, string> = new Map([
  [String(LOGIN_PATTERN), 'write a GitHub login without `@`, e.g. `alice` or `dependabot[bot]`'],
  [
    String(MEMBER_PATTERN),
    'members are GitHub logins without `@` (`alice`) or team slugs (`@acme/product-managers`)',
  ],
]);

const text = z.string().min(1);
const textList = z.array(text);
const login = z.string().regex(LOGIN_PATTERN, { error: 'is not a GitHub login' });
const member = z
  .string()
  .regex(MEMBER_PATTERN, { error: 'is not a GitHub login or @org/team slug' });
const severity = z.enum(SEVERITIES).describe('off, notice, warning or error');

/** ESLint style: `severity`, `[severity]` or `[severity, options]`. */
export function ruleEntrySchema(rule: RuleModule) {
  return z
    .union([severity, z.tuple([severity]), z.tuple([severity, rule.options])])
    .describe(rule.docs);
}

const roleSchema = z
  .strictObject({
    members: z.array(member).describe('Logins and/or @org/team slugs.').optional(),
    label: text.nullable().describe('Ownership label of the role (null: none).').optional(),
    'default-assignee': login
      .nullable()
      .describe('Suggested assignee, used by fix (null: none).')
      .optional(),
  })
  // `design:` with nothing under it declares a role with no settings yet.
  .nullable();

function typeSchema(kind: 'config' | 'preset') {
  const fields = {
    owner: text.describe('Name of the role that owns this type.').optional(),
    labels: textList.describe('Label names or globs, case-insensitive.').optional(),
    'title-prefixes': textList.describe('Title prefixes, case-insensitive.').optional(),
    'issue-types': textList.describe('GitHub native issue type names.').optional(),
    words: textList
      .describe(
        'Words for this type, matched in labels, title prefixes and issue types whatever their namespace (kind/, type:, C-), separator, case, emoji or plural.',
      )
      .optional(),
    synonyms: textList.describe('Other words for this type, matched like `words`.').optional(),
    description: z.string().optional(),
  };
  // Presets also record which SPEC responsibilities each type covers (checked by tests).
  const shape = kind === 'preset' ? { ...fields, covers: textList.optional() } : fields;
  // `typename: null` removes a type inherited through `extends`.
  return z.strictObject(shape).nullable();
}

const rulesSchema = z.strictObject(
  Object.fromEntries(RULES.map((rule) => [rule.id, ruleEntrySchema(rule).optional()])),
);

const ignoreSchema = z.strictObject({
  labels: textList.describe('Issues with one of these labels (globs) are skipped.').optional(),
  authors: z.array(login).describe('Issues opened by these logins are skipped.').optional(),
  issues: z.array(z.number().int().positive()).describe('Issue numbers to skip.').optional(),
  'issue-types': textList
    .describe('Issues of these GitHub native issue types (case-insensitive) are skipped.')
    .optional(),
});

function configFileSchema(kind: 'config' | 'preset') {
  return z.strictObject({
    version: z.literal(1).describe('Format version; absent means 1.').optional(),
    extends: z
      .union([text, z.array(text)], {
        error: 'must be a preset name, a relative file path, or a list of them',
      })
      .describe('Built-in preset names or relative file paths, merged in order.')
      .optional(),
    // Sections may be left empty (`rules:` with every entry commented out).
    roles: z.record(text, roleSchema).nullable().optional(),
    types: z.record(text, typeSchema(kind)).nullable().optional(),
    rules: rulesSchema.nullable().optional(),
    ignore: ignoreSchema.nullable().optional(),
  });
}

export const CONFIG_FILE_SCHEMA = configFileSchema('config');
/** Presets (rules/*.yml) accept `covers` on types in addition to the user format. */
export const PRESET_FILE_SCHEMA = configFileSchema('preset');

/** A config file as written, after validation. */
export type RawConfig = z.input<typeof CONFIG_FILE_SCHEMA>;
export type RawRole = NonNullable<NonNullable<RawConfig['roles']>[string]>;
export type RawType = NonNullable<NonNullable<RawConfig['types']>[string]>;
export type RawRuleEntry = string | [string] | [string, Record<string, unknown>];
