// Turns zod issues into problems a person can act on: what is wrong, in SPEC words, at which
// data path, and what to write instead (with a did-you-mean for misspelt keys).
import type * as z from 'zod/mini';
import { suggest } from './did-you-mean.js';
import { PATTERN_HINTS } from './file-schema.js';
import { describeValue, formatPath, valueAt, type PathProblem } from './path-problem.js';
import type { Path } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** What a schema expects, in the words of a YAML author. */
const EXPECTED: Record<string, { noun: string; hint: string }> = {
  string: {
    noun: 'text',
    hint: 'write text; quote it if YAML would read it as a number, boolean or null (e.g. "1.0", "yes")',
  },
  number: { noun: 'a number', hint: 'write a number' },
  int: { noun: 'a whole number', hint: 'write a whole number, e.g. 10' },
  array: { noun: 'a list', hint: 'write a list: `[a, b]`, or one `- item` per line' },
  tuple: { noun: 'a list', hint: 'write a list: `[a, b]`, or one `- item` per line' },
  object: { noun: 'a mapping', hint: 'write `key: value` pairs, indented under this key' },
  record: { noun: 'a mapping', hint: 'write `name:` entries, indented under this key' },
};
const FALLBACK_HINT = 'see the "Config file" section of the README';

/**
 * Problems for one zod issue. `root` is the value that was validated against `schema`, and
 * `prefix` is where that value sits in the file (rule options are validated on their own).
 */
export function problemsFromIssue(
  issue: Issue,
  schema: z.core.$ZodType,
  root: unknown,
  prefix: Path = [],
): PathProblem[] {
  const path: Path = [...prefix, ...(issue.path as (string | number)[])];
  const value = valueAt(root, issue.path as Path);
  const where = formatPath(path) || 'the file';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, issue.path as Path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        at: 'key' as const,
        ...unknownKey(path, key, allowed),
      }));
    }
    case 'invalid_type': {
      if (path.length === 0) {
        return [
          {
            path,
            at: 'value',
            // Never the content itself: the file may not be a config at all (a secret, .env).
            message: `expected a mapping of settings at the top level, got ${topLevelKind(value)}`,
            hint: 'start from keys such as `extends:`, `roles:`, `types:` and `rules:`',
          },
        ];
      }
      const expected = EXPECTED[issue.expected] ?? { noun: issue.expected, hint: FALLBACK_HINT };
      return [
        {
          path,
          at: 'value',
          message: `${where}: expected ${expected.noun}, got ${describeValue(value)}`,
          hint: expected.hint,
        },
      ];
    }
    case 'invalid_value':
      return [invalidValue(path, where, value, issue.values)];
    case 'too_small':
    case 'too_big':
      return [{ path, at: 'value', ...outOfRange(issue, where) }];
    case 'invalid_format': {
      const pattern = 'pattern' in issue ? String(issue.pattern) : '';
      return [
        {
          path,
          at: 'value',
          message: `${where}: ${describeValue(value)} ${issue.message}`,
          hint: PATTERN_HINTS.get(pattern) ?? FALLBACK_HINT,
        },
      ];
    }
    case 'invalid_key':
      return [
        {
          path,
          at: 'key',
          message: `${where}: names must not be empty`,
          hint: 'give the entry a name',
        },
      ];
    case 'invalid_union':
      return [{ path, at: 'value', message: `${where}: ${issue.message}`, hint: unionHint(path) }];
    default:
      return [{ path, at: 'value', message: `${where}: ${issue.message}`, hint: FALLBACK_HINT }];
  }
}

function unknownKey(
  objectPath: Path,
  key: string,
  allowed: string[],
): { message: string; hint: string } {
  const [section, ruleId] = objectPath;
  if (objectPath.length === 1 && section === 'rules') {
    return { message: `unknown rule id \`${key}\``, hint: suggest(key, allowed, 'rule ids') };
  }
  if (section === 'rules' && objectPath.length === 3) {
    return {
      message: `unknown option \`${key}\` for rule \`${String(ruleId)}\``,
      hint: suggest(key, allowed, 'options'),
    };
  }
  const where = objectPath.length === 0 ? 'at the top level' : `in \`${formatPath(objectPath)}\``;
  return {
    message: `unknown key \`${key}\` ${where}`,
    hint: suggest(key, allowed, 'allowed keys'),
  };
}

function invalidValue(
  path: Path,
  where: string,
  value: unknown,
  allowed: readonly unknown[],
): PathProblem {
  if (path.length === 1 && path[0] === 'version') {
    return {
      path,
      at: 'value',
      message: `format version ${typeof value === 'number' ? value : describeValue(value)} is not supported`,
      hint: 'this backlog-lint reads `version: 1` (a number); set it or remove the key',
    };
  }
  const names = allowed.map(String);
  return {
    path,
    at: 'value',
    message: `${where}: ${describeValue(value)} is not allowed`,
    hint:
      typeof value === 'string' ? suggest(value, names, 'allowed') : `allowed: ${names.join(', ')}`,
  };
}

function outOfRange(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  where: string,
): { message: string; hint: string } {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  if (issue.origin === 'string' && small) {
    return { message: `${where}: must not be empty`, hint: 'write a value, or remove the entry' };
  }
  const relation = small
    ? issue.inclusive
      ? 'at least'
      : 'greater than'
    : issue.inclusive
      ? 'at most'
      : 'less than';
  const unit =
    issue.origin === 'array' ? ' entries' : issue.origin === 'string' ? ' characters' : '';
  return {
    message: `${where}: must be ${relation} ${String(bound)}${unit}`,
    hint: `use a value ${issue.inclusive ? 'of ' : ''}${relation} ${String(bound)}`,
  };
}

function unionHint(path: Path): string {
  if (path[0] === 'extends') {
    return 'write a preset name (`extends: recommended`), a relative file (`./base.yml`), or a list of them';
  }
  return FALLBACK_HINT;
}

// ------------------------------------------------------------------ schema introspection

interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  valueType?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  items?: z.core.$ZodType[];
  in?: z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

/** Keys the strict object at `path` accepts (for did-you-mean on unknown keys). */
export function allowedKeys(schema: z.core.$ZodType, path: Path): string[] {
  const object = schemaAt(schema, path);
  const shape = object && defOf(object).shape;
  return shape ? Object.keys(shape) : [];
}

function schemaAt(schema: z.core.$ZodType | undefined, path: Path): z.core.$ZodType | undefined {
  if (!schema) return undefined;
  const def = defOf(schema);
  const wrapped = def.innerType ?? def.in;
  if (wrapped) return schemaAt(wrapped, path);
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = schemaAt(option, path);
      if (found && (path.length > 0 || defOf(found).shape)) return found;
    }
    return undefined;
  }
  if (path.length === 0) return schema;
  const [segment, ...rest] = path;
  switch (def.type) {
    case 'object':
      return schemaAt(def.shape?.[String(segment)], rest);
    case 'record':
      return schemaAt(def.valueType, rest);
    case 'array':
      return schemaAt(def.element, rest);
    case 'tuple':
      return schemaAt(def.items?.[Number(segment)], rest);
    default:
      return undefined;
  }
}

/** What a whole document is, without quoting it. */
function topLevelKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
