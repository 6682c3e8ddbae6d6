// JSON Schema validation of REST request bodies (GitHub answers 422 "Invalid request") and,
// as a self-check, of the emulator's own responses, with ajv against GitHub's OpenAPI
// description (@octokit/openapi). OpenAPI 3.0 schemas are JSON Schema plus `nullable`; they
// are converted (`nullable: true` → `anyOf: [null, …]`) and each `#/components/<kind>/<name>`
// reference becomes a schema of its own, added on first use (the description is ~10 MB:
// converting and compiling it whole would cost every emulator a second).
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

const BASE = 'https://api.github.com/openapi/';

/**
 * OpenAPI 3.0 → JSON Schema: `nullable` becomes a `null` alternative; local references
 * point into the components document. `lenientNulls` (responses): GitHub returns `null` for
 * many optional properties its description does not mark nullable, so every property that
 * is not required also accepts null.
 */
interface Conversion {
  lenientNulls: boolean;
  /** Strict mode: the components referenced, added to ajv as schemas of their own. */
  refs: Set<string>;
  /**
   * Lenient mode (the response self-check): references are inlined `RESPONSE_DEPTH` level
   * deep and accept anything below. A full issue answer references most of the description
   * (repository, app, user…), which ajv takes 0.5–1 s to compile, in every test file; one
   * level (the answer's fields and those of the objects it embeds: user, labels, milestone…)
   * compiles in ~5 ms.
   */
  inline?: { resolve: (target: string) => Schema; depth: number };
}

const RESPONSE_DEPTH = 1;

function convert(node: unknown, c: Conversion): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, c));
  if (!node || typeof node !== 'object') return node;
  const src = node as Schema;
  const ref = src.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/')) {
    const target = ref.slice('#/components/'.length);
    if (c.inline) {
      if (c.inline.depth >= RESPONSE_DEPTH) return {};
      return convert(c.inline.resolve(target), {
        ...c,
        inline: { ...c.inline, depth: c.inline.depth + 1 },
      });
    }
    c.refs.add(target);
    return { $ref: BASE + target };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k === 'discriminator' || k === 'example' || k === 'examples') continue;
    if (k === 'properties' && v && typeof v === 'object') {
      const required = Array.isArray(src.required) ? (src.required as string[]) : [];
      out[k] = Object.fromEntries(
        Object.entries(v as Schema).map(([name, prop]) => {
          const converted = convert(prop, c);
          return [
            name,
            c.lenientNulls && !required.includes(name) ? orNull(converted as Schema) : converted,
          ];
        }),
      );
    } else out[k] = convert(v, c);
  }
  return src.nullable === true ? orNull(out) : out;
}

function orNull(schema: Schema): Schema {
  return { anyOf: [{ type: 'null' }, schema] };
}

export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new WeakMap<Schema, ValidateFunction>();

  private readonly added = new Set<string>();

  constructor(
    private readonly components: Components,
    private readonly lenientNulls: boolean,
  ) {
    // strict: false — the description carries OpenAPI and `x-github` keywords ajv does not
    // know; formats are not checked (GitHub's 422s are about types, keys and bounds).
    // inlineRefs: false compiles each component once, however often it is referenced.
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      verbose: true,
      validateFormats: false,
      inlineRefs: false,
    });
  }

  /** Converts `schema` and adds every component it references, transitively. */
  private prepare(schema: Schema): Schema {
    const refs = new Set<string>();
    const inline = this.lenientNulls
      ? { resolve: (target: string) => this.component(target), depth: 0 }
      : undefined;
    const converted = convert(schema, { lenientNulls: this.lenientNulls, refs, inline }) as Schema;
    for (const ref of refs) this.addComponent(ref, refs);
    return converted;
  }

  private component(target: string): Schema {
    const [kind, name] = target.split('/') as [keyof Components, string];
    return this.components[kind]?.[name] ?? {};
  }

  private addComponent(target: string, queue: Set<string>): void {
    if (this.added.has(target)) return;
    this.added.add(target);
    // `queue` is being iterated: refs added to it are visited in turn.
    const converted = convert(this.component(target), {
      lenientNulls: this.lenientNulls,
      refs: queue,
    }) as Schema;
    this.ajv.addSchema({ ...converted, $id: BASE + target });
  }

  validate(value: unknown, schema: Schema, maxIssues = 20): SchemaIssue[] {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.ajv.compile(this.prepare(schema));
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
