// The GraphQL documents are checked against GitHub's published schema (@octokit/graphql-schema,
// extended with Issue.issueType and the sub-issue fields where the package predates them) and the REST routes
// against GitHub's OpenAPI description (@octokit/openapi).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  buildClientSchema,
  extendSchema,
  isObjectType,
  parse,
  validate,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { schema as published } from '@octokit/graphql-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BACKLOG_QUERY,
  backlogQuery,
  CHANGED_ISSUES_QUERY,
  changedIssuesQuery,
  isMutation,
  LINKED_ISSUES_QUERY,
  linkedIssuesQuery,
  MAX_BODY_REFS,
  REPOSITORY_NAMES_QUERY,
  ROUTES,
} from '../../src/github/index.js';

const require = createRequire(import.meta.url);

function githubSchema(): GraphQLSchema {
  // The package's `schema.json` is GitHub's introspection result (`{ __schema }`).
  let schema = buildClientSchema(published.json as unknown as IntrospectionQuery);
  const issue = schema.getType('Issue');
  if (!isObjectType(issue)) throw new Error('no Issue type in the schema');
  if (!issue.getFields().issueType) {
    // Issue types (2025) are newer than this schema package: add what GitHub documents.
    const sdl = `${schema.getType('IssueType') ? '' : 'type IssueType implements Node { id: ID! name: String! description: String isEnabled: Boolean! }\n'}extend type Issue { issueType: IssueType }`;
    schema = extendSchema(schema, parse(sdl));
  }
  const repository = schema.getType('Repository');
  if (isObjectType(repository) && !repository.getFields().issueTypes) {
    // Repository.issueTypes (2025), as GitHub documents it: the issue types the repository can use.
    const connection = schema.getType('IssueTypeConnection')
      ? ''
      : 'type IssueTypeEdge { cursor: String! node: IssueType }\n' +
        'type IssueTypeConnection { edges: [IssueTypeEdge] nodes: [IssueType] pageInfo: PageInfo! totalCount: Int! }\n';
    schema = extendSchema(
      schema,
      parse(
        `${connection}extend type Repository { issueTypes(after: String, before: String, first: Int, last: Int): IssueTypeConnection }`,
      ),
    );
  }
  if (!issue.getFields().subIssuesSummary) {
    // Sub-issues (2025), as GitHub documents them (the package's schema.graphql has them,
    // its introspection JSON not yet).
    schema = extendSchema(
      schema,
      parse(
        'type SubIssuesSummary { completed: Int! percentCompleted: Int! total: Int! }\n' +
          'extend type Issue { parent: Issue subIssues(after: String, before: String, first: Int, last: Int): IssueConnection! subIssuesSummary: SubIssuesSummary! }',
      ),
    );
  }
  return schema;
}

let schema: GraphQLSchema;
beforeAll(() => {
  schema = githubSchema();
});

function errorsOf(query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message);
}

describe('GraphQL documents are valid against GitHub’s schema', () => {
  it('backlog query (with and without issueType)', () => {
    expect(errorsOf(BACKLOG_QUERY)).toEqual([]);
    expect(errorsOf(backlogQuery({ issueType: false }))).toEqual([]);
    expect(BACKLOG_QUERY).toContain('issueType { name }');
    expect(backlogQuery({ issueType: false })).not.toContain('issueType');
  });

  it('changed-issues query of incremental runs (with and without issueType, viewerDidAuthor)', () => {
    expect(errorsOf(CHANGED_ISSUES_QUERY)).toEqual([]);
    expect(errorsOf(changedIssuesQuery({ issueType: false, viewerDidAuthor: true }))).toEqual([]);
    expect(changedIssuesQuery({ issueType: false })).not.toContain('issueType');
    expect(errorsOf(REPOSITORY_NAMES_QUERY)).toEqual([]);
  });

  it('linked issues query with 0, 1, 3 and 50 body references', () => {
    expect(errorsOf(LINKED_ISSUES_QUERY)).toEqual([]);
    for (const n of [1, 3, MAX_BODY_REFS]) {
      expect(errorsOf(linkedIssuesQuery(n))).toEqual([]);
      expect(errorsOf(linkedIssuesQuery(n, { issueType: false }))).toEqual([]);
    }
    expect(() => linkedIssuesQuery(MAX_BODY_REFS + 1)).toThrow(RangeError);
  });

  it('every query asks for its own rateLimit (cost, remaining, resetAt) at the root', () => {
    const rootSelection = (query: string): string[] => {
      const op = parse(query).definitions.find((d) => d.kind === 'OperationDefinition');
      if (op?.kind !== 'OperationDefinition') return [];
      return op.selectionSet.selections.flatMap((s) =>
        s.kind === 'Field' && s.name.value === 'rateLimit'
          ? (s.selectionSet?.selections ?? []).map((f) => (f.kind === 'Field' ? f.name.value : ''))
          : [],
      );
    };
    for (const q of [
      BACKLOG_QUERY,
      backlogQuery({ issueType: false, viewerDidAuthor: true }),
      LINKED_ISSUES_QUERY,
      linkedIssuesQuery(3, { issueType: false }),
      CHANGED_ISSUES_QUERY,
      REPOSITORY_NAMES_QUERY,
    ]) {
      expect(rootSelection(q)).toEqual(['cost', 'remaining', 'resetAt']);
    }
    // The field is GitHub's (Query.rateLimit: RateLimit with these fields), not an extension.
    const rateLimit = buildClientSchema(published.json as unknown as IntrospectionQuery).getType(
      'RateLimit',
    );
    expect(isObjectType(rateLimit) && Object.keys(rateLimit.getFields())).toEqual(
      expect.arrayContaining(['cost', 'remaining', 'resetAt']),
    );
  });

  it('an invalid document is caught (the check is real)', () => {
    expect(
      errorsOf(
        'query { repository(owner: "a", name: "b") { issues(first: 1) { nodes { nope } } } }',
      ),
    ).not.toEqual([]);
  });

  it('the documents are queries, not mutations', () => {
    expect(isMutation(BACKLOG_QUERY)).toBe(false);
    expect(isMutation(linkedIssuesQuery(2))).toBe(false);
    expect(isMutation('mutation { x }')).toBe(true);
    expect(isMutation('# a comment\nfragment F on Issue { id }\nmutation M { x { ...F } }')).toBe(
      true,
    );
    expect(isMutation('fragment F on Issue { id }\nquery Q { x { ...F } }')).toBe(false);
  });
});

describe('REST routes exist in GitHub’s OpenAPI description', () => {
  it('every route in ROUTES', () => {
    const dir = path.join(path.dirname(require.resolve('@octokit/openapi')), 'generated');
    const api = JSON.parse(readFileSync(path.join(dir, 'api.github.com.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const route of Object.values(ROUTES)) {
      const [method, url] = route.split(' ') as [string, string];
      expect(api.paths[url]?.[method.toLowerCase()], route).toBeDefined();
    }
  });
});
