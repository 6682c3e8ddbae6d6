import { describe, expect, it } from 'vitest';
import { githubSchema, schemaExtension } from './graphql.js';
import { loadOpenApi } from './openapi.js';

describe('OpenAPI router and schema checks', () => {
  const api = loadOpenApi();

  it('matches GitHub route templates, static segments first, multi-segment paths decoded', () => {
    const m = api.match('PATCH', '/repos/acme/widgets/issues/comments/12');
    expect(m.ok && m.match.route.template).toBe(
      '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    );
    const n = api.match('GET', '/repos/acme/widgets/issues/7');
    expect(n.ok && n.match.params).toEqual({ owner: 'acme', repo: 'widgets', issue_number: '7' });
    const c = api.match('GET', '/repos/acme/widgets/contents/.github%2Fbacklog-lint.yml');
    expect(c.ok && c.match.params.path).toBe('.github/backlog-lint.yml');
    const d = api.match('GET', '/repos/acme/widgets/contents/docs/a/b.md');
    expect(d.ok && d.match.params.path).toBe('docs/a/b.md');
    expect(api.match('GET', '/repos/acme/widgets/issues/7/owners')).toEqual({
      ok: false,
      allowed: [],
    });
    expect(api.match('PUT', '/repos/acme/widgets/issues/7/comments')).toEqual({
      ok: false,
      allowed: ['GET', 'POST'],
    });
  });

  it('validates against component schemas (used for request bodies and the emulator self-check)', () => {
    const schema = api.schema('label');
    expect(schema).toBeDefined();
    const ok = {
      id: 1,
      node_id: 'x',
      url: 'u',
      name: 'bug',
      description: null,
      color: 'fff',
      default: false,
    };
    expect(api.validate(ok, schema ?? {}, 'request')).toEqual([]);
    const { url: _url, ...missing } = ok;
    expect(api.validate({ ...missing, id: 'one' }, schema ?? {}, 'request')).toEqual([
      { path: 'body', message: '"url" wasn\'t supplied.', missing: 'url' },
      { path: 'properties/id', message: 'For \'properties/id\', "one" is not an integer.' },
    ]);
  });

  it('checks responses leniently (null for optional properties), requests strictly', () => {
    const schema = api.schema('label') ?? {};
    const ok = {
      id: 1,
      node_id: 'x',
      url: 'u',
      name: 'bug',
      description: null,
      color: 'fff',
      default: false,
    };
    // `description` is nullable in the description itself: fine both ways.
    expect(api.validate(ok, schema, 'request')).toEqual([]);
    expect(api.validate(ok, schema, 'response')).toEqual([]);
    // `name` is required and not nullable: a null is wrong both ways.
    expect(api.validate({ ...ok, name: null }, schema, 'response')).not.toEqual([]);
    // Arrays of component schemas through a $ref, and unknown keys where they are refused.
    const list = { type: 'array', items: { $ref: '#/components/schemas/label' } };
    expect(api.validate([ok, { ...ok, id: 'two' }], list, 'response')).toEqual([
      { path: 'properties/1/id', message: 'For \'properties/1/id\', "two" is not an integer.' },
    ]);
  });

  it('extends the published GraphQL schema only with what it lacks', () => {
    const { schema, added } = githubSchema();
    expect(added).toContain('Issue.issueType');
    expect(schema.getType('IssueType')).toBeDefined();
    expect(schemaExtension(schema)).toEqual({ sdl: '', added: [] });
  });
});
