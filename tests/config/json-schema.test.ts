// schema/backlog-lint.schema.json: generated from the zod schema, kept in sync, and accepting
// exactly what the loader accepts on representative configs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
// ajv 8 validates draft-07 schemas by default.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildJsonSchema } from '../../src/config/json-schema.js';
import { parse, problemsOf, SPEC_EXAMPLE, yaml } from './helpers.js';

const committed = JSON.parse(
  readFileSync(path.resolve('schema/backlog-lint.schema.json'), 'utf8'),
) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true }).compile(committed);

const GOOD: Record<string, string> = {
  empty: '',
  'SPEC example': SPEC_EXAMPLE,
  'list extends, removal, clearing': yaml`
    extends: [strict]
    roles:
      project:
        label: null
      design:
    types:
      pricing: null
    rules:
      single-owner: [warning]
      type-required: off
  `,
};

const BAD: Record<string, string> = {
  'unknown key': 'roles:\n  product:\n    member: [alice]\n',
  'unknown rule id': 'rules:\n  owner-rol: error\n',
  'bad severity': 'rules:\n  owner-role: fatal\n',
  'unknown option': 'rules:\n  owner-capacity: [notice, { mx: 3 }]\n',
  'version 2': 'version: 2\n',
  'member with @': 'roles:\n  product:\n    members: ["@alice"]\n',
};

describe('JSON Schema', () => {
  it('the committed schema is what scripts/gen-schema.ts generates now', () => {
    expect(committed).toEqual(buildJsonSchema());
  });

  it('knows every rule id, each as a severity or [severity, options]', () => {
    const rules = (committed.properties as Record<string, { anyOf: { properties: object }[] }>)
      .rules!.anyOf[0]!.properties;
    expect(Object.keys(rules)).toContain('owner-capacity');
    expect(JSON.stringify(rules)).toContain('"enum":["off","notice","warning","error"]');
  });

  it.each(Object.entries(GOOD))('accepts a good config: %s', (_, text) => {
    expect(validate(parseYaml(text) ?? {}), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parse(text)).not.toThrow();
  });

  it.each(Object.entries(BAD))('rejects what the loader rejects: %s', (_, text) => {
    expect(validate(parseYaml(text))).toBe(false);
    expect(problemsOf(text).length).toBeGreaterThan(0);
  });
});
