// JSON Schema validation of REST request bodies (GitHub answers 422 "Invalid request") and,
// as a self-check, of the emulator's own responses, with ajv against GitHub's OpenAPI
// description (@octokit/openapi). OpenAPI 3.0 schemas are JSON Schema plus `nullable`; they
// are converted once (`nullable: true` → `anyOf: [null, …]`) and every `#/components/…`
// reference resolves in one document holding the description's components.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export type Schema = Record<string, unknown>;

export interface SchemaIssue {
  /** Where, GitHub style: `body`, `properties/labels/0`. */
  path: string;
  message: string;
  /** Set when a required property is missing. */
  missing?: string;
}

export interface Components {
  schemas: Record<string, Schema>;
  parameters: Record<string, Schema>;
  responses: Record<string, Schema>;
}

const DOC = 'https://api.github.com/openapi.json';

/**
 * OpenAPI 3.0 → JSON Schema: `nullable` becomes a `null` alternative; local references
 * point into the components document. `lenientNulls` (responses): GitHub returns `null` for
 * many optional properties its description does not mark nullable, so every property that
 * is not required also accepts null.
 */
function convert(node: unknown, lenientNulls: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, lenientNulls));
  if (!node || typeof node !== 'object') return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k === 'discriminator' || k === 'example' || k === 'examples') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = `${DOC}${v}`;
    else if (k === 'properties' && v && typeof v === 'object') {
      const required = Array.isArray(src.required) ? (src.required as string[]) : [];
      out[k] = Object.fromEntries(
        Object.entries(v as Schema).map(([name, prop]) => {
          const converted = convert(prop, lenientNulls);
          return [
            name,
            lenientNulls && !required.includes(name) ? orNull(converted as Schema) : converted,
          ];
        }),
      );
    } else out[k] = convert(v, lenientNulls);
  }
  return src.nullable === true ? orNull(out) : out;
}

function orNull(schema: Schema): Schema {
  return { anyOf: [{ type: 'null' }, schema] };
}

export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new WeakMap<Schema, ValidateFunction>();

  constructor(
    components: Components,
    private readonly lenientNulls: boolean,
  ) {
    // strict: false — the description carries OpenAPI and `x-github` keywords ajv does not
    // know; formats are not checked (GitHub's 422s are about types, keys and bounds).
    this.ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateFormats: false });
    this.ajv.addSchema({ $id: DOC, components: convert(components, lenientNulls) });
  }

  validate(value: unknown, schema: Schema, maxIssues = 20): SchemaIssue[] {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.ajv.compile(convert(schema, this.lenientNulls) as Schema);
      this.compiled.set(schema, fn);
    }
    if (fn(value)) return [];
    return issuesOf(fn.errors ?? []).slice(0, maxIssues);
  }
}

/** ajv's errors as GitHub words them; inside a failed anyOf/oneOf only its summary. */
function issuesOf(errors: ErrorObject[]): SchemaIssue[] {
  const alternatives = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map((e) => `${e.schemaPath}/`);
  const out: SchemaIssue[] = [];
  for (const e of errors) {
    if (alternatives.some((a) => e.schemaPath.startsWith(a))) continue;
    const issue = issueOf(e);
    if (issue && !out.some((o) => o.path === issue.path && o.message === issue.message))
      out.push(issue);
  }
  return out;
}

function issueOf(e: ErrorObject): SchemaIssue | null {
  const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
  const path = segments.length ? `properties/${segments.join('/')}` : 'body';
  const p = e.params as Record<string, unknown>;
  const value = e.data;
  const at = `For '${path}',`;
  switch (e.keyword) {
    case 'required':
      return {
        path,
        message: `"${String(p.missingProperty)}" wasn't supplied.`,
        missing: String(p.missingProperty),
      };
    case 'type': {
      const type = String(p.type);
      if (type === 'integer' && Number.isInteger(value)) return null;
      return {
        path,
        message: `${at} ${show(value)} is not ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}.`,
      };
    }
    case 'enum':
      return {
        path,
        message: `${at} ${show(value)} is not one of ${JSON.stringify((p.allowedValues as unknown[]).filter((x) => x !== null))}.`,
      };
    case 'additionalProperties':
      return { path, message: `${at} "${String(p.additionalProperty)}" is not a permitted key.` };
    case 'maxLength':
      return { path, message: `${at} string is longer than ${String(p.limit)} characters.` };
    case 'minLength':
      return { path, message: `${at} string is shorter than ${String(p.limit)} characters.` };
    case 'minimum':
      return {
        path,
        message: `${at} ${show(value)} is less than the minimum of ${String(p.limit)}.`,
      };
    case 'maximum':
      return {
        path,
        message: `${at} ${show(value)} is greater than the maximum of ${String(p.limit)}.`,
      };
    case 'minItems':
      return { path, message: `${at} ${show(value)} has fewer than ${String(p.limit)} items.` };
    case 'maxItems':
      return { path, message: `${at} ${show(value)} has more than ${String(p.limit)} items.` };
    case 'anyOf':
    case 'oneOf':
      return { path, message: `${at} ${show(value)} is not valid.` };
    default:
      return { path, message: `${at} ${e.message ?? 'is not valid'}.` };
  }
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
