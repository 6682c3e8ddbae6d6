// A small validator for the OpenAPI 3.0 schema subset GitHub's description uses: $ref, type,
// nullable, enum, required, properties, additionalProperties, items, min/maxItems,
// min/maxLength, minimum/maximum, oneOf/anyOf/allOf. Used to check request bodies (GitHub
// answers 422 "Invalid request") and, as a self-check, the emulator's own responses.

export type Schema = Record<string, unknown>;

export interface SchemaIssue {
  /** JSON pointer-ish location, e.g. `properties/labels/0`. */
  path: string;
  message: string;
  /** Set when a required property is missing. */
  missing?: string;
}

export interface ValidateOptions {
  /** Resolves `#/components/...` references. */
  resolve: (ref: string) => Schema | undefined;
  /**
   * Responses: GitHub returns `null` for many optional properties its description does not mark
   * nullable; accept null for properties that are not required.
   */
  lenientNulls?: boolean;
  /** Check only the first N items of arrays (responses: items share one serializer). */
  maxArrayItems?: number;
  /** Stop after this many issues (default 20). */
  maxIssues?: number;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function validateSchema(
  value: unknown,
  schema: Schema,
  opts: ValidateOptions,
): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  check(value, schema, '', opts, out, false);
  return out.slice(0, opts.maxIssues ?? 20);
}

function deref(schema: Schema, opts: ValidateOptions, depth = 0): Schema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && depth < 20) {
    const target = opts.resolve(ref);
    if (!target) return {};
    return deref(target, opts, depth + 1);
  }
  return schema;
}

function check(
  value: unknown,
  rawSchema: Schema,
  path: string,
  opts: ValidateOptions,
  out: SchemaIssue[],
  nullOk: boolean,
): void {
  if (out.length >= (opts.maxIssues ?? 20)) return;
  const schema = deref(rawSchema, opts);
  const at = path || 'body';

  if (value === null && (schema.nullable === true || nullOk)) return;

  if (Array.isArray(schema.allOf)) {
    for (const s of schema.allOf as Schema[])
      check(value, s, path, opts, out, nullOk || schema.nullable === true);
  }
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(alternatives)) {
    if (value === null && alternatives.some((s) => deref(s, opts).nullable === true)) return;
    const results = alternatives.map((s) => {
      const o: SchemaIssue[] = [];
      check(value, s, path, { ...opts, maxIssues: 5 }, o, nullOk);
      return o;
    });
    if (!results.some((r) => r.length === 0)) {
      // Report the branch that got furthest (fewest issues), or a summary.
      const best = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      const typed = alternatives.map((s) => deref(s, opts).type).filter(Boolean);
      if (best.length === 1 && best[0]?.path !== path) out.push(best[0] as SchemaIssue);
      else
        out.push({
          path: at,
          message: `For '${at}', ${show(value)} is not ${typed.length ? `a ${typed.join(' or ')}` : 'valid'}.`,
        });
    }
  }

  const type = schema.type;
  if (typeof type === 'string') {
    const actual = typeOf(value);
    const ok =
      actual === type ||
      (type === 'number' && actual === 'integer') ||
      (type === 'integer' && actual === 'number' && Number.isInteger(value));
    if (!ok) {
      out.push({
        path: at,
        message: `For '${at}', ${show(value)} is not ${article(type)} ${type}.`,
      });
      return;
    }
  }

  if (Array.isArray(schema.enum) && value !== null && !schema.enum.includes(value)) {
    out.push({
      path: at,
      message: `For '${at}', ${show(value)} is not one of ${JSON.stringify(schema.enum.filter((x) => x !== null))}.`,
    });
  }

  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      out.push({
        path: at,
        message: `For '${at}', string is longer than ${schema.maxLength} characters.`,
      });
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      out.push({
        path: at,
        message: `For '${at}', string is shorter than ${schema.minLength} characters.`,
      });
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      out.push({
        path: at,
        message: `For '${at}', ${value} is less than the minimum of ${schema.minimum}.`,
      });
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      out.push({
        path: at,
        message: `For '${at}', ${value} is greater than the maximum of ${schema.maximum}.`,
      });
  }

  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      out.push({
        path: at,
        message: `For '${at}', ${show(value)} has fewer than ${schema.minItems} items.`,
      });
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      out.push({
        path: at,
        message: `For '${at}', ${show(value)} has more than ${schema.maxItems} items.`,
      });
    const items = schema.items as Schema | undefined;
    if (items && typeof items === 'object') {
      const n = Math.min(value.length, opts.maxArrayItems ?? Infinity);
      for (let i = 0; i < n; i++)
        check(value[i], items, `${path ? `${path}/` : ''}${i}`, opts, out, false);
    }
  }

  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const r of required) {
      if (!(r in obj)) out.push({ path: at, message: `"${r}" wasn't supplied.`, missing: r });
    }
    for (const [k, v] of Object.entries(obj)) {
      const p = props[k];
      const childPath = `${path ? `${path}/` : 'properties/'}${k}`;
      if (p) {
        check(v, p, childPath, opts, out, !!opts.lenientNulls && !required.includes(k));
      } else if (schema.additionalProperties === false) {
        out.push({ path: at, message: `For '${at}', "${k}" is not a permitted key.` });
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        check(v, schema.additionalProperties as Schema, childPath, opts, out, false);
      }
    }
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}
