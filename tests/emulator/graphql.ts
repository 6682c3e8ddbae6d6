// GitHub GraphQL API over the in-memory state: the schema published in
// @octokit/graphql-schema (extended with what GitHub added since: issue types, sub-issues), validation
// with graphql-js, GitHub's pre-execution checks (pagination bounds, node limit, cost), and
// execution with resolvers for what an issue linter reads and writes.

import { readFileSync } from 'node:fs';
import {
  GraphQLError,
  GraphQLSchema,
  Kind,
  buildClientSchema,
  execute,
  extendSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  GraphQLSkipDirective,
  GraphQLIncludeDirective,
  getDirectiveValues,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type IntrospectionQuery,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { packageFile } from './openapi.js';
import {
  currentStateVersion,
  isoNow,
  type EmuComment,
  type EmuIssue,
  type EmuIssueType,
  type EmuLabel,
  type EmuMilestone,
  type EmuOwner,
  type EmuRepo,
  type EmuState,
  type EmuTeam,
  type EmuUser,
  blobSha,
  uniqueCi,
} from './state.js';
import { allows, type Identity } from './permissions.js';

// ---------------------------------------------------------------- schema

export interface GithubSchema {
  schema: GraphQLSchema;
  /** What the emulator added to the published schema (`Type.field` / type names). */
  added: string[];
}

let cachedSchema: GithubSchema | null = null;

/** The published schema plus the fields GitHub has now that the package predates (built once). */
export function githubSchema(): GithubSchema {
  if (cachedSchema) return cachedSchema;
  const file = packageFile('@octokit/graphql-schema', 'schema.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as
    IntrospectionQuery | { data: IntrospectionQuery };
  const intro = 'data' in json ? json.data : json;
  const base = buildClientSchema(intro, { assumeValid: true });
  const { sdl, added } = schemaExtension(base);
  const schema = sdl ? extendSchema(base, parse(sdl), { assumeValidSDL: false }) : base;
  cachedSchema = { schema, added };
  return cachedSchema;
}

/** SDL for what is missing from `base` (checked piece by piece, so a newer package adds nothing). */
export function schemaExtension(base: GraphQLSchema): { sdl: string; added: string[] } {
  const parts: string[] = [];
  const added: string[] = [];
  const hasType = (t: string) => base.getType(t) !== undefined;
  const hasField = (t: string, f: string) => {
    const type = base.getType(t);
    return (
      !!type &&
      (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) &&
      f in type.getFields()
    );
  };
  const add = (what: string, sdl: string) => {
    added.push(what);
    parts.push(sdl);
  };
  if (!hasType('IssueTypeColor'))
    add('IssueTypeColor', 'enum IssueTypeColor { BLUE GRAY GREEN ORANGE PINK PURPLE RED YELLOW }');
  if (!hasType('IssueType'))
    add(
      'IssueType',
      `"Represents the type of Issue."
      type IssueType implements Node {
        color: IssueTypeColor!
        description: String
        id: ID!
        isEnabled: Boolean!
        issues(after: String, before: String, filterBy: IssueFilters, first: Int, last: Int, orderBy: IssueOrder, states: [IssueState!]): IssueConnection!
        name: String!
      }`,
    );
  if (!hasType('IssueTypeEdge'))
    add('IssueTypeEdge', 'type IssueTypeEdge { cursor: String! node: IssueType }');
  if (!hasType('IssueTypeConnection'))
    add(
      'IssueTypeConnection',
      'type IssueTypeConnection { edges: [IssueTypeEdge] nodes: [IssueType] pageInfo: PageInfo! totalCount: Int! }',
    );
  if (!hasType('IssueTypeOrderField'))
    add('IssueTypeOrderField', 'enum IssueTypeOrderField { CREATED_AT NAME }');
  if (!hasType('IssueTypeOrder'))
    add(
      'IssueTypeOrder',
      'input IssueTypeOrder { direction: OrderDirection! field: IssueTypeOrderField! }',
    );
  if (!hasField('Issue', 'issueType'))
    add('Issue.issueType', 'extend type Issue { issueType: IssueType }');
  const typesArgs =
    '(after: String, before: String, first: Int, last: Int, orderBy: IssueTypeOrder)';
  for (const owner of ['Repository', 'Organization']) {
    if (!hasField(owner, 'issueTypes'))
      add(
        `${owner}.issueTypes`,
        `extend type ${owner} { issueTypes${typesArgs}: IssueTypeConnection }`,
      );
    if (!hasField(owner, 'issueType'))
      add(`${owner}.issueType`, `extend type ${owner} { issueType(name: String!): IssueType }`);
  }
  // Sub-issues (2025): as GitHub documents them (and the package's own schema.graphql has them).
  if (!hasType('SubIssuesSummary'))
    add(
      'SubIssuesSummary',
      '"Summary of the state of an issue\'s sub-issues" type SubIssuesSummary { completed: Int! percentCompleted: Int! total: Int! }',
    );
  if (!hasField('Issue', 'parent'))
    add('Issue.parent', 'extend type Issue { "The parent entity of the issue." parent: Issue }');
  if (!hasField('Issue', 'subIssues'))
    add(
      'Issue.subIssues',
      'extend type Issue { subIssues(after: String, before: String, first: Int, last: Int): IssueConnection! }',
    );
  if (!hasField('Issue', 'subIssuesSummary'))
    add('Issue.subIssuesSummary', 'extend type Issue { subIssuesSummary: SubIssuesSummary! }');
  if (!hasField('IssueFilters', 'type'))
    add('IssueFilters.type', 'extend input IssueFilters { type: String }');
  for (const input of ['CreateIssueInput', 'UpdateIssueInput']) {
    if (hasType(input) && !hasField(input, 'issueTypeId'))
      add(`${input}.issueTypeId`, `extend input ${input} { issueTypeId: ID }`);
  }
  if (!hasField('Mutation', 'updateIssueIssueType')) {
    if (!hasType('UpdateIssueIssueTypeInput'))
      add(
        'UpdateIssueIssueTypeInput',
        'input UpdateIssueIssueTypeInput { clientMutationId: String issueId: ID! issueTypeId: ID }',
      );
    if (!hasType('UpdateIssueIssueTypePayload'))
      add(
        'UpdateIssueIssueTypePayload',
        'type UpdateIssueIssueTypePayload { clientMutationId: String issue: Issue }',
      );
    add(
      'Mutation.updateIssueIssueType',
      'extend type Mutation { updateIssueIssueType(input: UpdateIssueIssueTypeInput!): UpdateIssueIssueTypePayload }',
    );
  }
  const reason = base.getType('IssueStateReason');
  if (isEnumType(reason) && !reason.getValue('DUPLICATE'))
    add('IssueStateReason.DUPLICATE', 'extend enum IssueStateReason { DUPLICATE }');
  return { sdl: parts.join('\n\n'), added };
}

// ---------------------------------------------------------------- analysis

export interface ConnectionUse {
  path: string;
  first: number | null;
  last: number | null;
  /** Nodes that may be returned (first/last × enclosing connections). */
  multiplier: number;
}

export interface Analysis {
  document: DocumentNode | null;
  operation: OperationDefinitionNode | null;
  operationName: string | null;
  kind: 'query' | 'mutation' | 'subscription' | null;
  variables: Record<string, unknown>;
  /** Every selected field path, aliases resolved to field names: `repository.issues.nodes.title`. */
  fields: string[];
  /** Arguments of each field path (first occurrence). */
  fieldArgs: Map<string, Record<string, unknown>>;
  connections: ConnectionUse[];
  nodeCount: number;
  /** GitHub's rate-limit cost: connection requests / 100, rounded, at least 1. */
  cost: number;
  /** Parse / validation / variable errors (the request is not executed). */
  errors: GraphQLError[];
  /** Which stage produced `errors`. */
  errorKind:
    'graphql-syntax' | 'graphql-validation' | 'graphql-variables' | 'graphql-pagination' | null;
}

const NODE_LIMIT = 500_000;

const documentCache = new Map<
  string,
  { schema: GraphQLSchema; document: DocumentNode; errors: readonly GraphQLError[] }
>();

/** Parses, validates and sizes a request the way GitHub does before executing it. */
export function analyze(
  schema: GraphQLSchema,
  query: unknown,
  variables: unknown,
  operationName: unknown,
): Analysis {
  const a: Analysis = {
    document: null,
    operation: null,
    operationName: typeof operationName === 'string' ? operationName : null,
    kind: null,
    variables: {},
    fields: [],
    fieldArgs: new Map(),
    connections: [],
    nodeCount: 0,
    cost: 1,
    errors: [],
    errorKind: null,
  };
  if (typeof query !== 'string' || query.trim() === '') {
    a.errors.push(new GraphQLError('A query attribute must be specified and must be a string.'));
    a.errorKind = 'graphql-syntax';
    return a;
  }
  const cached = documentCache.get(query);
  if (cached && cached.schema === schema) {
    a.document = cached.document;
  } else {
    try {
      a.document = parse(query);
    } catch (e) {
      const err = e as GraphQLError;
      const loc = err.locations?.[0];
      a.errors.push(
        new GraphQLError(
          loc
            ? `Parse error on ${JSON.stringify(err.message)} at [${loc.line}, ${loc.column}]`
            : err.message,
          { source: err.source, positions: err.positions },
        ),
      );
      a.errorKind = 'graphql-syntax';
      return a;
    }
  }
  const document = a.document;
  const ops = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  a.operation =
    (a.operationName
      ? ops.find((o) => o.name?.value === a.operationName)
      : ops.length === 1
        ? ops[0]
        : undefined) ?? null;
  if (a.operation) {
    a.kind = a.operation.operation;
    a.operationName ??= a.operation.name?.value ?? null;
  }
  // Clients send the same query for every page: parse + validate once per query text.
  let validationErrors = cached?.schema === schema ? cached.errors : undefined;
  if (!validationErrors) {
    validationErrors = validate(schema, document, specifiedRules).map(githubValidationError);
    if (documentCache.size >= 500) documentCache.clear();
    documentCache.set(query, { schema, document, errors: validationErrors });
  }
  if (validationErrors.length > 0) {
    a.errors.push(...validationErrors);
    a.errorKind = 'graphql-validation';
    return a;
  }
  if (!a.operation) {
    a.errors.push(
      new GraphQLError(
        a.operationName
          ? `Unknown operation named "${a.operationName}".`
          : 'An operation name is required when sending multiple operations.',
      ),
    );
    a.errorKind = 'graphql-validation';
    return a;
  }
  const coerced = getVariableValues(
    schema,
    a.operation.variableDefinitions ?? [],
    (variables && typeof variables === 'object' ? variables : {}) as Record<string, unknown>,
  );
  if (coerced.errors) {
    a.errors.push(...coerced.errors);
    a.errorKind = 'graphql-variables';
    return a;
  }
  a.variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of a.document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = schema.getRootType(a.operation.operation);
  const fields = new Set<string>();
  let requests = 0;
  const walk = (
    sel: SelectionSetNode,
    parent: GraphQLCompositeType,
    path: string,
    multiplier: number,
  ) => {
    for (const s of sel.selections) {
      if (!included(s, a.variables)) continue;
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        if (t && isCompositeType(t)) walk(s.selectionSet, t, path, multiplier);
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        const t = f ? schema.getType(f.typeCondition.name.value) : undefined;
        if (f && t && isCompositeType(t)) walk(f.selectionSet, t, path, multiplier);
      } else {
        const name = s.name.value;
        if (name.startsWith('__')) continue;
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const def = parent.getFields()[name];
        if (!def) continue;
        const p = path ? `${path}.${name}` : name;
        fields.add(p);
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(def, s, a.variables);
        } catch {
          /* reported by execution */
        }
        if (!a.fieldArgs.has(p)) a.fieldArgs.set(p, args);
        const named = getNamedType(def.type);
        let m = multiplier;
        if (
          isObjectType(named) &&
          named.name.endsWith('Connection') &&
          def.args.some((x) => x.name === 'first')
        ) {
          const first = typeof args.first === 'number' ? args.first : null;
          const last = typeof args.last === 'number' ? args.last : null;
          const n = first ?? last;
          if (first === null && last === null) {
            a.errors.push(
              ghError(
                `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
                'MISSING_PAGINATION_BOUNDARIES',
                s,
                p,
              ),
            );
          } else if (first !== null && last !== null) {
            a.errors.push(
              ghError(
                `Passing both \`first\` and \`last\` to paginate the \`${name}\` connection is not supported.`,
                'EXCESSIVE_PAGINATION',
                s,
                p,
              ),
            );
          } else if (n !== null && (n > 100 || n < 0)) {
            a.errors.push(
              ghError(
                n < 0
                  ? `\`${first !== null ? 'first' : 'last'}\` on the \`${name}\` connection cannot be less than zero.`
                  : `Requesting ${n} records on the \`${name}\` connection exceeds the \`${first !== null ? 'first' : 'last'}\` limit of 100 records.`,
                'EXCESSIVE_PAGINATION',
                s,
                p,
              ),
            );
          }
          const size = Math.max(0, Math.min(n ?? 0, 100));
          requests += multiplier;
          a.nodeCount += multiplier * size;
          a.connections.push({ path: p, first, last, multiplier: multiplier * size });
          m = multiplier * Math.max(size, 1);
        }
        if (s.selectionSet && isCompositeType(named)) walk(s.selectionSet, named, p, m);
      }
    }
  };
  if (root) walk(a.operation.selectionSet, root, '', 1);
  a.fields = [...fields];
  a.cost = a.kind === 'mutation' ? 1 : Math.max(1, Math.round(requests / 100));
  if (a.nodeCount > NODE_LIMIT) {
    a.errors.push(
      ghError(
        `This query requests up to ${a.nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${NODE_LIMIT.toLocaleString('en-US')}.`,
        'MAX_NODE_LIMIT_EXCEEDED',
        a.operation,
      ),
    );
  }
  if (a.errors.length > 0) a.errorKind = 'graphql-pagination';
  return a;
}

