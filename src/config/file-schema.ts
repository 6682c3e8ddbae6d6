// The config file's shape (SPEC "Config file", kebab-case keys) as zod schemas. One schema
// serves validation (strict objects: unknown keys are errors) and the generated JSON Schema,
// so the two cannot disagree. No transforms or defaults here: merging works on what the
// user wrote, and defaults are applied once, after merging (see merge.ts).
import { described, z } from '../zod.js';
import { RULES } from '../rules/index.js';
import { nonEmptyText } from '../rules/options.js';
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

const text = nonEmptyText;
const textList = z.array(text);
const login = z.string().check(z.regex(LOGIN_PATTERN, { error: 'is not a GitHub login' }));
const member = z
  .string()
  .check(z.regex(MEMBER_PATTERN, { error: 'is not a GitHub login or @org/team slug' }));
const severity = described(z.enum(SEVERITIES), 'off, notice, warning or error');

/** ESLint style: `severity`, `[severity]` or `[severity, options]`. */
export function ruleEntrySchema(rule: RuleModule) {
  return described(
    z.union([severity, z.tuple([severity]), z.tuple([severity, rule.options])]),
    rule.docs,
  );
}

// `design:` with nothing under it declares a role with no settings yet.
const roleSchema = () =>
  z.nullable(
    z.strictObject({
      members: z.optional(described(z.array(member), 'Logins and/or @org/team slugs.')),
      label: z.optional(described(z.nullable(text), 'Ownership label of the role (null: none).')),
      'default-assignee': z.optional(
        described(z.nullable(login), 'Suggested assignee, used by fix (null: none).'),
      ),
    }),
  );

function typeSchema(kind: 'config' | 'preset') {
  const fields = {
    owner: z.optional(described(text, 'Name of the role that owns this type.')),
    labels: z.optional(described(textList, 'Label names or globs, case-insensitive.')),
    'title-prefixes': z.optional(described(textList, 'Title prefixes, case-insensitive.')),
    'issue-types': z.optional(described(textList, 'GitHub native issue type names.')),
    words: z.optional(
      described(
        textList,
        'Words for this type, matched in labels, title prefixes and issue types whatever their namespace (kind/, type:, C-), separator, case, emoji or plural.',
      ),
    ),
    synonyms: z.optional(described(textList, 'Other words for this type, matched like `words`.')),
    description: z.optional(z.string()),
  };
  // Presets also record which SPEC responsibilities each type covers (checked by tests).
  const shape = kind === 'preset' ? { ...fields, covers: z.optional(textList) } : fields;
  // `typename: null` removes a type inherited through `extends`.
  return z.nullable(z.strictObject(shape));
}

const rulesSchema = () =>
  z.strictObject(
    Object.fromEntries(RULES.map((rule) => [rule.id, z.optional(ruleEntrySchema(rule))])),
  );

const ignoreSchema = () =>
  z.strictObject({
    labels: z.optional(described(textList, 'Issues with one of these labels (globs) are skipped.')),
    authors: z.optional(described(z.array(login), 'Issues opened by these logins are skipped.')),
    issues: z.optional(
      described(z.array(z.number().check(z.int(), z.positive())), 'Issue numbers to skip.'),
    ),
    'issue-types': z.optional(
      described(
        textList,
        'Issues of these GitHub native issue types (case-insensitive) are skipped.',
      ),
    ),
  });

function buildFileSchema(kind: 'config' | 'preset') {
  return z.strictObject({
    version: z.optional(described(z.literal(1), 'Format version; absent means 1.')),
    extends: z.optional(
      described(
        z.union([text, z.array(text)], {
          error: 'must be a preset name, a relative file path, or a list of them',
        }),
        'Built-in preset names or relative file paths, merged in order.',
      ),
    ),
    // Sections may be left empty (`rules:` with every entry commented out).
    roles: z.optional(z.nullable(z.record(text, roleSchema()))),
    types: z.optional(z.nullable(z.record(text, typeSchema(kind)))),
    rules: z.optional(z.nullable(rulesSchema())),
    ignore: z.optional(z.nullable(ignoreSchema())),
  });
}

// Built on first use: a start that validates no config file (an issue event without one, or
// any bundled run's presets, validated at build time) never constructs them.
let configSchema: ReturnType<typeof buildFileSchema> | undefined;
let presetSchema: ReturnType<typeof buildFileSchema> | undefined;

/** The config file's schema. */
export function configFileSchema(): ReturnType<typeof buildFileSchema> {
  return (configSchema ??= buildFileSchema('config'));
}

/** Presets (rules/*.yml) accept `covers` on types in addition to the user format. */
export function presetFileSchema(): ReturnType<typeof buildFileSchema> {
  return (presetSchema ??= buildFileSchema('preset'));
}

/** A config file as written, after validation. */
export type RawConfig = z.input<ReturnType<typeof configFileSchema>>;
export type RawRole = NonNullable<NonNullable<RawConfig['roles']>[string]>;
export type RawType = NonNullable<NonNullable<RawConfig['types']>[string]>;
export type RawRuleEntry = string | [string] | [string, Record<string, unknown>];