function included(node: SelectionNode, vars: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, vars);
  if (skip?.if === true) return false;
  const inc = getDirectiveValues(GraphQLIncludeDirective, node, vars);
  return inc?.if !== false;
}

function ghError(
  message: string,
  type: string,
  node?: FieldNode | OperationDefinitionNode,
  path?: string,
): GraphQLError {
  return new GraphQLError(message, {
    nodes: node ? [node] : undefined,
    path: path ? path.split('.') : undefined,
    extensions: { type },
  });
}

/** Rewords graphql-js validation messages the way GitHub (graphql-ruby) words them. */
function githubValidationError(e: GraphQLError): GraphQLError {
  const rules: Array<[RegExp, (m: RegExpExecArray) => [string, Record<string, unknown>]]> = [
    [
      /^Cannot query field "(\w+)" on type "(\w+)"/,
      (m) => [
        `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
        { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
      ],
    ],
    [
      /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/,
      (m) => [
        `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
        { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
      ],
    ],
    [
      /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\./,
      (m) => [
        `Field '${m[1]}' is missing required arguments: ${m[2]}`,
        { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
      ],
    ],
    [
      /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
      (m) => [
        `Field must have selections (field '${m[1]}' returns ${(m[2] ?? '').replace(/[[\]!]/g, '')} but has no selections. Did you mean '${m[1]} { ... }'?)`,
        {
          code: 'selectionMismatch',
          nodeName: `field '${m[1]}'`,
          typeName: (m[2] ?? '').replace(/[[\]!]/g, ''),
        },
      ],
    ],
    [
      /^Variable "\$(\w+)" is never used/,
      (m) => [
        `Variable $${m[1]} is declared by anonymous query but not used`,
        { code: 'variableNotUsed', variableName: m[1] },
      ],
    ],
  ];
  for (const [re, f] of rules) {
    const m = re.exec(e.message);
    if (m) {
      const [message, extensions] = f(m);
      return new GraphQLError(message, {
        nodes: e.nodes,
        source: e.source,
        positions: e.positions,
        extensions,
      });
    }
  }
  return e;
}

/** GitHub's error JSON: `type` at top level, then path, locations, message. */
export function formatError(e: GraphQLError): Record<string, unknown> {
  const ext = { ...(e.extensions ?? {}) } as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (typeof ext.type === 'string') {
    out.type = ext.type;
    delete ext.type;
  }
  if (e.path) out.path = e.path;
  if (Object.keys(ext).length > 0) out.extensions = ext;
  if (e.locations) out.locations = e.locations;
  out.message = e.message;
  return out;
}

// ---------------------------------------------------------------- execution context

export interface RateInfo {
  cost: number;
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
  nodeCount: number;
}

export interface GqlContext {
  state: EmuState;
  identity: Identity;
  serverUrl: string;
  rate: RateInfo;
  /** `Type.field` the emulator has no resolver for (answered null). */
  unsupported: Set<string>;
}

type Args = Record<string, unknown>;
type Resolver<S> = (src: S, args: Args, ctx: GqlContext, info: GraphQLResolveInfo) => unknown;
type ResolverMap<S> = Record<string, Resolver<S>>;

interface RepoView {
  __typename: 'Repository';
  _repo: EmuRepo;
}
interface IssueView {
  __typename: 'Issue' | 'PullRequest';
  _repo: EmuRepo;
  _issue: EmuIssue;
}
interface UserView {
  __typename: 'User' | 'Bot';
  _user: EmuUser;
}
interface OrgView {
  __typename: 'Organization';
  _owner: EmuOwner;
}
interface TeamView {
  __typename: 'Team';
  _team: EmuTeam;
}
interface LabelView {
  __typename: 'Label';
  _repo: EmuRepo;
  _label: EmuLabel;
}
interface MilestoneView {
  __typename: 'Milestone';
  _repo: EmuRepo;
  _milestone: EmuMilestone;
}
interface IssueTypeView {
  __typename: 'IssueType';
  _owner: EmuOwner;
  _type: EmuIssueType;
}
interface CommentView {
  __typename: 'IssueComment';
  _repo: EmuRepo;
  _comment: EmuComment;
}

const repoView = (r: EmuRepo): RepoView => ({ __typename: 'Repository', _repo: r });
const issueView = (r: EmuRepo, i: EmuIssue): IssueView => ({
  __typename: i.pullRequest ? 'PullRequest' : 'Issue',
  _repo: r,
  _issue: i,
});
const userView = (u: EmuUser): UserView | OrgView | null =>
  u.type === 'Organization' ? null : { __typename: u.type === 'Bot' ? 'Bot' : 'User', _user: u };
const orgView = (o: EmuOwner): OrgView => ({ __typename: 'Organization', _owner: o });
const labelView = (r: EmuRepo, l: EmuLabel): LabelView => ({
  __typename: 'Label',
  _repo: r,
  _label: l,
});
const commentView = (r: EmuRepo, c: EmuComment): CommentView => ({
  __typename: 'IssueComment',
  _repo: r,
  _comment: c,
});

function ownerView(ctx: GqlContext, login: string): OrgView | UserView | null {
  const o = ctx.state.findOwner(login);
  if (o && o.type === 'Organization') return orgView(o);
  const u = ctx.state.findUser(login);
  return u ? userView(u) : null;
}

function actor(ctx: GqlContext, login: string | null): UserView | null {
  if (!login) return null;
  const u = ctx.state.user(login);
  return u.type === 'Organization'
    ? null
    : { __typename: u.type === 'Bot' ? 'Bot' : 'User', _user: u };
}

function gqlError(message: string, type: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

// ---------------------------------------------------------------- connections

type Key = Array<number | string>;

function encodeCursor(key: Key): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(key)}`).toString('base64');
}

function decodeCursor(cursor: string): Key {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (text.startsWith('cursor:v2:')) {
    try {
      const key = JSON.parse(text.slice(10)) as unknown;
      if (Array.isArray(key) && key.every((k) => typeof k === 'number' || typeof k === 'string'))
        return key as Key;
    } catch {
      /* fall through */
    }
  }
  throw gqlError(`\`${cursor}\` does not appear to be a valid cursor.`, 'INVALID_CURSOR_ARGUMENTS');
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

interface Connection {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  nodes: unknown[];
  edges: Array<Record<string, unknown>>;
}

/**
 * Relay pagination over `items`, which are in ascending `compare` order of their `key`s.
 * Cursors are opaque keys, so pages stay consistent when items are added or removed between
 * requests; cursor positions are found by binary search, so large lists stay cheap.
 */
function connection<T>(
  items: T[],
  args: Args,
  key: (t: T, i: number) => Key,
  node: (t: T) => unknown,
  edgeExtra?: (t: T) => Record<string, unknown>,
  compare: (a: Key, b: Key) => number = compareKeys,
): Connection {
  /** First index whose key is greater than `k` (or `>=` when `inclusive`). */
  const bound = (k: Key, inclusive: boolean): number => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compare(key(items[mid] as T, mid), k);
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let start = 0;
  let end = items.length;
  if (typeof args.after === 'string') start = bound(decodeCursor(args.after), false);
  if (typeof args.before === 'string')
    end = Math.max(start, bound(decodeCursor(args.before), true));
  let from = start;
  let to = end;
  let hasNextPage = false;
  let hasPreviousPage = false;
  if (typeof args.first === 'number') {
    to = Math.min(end, start + Math.max(0, args.first));
    hasNextPage = end > to;
    hasPreviousPage = start > 0;
  } else if (typeof args.last === 'number') {
    from = Math.max(start, end - Math.max(0, args.last));
    hasPreviousPage = from > start;
    hasNextPage = end < items.length;
  }
  const edges: Array<Record<string, unknown> & { cursor: string; node: unknown }> = [];
  for (let i = from; i < to; i++) {
    const t = items[i] as T;
    edges.push({ cursor: encodeCursor(key(t, i)), node: node(t), ...(edgeExtra?.(t) ?? {}) });
  }
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    nodes: edges.map((e) => e.node),
    edges,
  };
}

const indexKey = (_: unknown, i: number): Key => [i];

// ---------------------------------------------------------------- issue listing

const toMs = (iso: string) => Date.parse(iso);

interface IssueListArgs {
  states?: unknown;
  labels?: unknown;
  orderBy?: unknown;
  filterBy?: unknown;
}

interface IssueList {
  items: EmuIssue[];
  key: (i: EmuIssue) => Key;
  compare: (a: Key, b: Key) => number;
}

/**
 * Issue lists by query shape (filters and order, not the page), per repository, while the
 * state's mutation stamp and issue count are those they were built at (state.ts
 * `touchState`): paging through a large backlog then costs a binary search per page.
 */
const issueLists = new WeakMap<
  EmuRepo,
  { version: number; size: number; byShape: Map<string, IssueList> }
>();

/** Filters and orders a repository's issues (never pull requests) like `Repository.issues`. */
export function listIssues(
  repo: EmuRepo,
  args: IssueListArgs,
  extra?: (i: EmuIssue) => boolean,
): IssueList {
  if (extra) return filterAndSort(repo, args, extra);
  let cache = issueLists.get(repo);
  if (!cache || cache.version !== currentStateVersion() || cache.size !== repo.issues.size) {
    cache = { version: currentStateVersion(), size: repo.issues.size, byShape: new Map() };
    issueLists.set(repo, cache);
  }
  const shape = JSON.stringify([
    args.states ?? null,
    args.labels ?? null,
    args.orderBy ?? null,
    args.filterBy ?? null,
  ]);
  let list = cache.byShape.get(shape);
  if (!list) {
    list = filterAndSort(repo, args);
    cache.byShape.set(shape, list);
  }
  return list;
}

function filterAndSort(
  repo: EmuRepo,
  args: IssueListArgs,
  extra?: (i: EmuIssue) => boolean,
): IssueList {
  const filter = (args.filterBy ?? {}) as Record<string, unknown>;
  const states = (
    Array.isArray(args.states) ? args.states : Array.isArray(filter.states) ? filter.states : null
  ) as string[] | null;
  const labelsArg = [
    ...(Array.isArray(args.labels) ? (args.labels as string[]) : []),
    ...(Array.isArray(filter.labels) ? (filter.labels as string[]) : []),
  ].map((l) => l.toLowerCase());
  const assignee = filter.assignee as string | null | undefined;
  const createdBy = filter.createdBy as string | undefined;
  const mentioned = filter.mentioned as string | undefined;
  const milestone = filter.milestone as string | null | undefined;
  const milestoneNumber = filter.milestoneNumber as string | undefined;
  const since = typeof filter.since === 'string' ? toMs(filter.since) : null;
  const type = filter.type as string | undefined;
  const stateSet = states ? new Set(states.map((x) => x.toLowerCase())) : null;
  const items: EmuIssue[] = [];
  for (const i of repo.issues.values()) {
    if (i.pullRequest) continue;
    if (stateSet && !stateSet.has(i.state)) continue;
    if (labelsArg.length && !i.labels.some((l) => labelsArg.includes(l.toLowerCase()))) continue;
    if ('assignee' in filter) {
      if (
        assignee === null
          ? i.assignees.length > 0
          : assignee === '*'
            ? i.assignees.length === 0
            : assignee !== undefined &&
              !i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())
      )
        continue;
    }
    if (createdBy && i.author.toLowerCase() !== createdBy.toLowerCase()) continue;
    if (mentioned && !(i.body ?? '').toLowerCase().includes(`@${mentioned.toLowerCase()}`))
      continue;
    if ('milestone' in filter) {
      const ms = i.milestone === null ? null : repo.milestones.get(i.milestone);
      if (
        milestone === null
          ? ms !== null
          : milestone === '*'
            ? ms === null
            : milestone !== undefined && String(ms?.number) !== milestone && ms?.title !== milestone
      )
        continue;
    }
    if (milestoneNumber !== undefined) {
      if (
        milestoneNumber === 'none'
          ? i.milestone !== null
          : milestoneNumber === '*'
            ? i.milestone === null
            : String(i.milestone) !== milestoneNumber
      )
        continue;
    }
    if (since !== null && toMs(i.updatedAt) < since) continue;
    if (type !== undefined && type !== null) {
      if (
        type === 'none'
          ? i.issueType !== null
          : type === '*'
            ? i.issueType === null
            : (i.issueType ?? '').toLowerCase() !== type.toLowerCase()
      )
        continue;
    }
    if (extra && !extra(i)) continue;
    items.push(i);
  }
  const order = (args.orderBy ?? { field: 'CREATED_AT', direction: 'ASC' }) as {
    field: string;
    direction: string;
  };
  const desc = order.direction === 'DESC';
  // Timestamps are compared as strings (one ISO format throughout): no Date.parse per issue.
  const value = (i: EmuIssue): string | number =>
    order.field === 'UPDATED_AT'
      ? i.updatedAt
      : order.field === 'COMMENTS'
        ? i.comments.length
        : i.createdAt;
  const key = (i: EmuIssue): Key => [value(i), i.number];
  const compare = (a: Key, b: Key): number => (desc ? -compareKeys(a, b) : compareKeys(a, b));
  items.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = x < y ? -1 : x > y ? 1 : a.number - b.number;
    return desc ? -c : c;
  });
  return { items, key, compare };
}

/** 1-based page an `after` cursor points into, for `first`-sized pages (fault injection). */
export function pageOf(repo: EmuRepo, args: Args): number {
  const size = typeof args.first === 'number' && args.first > 0 ? args.first : 100;
  if (typeof args.after !== 'string') return 1;
  let after: Key;
  try {
    after = decodeCursor(args.after);
  } catch {
    return 1;
  }
  const { items, key, compare } = listIssues(repo, args);
  const before = items.filter((i) => compare(key(i), after) <= 0).length;
  return Math.floor(before / size) + 1;
}

// ---------------------------------------------------------------- resolvers

function users(ctx: GqlContext, logins: string[]): UserView[] {
  return logins.map((l) => actor(ctx, l)).filter((u): u is UserView => u !== null);
}

function issueUrl(ctx: GqlContext, r: EmuRepo, i: EmuIssue): string {
  return `${ctx.serverUrl}/${r.fullName}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`;
}

function association(ctx: GqlContext, r: EmuRepo, login: string): string {
  if (login.toLowerCase() === r.owner.toLowerCase()) return 'OWNER';
  const owner = ctx.state.findOwner(r.owner);
  for (const t of owner?.teams.values() ?? [])
    if (t.members.some((m) => m.toLowerCase() === login.toLowerCase())) return 'MEMBER';
  if (r.assignable?.has(login.toLowerCase())) return 'COLLABORATOR';
  return 'NONE';
}

function canWrite(ctx: GqlContext, i: EmuIssue | null): boolean {
  const s = ctx.identity.spec;
  return allows(s.issues, 'write') || (!!i?.pullRequest && allows(s.pullRequests, 'write'));
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const issueLike: ResolverMap<IssueView> = {
  id: (s) => s._issue.nodeId,
  databaseId: (s) => s._issue.id,
  fullDatabaseId: (s) => String(s._issue.id),
  number: (s) => s._issue.number,
  title: (s) => s._issue.title,
  titleHTML: (s) => escapeHtml(s._issue.title),
  body: (s) => s._issue.body ?? '',
  bodyText: (s) => s._issue.body ?? '',
  bodyHTML: (s) => (s._issue.body ? `<p>${escapeHtml(s._issue.body)}</p>` : ''),
  url: (s, _a, ctx) => issueUrl(ctx, s._repo, s._issue),
  permalink: (s, _a, ctx) => issueUrl(ctx, s._repo, s._issue),
  resourcePath: (s) =>
    `/${s._repo.fullName}/${s._issue.pullRequest ? 'pull' : 'issues'}/${s._issue.number}`,
  state: (s) => (s._issue.pullRequest?.merged ? 'MERGED' : s._issue.state.toUpperCase()),
  closed: (s) => s._issue.state === 'closed',
  closedAt: (s) => s._issue.closedAt,
  createdAt: (s) => s._issue.createdAt,
  updatedAt: (s) => s._issue.updatedAt,
  publishedAt: (s) => s._issue.createdAt,
  lastEditedAt: () => null,
  includesCreatedEdit: () => false,
  locked: (s) => s._issue.locked,
  activeLockReason: () => null,
  isPinned: () => false,
  author: (s, _a, ctx) => actor(ctx, s._issue.author),
  editor: () => null,
  authorAssociation: (s, _a, ctx) => association(ctx, s._repo, s._issue.author),
  viewerDidAuthor: (s, _a, ctx) =>
    s._issue.author.toLowerCase() === ctx.identity.spec.login.toLowerCase(),
  viewerCanUpdate: (s, _a, ctx) => canWrite(ctx, s._issue),
  viewerCanClose: (s, _a, ctx) => canWrite(ctx, s._issue),
  viewerCanReopen: (s, _a, ctx) => canWrite(ctx, s._issue),
  viewerCanLabel: (s, _a, ctx) => canWrite(ctx, s._issue),
  viewerCanReact: () => true,
  viewerCanSubscribe: () => true,
  viewerCanDelete: () => false,
  viewerCannotUpdateReasons: (s, _a, ctx) =>
    canWrite(ctx, s._issue) ? [] : ['INSUFFICIENT_ACCESS'],
  repository: (s) => repoView(s._repo),
  assignees: (s, args, ctx) => connection(users(ctx, s._issue.assignees), args, indexKey, (u) => u),
  labels: (s, args) => {
    const ls = s._issue.labels
      .map((n) => s._repo.labels.get(n.toLowerCase()))
      .filter((l): l is EmuLabel => l !== undefined);
    const order = args.orderBy as { field: string; direction: string } | undefined;
    if (order) {
      const sign = order.direction === 'DESC' ? -1 : 1;
      ls.sort(
        (a, b) =>
          sign *
          (order.field === 'NAME'
            ? a.name.localeCompare(b.name)
            : toMs(a.createdAt) - toMs(b.createdAt)),
      );
    }
    return connection(ls, args, indexKey, (l) => labelView(s._repo, l));
  },
  milestone: (s) => {
    const m = s._issue.milestone === null ? undefined : s._repo.milestones.get(s._issue.milestone);
    return m ? { __typename: 'Milestone', _repo: s._repo, _milestone: m } : null;
  },
  comments: (s, args) => {
    const cs = [...s._issue.comments];
    const order = args.orderBy as { direction: string } | undefined;
    if (order?.direction === 'DESC') cs.reverse();
    return connection(
      cs,
      args,
      (c) => [order?.direction === 'DESC' ? -c.id : c.id],
      (c) => commentView(s._repo, c),
    );
  },
  participants: (s, args, ctx) =>
    connection(
      users(
        ctx,
        uniqueCi([
          s._issue.author,
          ...s._issue.assignees,
          ...s._issue.comments.map((c) => c.author),
        ]),
      ),
      args,
      indexKey,
      (u) => u,
    ),
};

const IssueResolvers: ResolverMap<IssueView> = {
  ...issueLike,
  state: (s) => s._issue.state.toUpperCase(),
  stateReason: (s) => (s._issue.stateReason ? s._issue.stateReason.toUpperCase() : null),
  issueType: (s, _a, ctx) => {
    if (!s._issue.issueType) return null;
    const owner = ctx.state.ownerOf(s._repo);
    const t = owner.issueTypes.get(s._issue.issueType.toLowerCase());
    return t ? { __typename: 'IssueType', _owner: owner, _type: t } : null;
  },
  trackedIssues: (_s, args) => connection([], args, indexKey, (x) => x),
  trackedInIssues: (_s, args) => connection([], args, indexKey, (x) => x),
  // Sub-issues: `parent` and the children live in the same repository here.
  parent: (s) => {
    const parent = s._issue.parent === null ? undefined : s._repo.issues.get(s._issue.parent);
    return parent ? issueView(s._repo, parent) : null;
  },
  subIssues: (s, args, ctx) =>
    connection(ctx.state.subIssuesOf(s._repo, s._issue.number), args, indexKey, (i) =>
      issueView(s._repo, i),
    ),
  subIssuesSummary: (s, _a, ctx) => {
    const subs = ctx.state.subIssuesOf(s._repo, s._issue.number);
    const completed = subs.filter((i) => i.state === 'closed').length;
    return {
      total: subs.length,
      completed,
      percentCompleted: subs.length === 0 ? 0 : Math.floor((completed * 100) / subs.length),
    };
  },
};

const PullRequestResolvers: ResolverMap<IssueView> = {
  ...issueLike,
  baseRefName: (s) => s._issue.pullRequest?.baseRef ?? '',
  headRefName: (s) => s._issue.pullRequest?.headRef ?? '',
  baseRef: (s) => ({
    __typename: 'Ref',
    name: s._issue.pullRequest?.baseRef ?? '',
    prefix: 'refs/heads/',
    _repo: s._repo,
  }),
  headRef: (s) => ({
    __typename: 'Ref',
    name: s._issue.pullRequest?.headRef ?? '',
    prefix: 'refs/heads/',
    _repo: s._repo,
  }),
  baseRepository: (s) => repoView(s._repo),
  headRepository: (s, _a, ctx) => {
    const head = s._issue.pullRequest?.headRepo;
    const r = head ? ctx.state.findRepo(head) : s._repo;
    return r ? repoView(r) : null;
  },
  isCrossRepository: (s) => !!s._issue.pullRequest?.headRepo,
  merged: (s) => !!s._issue.pullRequest?.merged,
  mergedAt: (s) => s._issue.pullRequest?.mergedAt ?? null,
  isDraft: (s) => !!s._issue.pullRequest?.draft,
  additions: () => 0,
  deletions: () => 0,
  changedFiles: () => 0,
  mergeable: () => 'MERGEABLE',
  closingIssuesReferences: (s, args, ctx) => {
    const linked = ctx.state.closingIssues(s._repo, s._issue, args.userLinkedOnly === true);
    return connection(linked, args, indexKey, (x) => issueView(x.repo, x.issue));
  },
};

const RepositoryResolvers: ResolverMap<RepoView> = {
  id: (s) => s._repo.nodeId,
  databaseId: (s) => s._repo.id,
  name: (s) => s._repo.name,
  nameWithOwner: (s) => s._repo.fullName,
  description: (s) => s._repo.description,
  url: (s, _a, ctx) => `${ctx.serverUrl}/${s._repo.fullName}`,
  resourcePath: (s) => `/${s._repo.fullName}`,
  owner: (s, _a, ctx) => ownerView(ctx, s._repo.owner),
  isPrivate: (s) => s._repo.private,
  visibility: (s) => (s._repo.private ? 'PRIVATE' : 'PUBLIC'),
  isArchived: (s) => s._repo.archived,
  isFork: () => false,
  isDisabled: () => false,
  isTemplate: () => false,
  isEmpty: () => false,
  isLocked: () => false,
  hasIssuesEnabled: (s) => s._repo.hasIssues,
  createdAt: (s) => s._repo.createdAt,
  updatedAt: (s) => s._repo.createdAt,
  viewerPermission: (_s, _a, ctx) =>
    ctx.identity.spec.kind === 'user' && ctx.identity.spec.members === 'read'
      ? 'ADMIN'
      : allows(ctx.identity.spec.issues, 'write')
        ? 'WRITE'
        : 'READ',
  defaultBranchRef: (s) => ({
    __typename: 'Ref',
    name: s._repo.defaultBranch,
    prefix: 'refs/heads/',
    _repo: s._repo,
  }),
  issues: (s, args) => {
    const { items, key, compare } = listIssues(s._repo, args);
    return connection(items, args, key, (i) => issueView(s._repo, i), undefined, compare);
  },
  issue: (s, args) => {
    const i = s._repo.issues.get(Number(args.number));
    if (!i || i.pullRequest)
      throw gqlError(
        `Could not resolve to an Issue with the number of ${String(args.number)}.`,
        'NOT_FOUND',
      );
    return issueView(s._repo, i);
  },
  pullRequest: (s, args) => {
    const i = s._repo.issues.get(Number(args.number));
    if (!i || !i.pullRequest)
      throw gqlError(
        `Could not resolve to a PullRequest with the number of ${String(args.number)}.`,
        'NOT_FOUND',
      );
    return issueView(s._repo, i);
  },
  issueOrPullRequest: (s, args) => {
    const i = s._repo.issues.get(Number(args.number));
    if (!i)
      throw gqlError(
        `Could not resolve to an issue or pull request with the number of ${String(args.number)}.`,
        'NOT_FOUND',
      );
    return issueView(s._repo, i);
  },
  pullRequests: (s, args) => {
    const states = Array.isArray(args.states) ? (args.states as string[]) : null;
    const labels = Array.isArray(args.labels)
      ? (args.labels as string[]).map((l) => l.toLowerCase())
      : null;
    const items = [...s._repo.issues.values()].filter((i) => {
      const pr = i.pullRequest;
      if (!pr) return false;
      const st = pr.merged ? 'MERGED' : i.state.toUpperCase();
      if (states && !states.includes(st)) return false;
      if (labels && !i.labels.some((l) => labels.includes(l.toLowerCase()))) return false;
      if (typeof args.baseRefName === 'string' && pr.baseRef !== args.baseRefName) return false;
      if (typeof args.headRefName === 'string' && pr.headRef !== args.headRefName) return false;
      return true;
    });
    const order = args.orderBy as { field: string; direction: string } | undefined;
    const desc = order?.direction === 'DESC';
    const key = (i: EmuIssue): Key => [
      order?.field === 'UPDATED_AT' ? i.updatedAt : i.createdAt,
      i.number,
    ];
    const compare = (a: Key, b: Key): number => (desc ? -compareKeys(a, b) : compareKeys(a, b));
    items.sort((a, b) => compare(key(a), key(b)));
    return connection(items, args, key, (i) => issueView(s._repo, i), undefined, compare);
  },
  labels: (s, args) => {
    const q = typeof args.query === 'string' ? args.query.toLowerCase() : null;
    const ls = [...s._repo.labels.values()].filter((l) => !q || l.name.toLowerCase().includes(q));
    return connection(
      ls,
      args,
      (l) => [l.id],
      (l) => labelView(s._repo, l),
    );
  },
  label: (s, args) => {
    const l = s._repo.labels.get(String(args.name).toLowerCase());
    return l ? labelView(s._repo, l) : null;
  },
  milestones: (s, args) => {
    const states = Array.isArray(args.states) ? (args.states as string[]) : null;
    const ms = [...s._repo.milestones.values()].filter(
      (m) => !states || states.includes(m.state.toUpperCase()),
    );
    return connection(
      ms,
      args,
      (m) => [m.number],
      (m) => ({ __typename: 'Milestone', _repo: s._repo, _milestone: m }),
    );
  },
  milestone: (s, args) => {
    const m = s._repo.milestones.get(Number(args.number));
    return m ? { __typename: 'Milestone', _repo: s._repo, _milestone: m } : null;
  },
  assignableUsers: (s, args, ctx) => {
    const q = typeof args.query === 'string' ? args.query.toLowerCase() : null;
    const logins = s._repo.assignable
      ? [...s._repo.assignable]
      : [...ctx.state.users.values()].filter((u) => u.type !== 'Organization').map((u) => u.login);
    const list = users(ctx, logins)
      .filter((u) => !q || u._user.login.toLowerCase().includes(q))
      .sort((a, b) => a._user.id - b._user.id);
    return connection(
      list,
      args,
      (u) => [u._user.id],
      (u) => u,
    );
  },
  // The types the repository can use: its organisation's, less the disabled ones (issues keep
  // a disabled type, so Issue.issueType can name a type this list leaves out).
  issueTypes: (s, args, ctx) =>
    issueTypesConnection(ctx.state.ownerOf(s._repo), args, { enabledOnly: true }),
  issueType: (s, args, ctx) => issueTypeByName(ctx.state.ownerOf(s._repo), args),
  object: (s, args, ctx) => {
    const expr = typeof args.expression === 'string' ? args.expression : null;
    if (!expr || !expr.includes(':')) return null;
    const i = expr.indexOf(':');
    const ref = expr.slice(0, i);
    const path = expr.slice(i + 1).replace(/^\/+/, '');
    const files = ctx.state.filesAt(s._repo, ref === 'HEAD' || ref === '' ? null : ref);
    const text = files?.get(path);
    if (text === undefined) return null;
    const oid = blobSha(text);
    return {
      __typename: 'Blob',
      id: `B_${Buffer.from(`${s._repo.id}:${oid}`).toString('base64url')}`,
      oid,
      abbreviatedOid: oid.slice(0, 7),
      text,
      byteSize: Buffer.byteLength(text),
      isBinary: false,
      isTruncated: false,
      repository: repoView(s._repo),
      commitUrl: `${ctx.serverUrl}/${s._repo.fullName}/commit/${oid}`,
      commitResourcePath: `/${s._repo.fullName}/commit/${oid}`,
    };
  },
};

function issueTypesConnection(
  owner: EmuOwner,
  args: Args,
  opts: { enabledOnly?: boolean } = {},
): Connection {
  const list = [...owner.issueTypes.values()].filter((t) => !opts.enabledOnly || t.isEnabled);
  const order = args.orderBy as { field: string; direction: string } | undefined;
  if (order?.field === 'NAME') list.sort((a, b) => a.name.localeCompare(b.name));
  if (order?.direction === 'DESC') list.reverse();
  return connection(list, args, indexKey, (t) => ({
    __typename: 'IssueType',
    _owner: owner,
    _type: t,
  }));
}

function issueTypeByName(owner: EmuOwner, args: Args): IssueTypeView | null {
  const t = owner.issueTypes.get(String(args.name).toLowerCase());
  return t ? { __typename: 'IssueType', _owner: owner, _type: t } : null;
}

const IssueTypeResolvers: ResolverMap<IssueTypeView> = {
  id: (s) => s._type.nodeId,
  name: (s) => s._type.name,
  description: (s) => s._type.description,
  color: (s) => s._type.color,
  isEnabled: (s) => s._type.isEnabled,
  isPrivate: () => false,
  issues: (s, args, ctx) => {
    const all: Array<{ repo: EmuRepo; issue: EmuIssue }> = [];
    for (const r of ctx.state.repos.values()) {
      if (r.owner.toLowerCase() !== s._owner.login.toLowerCase()) continue;
      const { items } = listIssues(
        r,
        args,
        (i) => i.issueType?.toLowerCase() === s._type.name.toLowerCase(),
      );
      for (const issue of items) all.push({ repo: r, issue });
    }
    return connection(all, args, indexKey, (x) => issueView(x.repo, x.issue));
  },
};

const userResolvers: ResolverMap<UserView> = {
  __typename: (s) => s.__typename,
  id: (s) => s._user.nodeId,
  databaseId: (s) => s._user.id,
  // Bots appear as `Bot` actors whose login lacks the `[bot]` suffix REST shows; `viewer` (a
  // User) keeps the login as is (`github-actions[bot]` for the workflow token).
  login: (s) => (s.__typename === 'Bot' ? s._user.login.replace(/\[bot\]$/i, '') : s._user.login),
  name: (s) => s._user.name,
  url: (s, _a, ctx) =>
    s.__typename === 'Bot'
      ? `${ctx.serverUrl}/apps/${s._user.login.replace(/\[bot\]$/i, '')}`
      : `${ctx.serverUrl}/${s._user.login}`,
  resourcePath: (s) => `/${s._user.login}`,
  avatarUrl: (s) => `https://avatars.githubusercontent.com/u/${s._user.id}?v=4`,
  email: () => '',
  isSiteAdmin: () => false,
  createdAt: () => isoNow(Date.parse('2020-01-01T00:00:00Z')),
  updatedAt: () => isoNow(Date.parse('2020-01-01T00:00:00Z')),
};

const OrganizationResolvers: ResolverMap<OrgView> = {
  id: (s) => s._owner.nodeId,
  databaseId: (s) => s._owner.id,
  login: (s) => s._owner.login,
  name: (s) => s._owner.login,
  url: (s, _a, ctx) => `${ctx.serverUrl}/${s._owner.login}`,
  resourcePath: (s) => `/${s._owner.login}`,
  avatarUrl: (s) => `https://avatars.githubusercontent.com/u/${s._owner.id}?v=4`,
  team: (s, args, ctx) => {
    const spec = ctx.identity.spec;
    if (spec.members !== 'read') {
      if (spec.teamDenial === 404) return null;
      throw gqlError('Resource not accessible by integration', 'FORBIDDEN');
    }
    const t = s._owner.teams.get(String(args.slug).toLowerCase());
    return t ? { __typename: 'Team', _team: t } : null;
  },
  teams: (s, args, ctx) => {
    const spec = ctx.identity.spec;
    if (spec.members !== 'read') {
      if (spec.teamDenial === 404) return connection([], args, indexKey, (x) => x);
      throw gqlError('Resource not accessible by integration', 'FORBIDDEN');
    }
    const q = typeof args.query === 'string' ? args.query.toLowerCase() : null;
    const logins = Array.isArray(args.userLogins)
      ? (args.userLogins as string[]).map((l) => l.toLowerCase())
      : null;
    const ts = [...s._owner.teams.values()].filter(
      (t) =>
        (!q || t.slug.includes(q) || t.name.toLowerCase().includes(q)) &&
        (!logins || t.members.some((m) => logins.includes(m.toLowerCase()))),
    );
    return connection(
      ts,
      args,
      (t) => [t.id],
      (t) => ({ __typename: 'Team', _team: t }),
    );
  },
  issueTypes: (s, args) => issueTypesConnection(s._owner, args),
  issueType: (s, args) => issueTypeByName(s._owner, args),
  repository: (s, args, ctx) => {
    const r = ctx.state.findRepo(`${s._owner.login}/${String(args.name)}`);
    return r ? repoView(r) : null;
  },
};

const TeamResolvers: ResolverMap<TeamView> = {
  id: (s) => s._team.nodeId,
  databaseId: (s) => s._team.id,
  name: (s) => s._team.name,
  slug: (s) => s._team.slug,
  combinedSlug: (s) => `${s._team.org.toLowerCase()}/${s._team.slug}`,
  description: (s) => s._team.description,
  privacy: (s) => (s._team.privacy === 'secret' ? 'SECRET' : 'VISIBLE'),
  url: (s, _a, ctx) => `${ctx.serverUrl}/orgs/${s._team.org}/teams/${s._team.slug}`,
  resourcePath: (s) => `/orgs/${s._team.org}/teams/${s._team.slug}`,
  organization: (s, _a, ctx) => orgView(ctx.state.owner(s._team.org)),
  members: (s, args, ctx) => {
    const q = typeof args.query === 'string' ? args.query.toLowerCase() : null;
    const role = typeof args.role === 'string' ? args.role : null;
    const list = users(ctx, s._team.members).filter((u) => {
      const isMaint = s._team.maintainers.has(u._user.login.toLowerCase());
      if (role === 'MAINTAINER' && !isMaint) return false;
      if (role === 'MEMBER' && isMaint) return false;
      return !q || u._user.login.toLowerCase().includes(q);
    });
    const order = args.orderBy as { field: string; direction: string } | undefined;
    if (order?.field === 'LOGIN') {
      list.sort((a, b) => a._user.login.localeCompare(b._user.login));
      if (order.direction === 'DESC') list.reverse();
    }
    return connection(
      list,
      args,
      indexKey,
      (u) => u,
      (u) => ({
        role: s._team.maintainers.has(u._user.login.toLowerCase()) ? 'MAINTAINER' : 'MEMBER',
        memberAccessUrl: `${ctx.serverUrl}/orgs/${s._team.org}/teams/${s._team.slug}/members`,
        memberAccessResourcePath: `/orgs/${s._team.org}/teams/${s._team.slug}/members`,
      }),
    );
  },
};

const LabelResolvers: ResolverMap<LabelView> = {
  id: (s) => s._label.nodeId,
  name: (s) => s._label.name,
  color: (s) => s._label.color,
  description: (s) => s._label.description,
  isDefault: (s) => s._label.default,
  createdAt: (s) => s._label.createdAt,
  updatedAt: (s) => s._label.createdAt,
  url: (s, _a, ctx) =>
    `${ctx.serverUrl}/${s._repo.fullName}/labels/${encodeURIComponent(s._label.name)}`,
  resourcePath: (s) => `/${s._repo.fullName}/labels/${encodeURIComponent(s._label.name)}`,
  repository: (s) => repoView(s._repo),
};

const MilestoneResolvers: ResolverMap<MilestoneView> = {
  id: (s) => s._milestone.nodeId,
  number: (s) => s._milestone.number,
  title: (s) => s._milestone.title,
  description: (s) => s._milestone.description,
  state: (s) => s._milestone.state.toUpperCase(),
  closed: (s) => s._milestone.state === 'closed',
  closedAt: (s) => s._milestone.closedAt,
  dueOn: (s) => s._milestone.dueOn,
  createdAt: (s) => s._milestone.createdAt,
  updatedAt: (s) => s._milestone.updatedAt,
  url: (s, _a, ctx) => `${ctx.serverUrl}/${s._repo.fullName}/milestone/${s._milestone.number}`,
  resourcePath: (s) => `/${s._repo.fullName}/milestone/${s._milestone.number}`,
  creator: (s, _a, ctx) => actor(ctx, s._milestone.creator),
  repository: (s) => repoView(s._repo),
};

const CommentResolvers: ResolverMap<CommentView> = {
  id: (s) => s._comment.nodeId,
  databaseId: (s) => s._comment.id,
  fullDatabaseId: (s) => String(s._comment.id),
  body: (s) => s._comment.body,
  bodyText: (s) => s._comment.body,
  bodyHTML: (s) => `<p>${escapeHtml(s._comment.body)}</p>`,
  createdAt: (s) => s._comment.createdAt,
  updatedAt: (s) => s._comment.updatedAt,
  publishedAt: (s) => s._comment.createdAt,
  lastEditedAt: (s) =>
    s._comment.updatedAt !== s._comment.createdAt ? s._comment.updatedAt : null,
  author: (s, _a, ctx) => actor(ctx, s._comment.author),
  authorAssociation: (s, _a, ctx) => association(ctx, s._repo, s._comment.author),
  url: (s, _a, ctx) => {
    const i = s._repo.issues.get(s._comment.issueNumber);
    return `${ctx.serverUrl}/${s._repo.fullName}/${i?.pullRequest ? 'pull' : 'issues'}/${s._comment.issueNumber}#issuecomment-${s._comment.id}`;
  },
  isMinimized: () => false,
  minimizedReason: () => null,
  viewerDidAuthor: (s, _a, ctx) =>
    s._comment.author.toLowerCase() === ctx.identity.spec.login.toLowerCase(),
  viewerCanUpdate: (s, _a, ctx) =>
    canWrite(ctx, s._repo.issues.get(s._comment.issueNumber) ?? null),
  viewerCanDelete: (s, _a, ctx) =>
    canWrite(ctx, s._repo.issues.get(s._comment.issueNumber) ?? null),
  viewerCanMinimize: () => false,
  viewerCanReact: () => true,
  viewerCannotUpdateReasons: () => [],
  issue: (s) => {
    const i = s._repo.issues.get(s._comment.issueNumber);
    return i ? issueView(s._repo, i) : null;
  },
  repository: (s) => repoView(s._repo),
};

// ------------------------------------------------------------ root + mutations

function nodeById(ctx: GqlContext, id: unknown): unknown {
  const ref = typeof id === 'string' ? ctx.state.nodes.get(id) : undefined;
  if (!ref) return null;
  switch (ref.kind) {
    case 'Issue':
    case 'PullRequest':
      return issueView(ref.repo, ref.issue);
    case 'IssueComment':
      return commentView(ref.repo, ref.comment);
    case 'Label':
      return labelView(ref.repo, ref.label);
    case 'Milestone':
      return { __typename: 'Milestone', _repo: ref.repo, _milestone: ref.milestone };
    case 'User':
    case 'Bot':
      return userView(ref.user);
    case 'Organization':
      return orgView(ref.owner);
    case 'Repository':
      return repoView(ref.repo);
    case 'Team':
      return { __typename: 'Team', _team: ref.team };
    case 'IssueType':
      return { __typename: 'IssueType', _owner: ref.owner, _type: ref.issueType };
  }
}

function need<T>(ctx: GqlContext, id: unknown, kinds: string[], what = 'node'): T {
  const ref = typeof id === 'string' ? ctx.state.nodes.get(id) : undefined;
  if (!ref || !kinds.includes(ref.kind))
    throw gqlError(
      `Could not resolve to a ${what} with the global id of '${String(id)}'.`,
      'NOT_FOUND',
    );
  return ref as T;
}

type IssueRef = { kind: 'Issue' | 'PullRequest'; repo: EmuRepo; issue: EmuIssue };

function requireWrite(ctx: GqlContext, issue: EmuIssue | null, mutation: string): void {
  if (canWrite(ctx, issue)) return;
  const spec = ctx.identity.spec;
  throw gqlError(
    spec.kind === 'installation'
      ? 'Resource not accessible by integration'
      : `${spec.login} does not have the correct permissions to execute \`${mutation}\``,
    'FORBIDDEN',
  );
}

const BODY_LIMIT = 65536;

function checkBody(body: unknown, what: string): string {
  const text = typeof body === 'string' ? body : '';
  if (text.length > BODY_LIMIT)
    throw gqlError(`${what} is too long (maximum is ${BODY_LIMIT} characters)`, 'UNPROCESSABLE');
  return text;
}

function labelsFromIds(ctx: GqlContext, repo: EmuRepo, ids: unknown): string[] {
  return (Array.isArray(ids) ? ids : []).map((id) => {
    const ref = need<{ kind: 'Label'; repo: EmuRepo; label: EmuLabel }>(
      ctx,
      id,
      ['Label'],
      'Label',
    );
    if (ref.repo !== repo)
      throw gqlError(`Label ${String(id)} does not belong to ${repo.fullName}`, 'UNPROCESSABLE');
    return ref.label.name;
  });
}

function usersFromIds(ctx: GqlContext, repo: EmuRepo, ids: unknown): string[] {
  return (Array.isArray(ids) ? ids : []).map((id) => {
    const ref = need<{ kind: 'User'; user: EmuUser }>(ctx, id, ['User', 'Bot'], 'User');
    if (!ctx.state.canBeAssigned(repo, ref.user.login))
      throw gqlError(
        `${ref.user.login} cannot be assigned to issues in ${repo.fullName}`,
        'UNPROCESSABLE',
      );
    return ref.user.login;
  });
}

function issueTypeFromId(ctx: GqlContext, id: unknown): string | null {
  if (id === null || id === undefined) return null;
  return need<{ kind: 'IssueType'; issueType: EmuIssueType }>(ctx, id, ['IssueType'], 'IssueType')
    .issueType.name;
}

const touch = (i: EmuIssue) => {
  i.updatedAt = isoNow();
};

const QueryResolvers: ResolverMap<unknown> = {
  repository: (_s, args, ctx) => {
    const r = ctx.state.findRepo(`${String(args.owner)}/${String(args.name)}`);
    if (!r || (r.private && ctx.identity.token === null))
      throw gqlError(
        `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
        'NOT_FOUND',
      );
    return repoView(r);
  },
  organization: (_s, args, ctx) => {
    const o = ctx.state.findOwner(String(args.login));
    if (!o || o.type !== 'Organization')
      throw gqlError(
        `Could not resolve to an Organization with the login of '${String(args.login)}'.`,
        'NOT_FOUND',
      );
    return orgView(o);
  },
  user: (_s, args, ctx) => {
    const u = ctx.state.findUser(String(args.login));
    if (!u || u.type !== 'User')
      throw gqlError(
        `Could not resolve to a User with the login of '${String(args.login)}'.`,
        'NOT_FOUND',
      );
    return userView(u);
  },
  repositoryOwner: (_s, args, ctx) => ownerView(ctx, String(args.login)),
  viewer: (_s, _a, ctx) => ({
    __typename: 'User',
    _user: ctx.state.user(ctx.identity.spec.login || 'ghost'),
  }),
  rateLimit: (_s, _a, ctx) => ({ ...ctx.rate }),
  search: (_s, args, ctx) => {
    const type = String(args.type);
    const found =
      type === 'ISSUE' || type === 'ISSUE_ADVANCED'
        ? ctx.state.search(String(args.query), { includePrivate: ctx.identity.token !== null })
        : [];
    return {
      ...connection(found, args, indexKey, (x) => issueView(x.repo, x.issue)),
      issueCount: found.length,
      codeCount: 0,
      discussionCount: 0,
      repositoryCount: 0,
      userCount: 0,
      wikiCount: 0,
    };
  },
  node: (_s, args, ctx) => nodeById(ctx, args.id),
  nodes: (_s, args, ctx) =>
    Array.isArray(args.ids) ? args.ids.map((id) => nodeById(ctx, id)) : [],
};

const MutationResolvers: ResolverMap<unknown> = {
  addComment: (_s, args, ctx) => {
    const input = args.input as Args;
    const ref = need<IssueRef>(ctx, input.subjectId, ['Issue', 'PullRequest'], 'node');
    requireWrite(ctx, ref.issue, 'AddComment');
    const body = checkBody(input.body, 'Body');
    const c = ctx.state.addComment(
      ref.issue.number,
      { body, author: ctx.identity.spec.login || 'ghost', createdAt: isoNow() },
      ref.repo.fullName,
    );
    touch(ref.issue);
    const node = commentView(ref.repo, c);
    return {
      clientMutationId: input.clientMutationId ?? null,
      commentEdge: { cursor: encodeCursor([c.id]), node },
      subject: issueView(ref.repo, ref.issue),
      timelineEdge: null,
    };
  },
  updateIssueComment: (_s, args, ctx) => {
    const input = args.input as Args;
    const ref = need<{ kind: 'IssueComment'; repo: EmuRepo; comment: EmuComment }>(ctx, input.id, [
      'IssueComment',
    ]);
    requireWrite(ctx, ref.repo.issues.get(ref.comment.issueNumber) ?? null, 'UpdateIssueComment');
    ref.comment.body = checkBody(input.body, 'Body');
    ref.comment.updatedAt = isoNow();
    return {
      clientMutationId: input.clientMutationId ?? null,
      issueComment: commentView(ref.repo, ref.comment),
    };
  },
  addLabelsToLabelable: (_s, args, ctx) => {
    const input = args.input as Args;
    const ref = need<IssueRef>(ctx, input.labelableId, ['Issue', 'PullRequest']);
    requireWrite(ctx, ref.issue, 'AddLabelsToLabelable');
    ref.issue.labels = uniqueCi([
      ...ref.issue.labels,
      ...labelsFromIds(ctx, ref.repo, input.labelIds),
    ]);
    touch(ref.issue);
    return {
      clientMutationId: input.clientMutationId ?? null,
      labelable: issueView(ref.repo, ref.issue),
    };
  },
  addAssigneesToAssignable: (_s, args, ctx) => {
    const input = args.input as Args;
    const ref = need<IssueRef>(ctx, input.assignableId, ['Issue', 'PullRequest']);
    requireWrite(ctx, ref.issue, 'AddAssigneesToAssignable');
    ref.issue.assignees = uniqueCi([
      ...ref.issue.assignees,
      ...usersFromIds(ctx, ref.repo, input.assigneeIds),
    ]).slice(0, 10);
    touch(ref.issue);
    return {
      clientMutationId: input.clientMutationId ?? null,
      assignable: issueView(ref.repo, ref.issue),
    };
  },
  createIssue: (_s, args, ctx) => {
    const input = args.input as Args;
    const repo = need<{ kind: 'Repository'; repo: EmuRepo }>(
      ctx,
      input.repositoryId,
      ['Repository'],
      'Repository',
    ).repo;
    requireWrite(ctx, null, 'CreateIssue');
    const milestone =
      input.milestoneId === undefined || input.milestoneId === null
        ? null
        : need<{ kind: 'Milestone'; milestone: EmuMilestone }>(
            ctx,
            input.milestoneId,
            ['Milestone'],
            'Milestone',
          ).milestone.number;
    const issue = ctx.state.addIssue({
      repo: repo.fullName,
      title: String(input.title),
      body: checkBody(input.body, 'Body'),
      author: ctx.identity.spec.login || 'ghost',
      labels: labelsFromIds(ctx, repo, input.labelIds),
      assignees: usersFromIds(ctx, repo, input.assigneeIds),
      milestone,
      issueType: issueTypeFromId(ctx, input.issueTypeId),
      createdAt: isoNow(),
    });
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(repo, issue) };
  },
  updateIssue: (_s, args, ctx) => {
    const input = args.input as Args;
    const ref = need<IssueRef>(ctx, input.id, ['Issue'], 'Issue');
    requireWrite(ctx, ref.issue, 'UpdateIssue');
    const i = ref.issue;
    if (typeof input.title === 'string') i.title = input.title;
    if (typeof input.body === 'string') i.body = checkBody(input.body, 'Body');
    if (input.labelIds !== undefined && input.labelIds !== null)
      i.labels = labelsFromIds(ctx, ref.repo, input.labelIds);
    if (input.assigneeIds !== undefined && input.assigneeIds !== null)
      i.assignees = usersFromIds(ctx, ref.repo, input.assigneeIds);
    if (input.milestoneId !== undefined)
      i.milestone =
        input.milestoneId === null
          ? null
          : need<{ kind: 'Milestone'; milestone: EmuMilestone }>(
              ctx,
              input.milestoneId,
              ['Milestone'],
              'Milestone',
            ).milestone.number;
    if (input.issueTypeId !== undefined) i.issueType = issueTypeFromId(ctx, input.issueTypeId);
    if (input.state === 'OPEN' || input.state === 'CLOSED') {
      const next = input.state === 'OPEN' ? 'open' : 'closed';
      if (next !== i.state) {
        i.state = next;
        i.closedAt = next === 'closed' ? isoNow() : null;
        i.stateReason = next === 'closed' ? 'completed' : 'reopened';
      }
    }
    touch(i);
    return { clientMutationId: input.clientMutationId ?? null, issue: issueView(ref.repo, i) };
  },
  updateIssueIssueType: (_s, args, ctx) => {
    const input = args.input as Args;
    const ref = need<IssueRef>(ctx, input.issueId, ['Issue'], 'Issue');
    requireWrite(ctx, ref.issue, 'UpdateIssueIssueType');
    ref.issue.issueType = issueTypeFromId(ctx, input.issueTypeId);
    touch(ref.issue);
    return {
      clientMutationId: input.clientMutationId ?? null,
      issue: issueView(ref.repo, ref.issue),
    };
  },
};

const RESOLVERS: Record<string, ResolverMap<never>> = {
  Query: QueryResolvers,
  Mutation: MutationResolvers,
  Repository: RepositoryResolvers,
  Issue: IssueResolvers,
  PullRequest: PullRequestResolvers,
  User: userResolvers,
  Bot: userResolvers,
  Organization: OrganizationResolvers,
  Team: TeamResolvers,
  Label: LabelResolvers,
  Milestone: MilestoneResolvers,
  IssueType: IssueTypeResolvers,
  IssueComment: CommentResolvers,
};

const fieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, ctx, info) => {
  const r = RESOLVERS[info.parentType.name]?.[info.fieldName];
  if (r) return r(source as never, args, ctx, info);
  if (source && typeof source === 'object' && info.fieldName in source) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  ctx.unsupported.add(`${info.parentType.name}.${info.fieldName}`);
  return null;
};

/** Executes an analysed (valid) request. */
export function run(schema: GraphQLSchema, a: Analysis, ctx: GqlContext): ExecutionResult {
  if (!a.document) throw new Error('run() needs a parsed document');
  return execute({
    schema,
    document: a.document,
    variableValues: a.variables,
    operationName: a.operationName ?? undefined,
    contextValue: ctx,
    fieldResolver,
  }) as ExecutionResult;
}

/** Which repository a GraphQL request reads `repository.issues` of (for page-based faults). */
export function backlogPage(state: EmuState, a: Analysis): number | null {
  const issuesArgs = a.fieldArgs.get('repository.issues');
  const repoArgs = a.fieldArgs.get('repository');
  if (!issuesArgs || !repoArgs) return null;
  const repo = state.findRepo(`${String(repoArgs.owner)}/${String(repoArgs.name)}`);
  return repo ? pageOf(repo, issuesArgs) : null;
}
