// The GitHub API emulator: an HTTP server on 127.0.0.1 serving REST (checked against GitHub's
// OpenAPI description) and GraphQL (validated against GitHub's schema) over an in-memory
// state, with rate-limit headers, token permissions, fault injection, optional latency and a
// log of every request. Start it from a test or a script:
//
//   const emu = await startEmulator({ latencyMs: 20 });
//   emu.seedBacklog(250, { pullRequests: 50 });
//   spawn(process.execPath, ['dist/index.js'], { env: { ...process.env, ...emu.env() } });
//   ...
//   expect(emu.validationErrors).toEqual([]);
//   await emu.stop();

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { CacheService } from './cache-service.js';
import { Faults, type Fault, type FaultContext } from './faults.js';
import {
  analyze,
  backlogPage,
  formatError,
  githubSchema,
  run,
  type GqlContext,
} from './graphql.js';
import { loadOpenApi, type OpenApi, type RouteInfo } from './openapi.js';
import { Permissions, type Identity, type TokenPreset, type TokenSpec } from './permissions.js';
import {
  RateLimits,
  rateHeaders,
  remaining,
  type Bucket,
  type Resource,
  type TokenClass,
} from './ratelimit.js';
import { HANDLERS, HttpError, unalias, type RestContext, type RestResult } from './rest.js';
import {
  EmuState,
  type EmuComment,
  type EmuIssue,
  type EmuIssueType,
  type EmuLabel,
  type EmuMilestone,
  type EmuRepo,
  type EmuTeam,
  type IssueSpec,
  type PullRequestSpec,
  type RepoSpec,
  type SeedOptions,
  type SeedResult,
  touchState,
} from './state.js';

export interface EmulatorOptions {
  /** Delay before each answer, in ms (simulated round trip). Default 0. */
  latencyMs?: number;
  /** Default repository `owner/name` (created). Default `acme/widgets`. */
  repo?: string;
  /** Base of html_url / url fields. Default `https://github.com`. */
  serverUrl?: string;
  /** GitHub Enterprise Server URL layout: `url` ends in `/api/v3`, `graphqlUrl` is `/api/graphql`. */
  enterprise?: boolean;
  /** Check every REST answer against the OpenAPI response schema (emulator self-check). Default true. */
  checkResponses?: boolean;
  /** When given, only these tokens are valid (others answer 401). */
  tokens?: Record<string, TokenPreset | Partial<TokenSpec>>;
  port?: number;
}

export interface GraphqlRecord {
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  /** Every selected field path: `repository`, `repository.issues`, `repository.issues.nodes.title`, ... */
  fields: string[];
  mutation: boolean;
  cost: number;
  nodeCount: number;
}

export interface RequestRecord {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** Path without query and GHES prefix, as requested (may be a `/repositories/{id}/...` link). */
  path: string;
  /** OpenAPI template the request matched (`/repos/{owner}/{repo}/issues`); null for GraphQL / unknown. */
  route: string | null;
  operationId: string | null;
  query: Record<string, string>;
  /** Parsed JSON body (or the raw text when it was not JSON); undefined when empty. */
  body: unknown;
  /** Token from the Authorization header; null when anonymous. */
  token: string | null;
  graphql?: GraphqlRecord;
  status: number;
  /** Kind of fault that answered this request, if any. */
  fault?: string;
  /** Arrival time (epoch ms). */
  at: number;
  /** Arrival to answer, latency included. */
  durationMs: number;
}

export type ValidationKind =
  | 'rest-route'
  | 'rest-query'
  | 'rest-body'
  | 'rest-response'
  | 'unimplemented'
  | 'graphql-syntax'
  | 'graphql-validation'
  | 'graphql-variables'
  | 'graphql-pagination'
  | 'bad-json';

export interface ValidationError {
  kind: ValidationKind;
  seq: number;
  method: string;
  path: string;
  message: string;
  /** GraphQL query text (graphql-* kinds). */
  query?: string;
}

export type RequestFilter =
  | {
      method?: string;
      /** OpenAPI template, e.g. `/repos/{owner}/{repo}/issues`. */
      route?: string;
      path?: string | RegExp;
      /** true: GraphQL requests; string: operation name or selected field path. */
      graphql?: boolean | string;
      status?: number;
    }
  | ((r: RequestRecord) => boolean);

const API_VERSION = '2022-11-28';
const DOCS = 'https://docs.github.com/rest';
const GRAPHQL_DOCS = 'https://docs.github.com/graphql';

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Validation Failed',
  429: 'Too Many Requests',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  text?: string;
  contentType?: string;
  fault?: string;
  destroy?: boolean;
  /** Never answer: keep the connection open until the client gives up or the emulator stops. */
  hang?: boolean;
}

export class Emulator {
  readonly state: EmuState;
  readonly faults = new Faults();
  readonly permissions = new Permissions();
  readonly rateLimits = new RateLimits();
  /** The Actions cache service (@actions/cache), on the same port: see cache-service.ts. */
  readonly cache = new CacheService();
  readonly requests: RequestRecord[] = [];
  readonly validationErrors: ValidationError[] = [];
  /** GraphQL `Type.field`s that were selected but have no resolver (answered null). */
  readonly unsupportedFields = new Set<string>();
  /** Concurrency seen by the server (the action's requests should be serial: maxInFlight 1). */
  readonly stats = { inFlight: 0, maxInFlight: 0 };
  latencyMs: number;
  checkResponses: boolean;
  readonly serverUrl: string;
  readonly openapi: OpenApi;
  readonly schema: GraphQLSchema;
  /** Types / fields the emulator added to @octokit/graphql-schema. */
  readonly schemaAdditions: string[];
  private readonly server: Server;
  private readonly enterprise: boolean;
  private seq = 0;
  private origin = '';
  /** Request headers by sequence number while the request is being answered (echo faults). */
  private readonly headersOf = new Map<number, IncomingMessage['headers']>();
  /** Requests a `hang` fault holds, not yet taken by `nextHeld()`, and its waiters. */
  private readonly held: RequestRecord[] = [];
  private readonly heldWaiters: ((rec: RequestRecord) => void)[] = [];

  constructor(opts: EmulatorOptions = {}) {
    this.state = new EmuState(opts.repo ?? 'acme/widgets');
    this.latencyMs = opts.latencyMs ?? 0;
    this.checkResponses = opts.checkResponses ?? true;
    this.serverUrl = (opts.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
    this.enterprise = opts.enterprise ?? false;
    if (opts.tokens) this.permissions.only(opts.tokens);
    this.openapi = loadOpenApi();
    const gs = githubSchema();
    this.schema = gs.schema;
    this.schemaAdditions = gs.added;
    this.server = createServer((req, res) => {
      // Not GitHub's API: not logged with its requests, not validated against its schema.
      const handler = CacheService.handles(req.url)
        ? this.cache.handle(req, res, this.origin)
        : this.handle(req, res);
      handler.catch((e: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(
            JSON.stringify({
              message: `emulator error: ${e instanceof Error ? e.stack : String(e)}`,
            }),
          );
        }
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  /** @internal */
  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const { port: p } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${p}`;
  }

  /** The runner's variables for the Actions cache service (ACTIONS_RESULTS_URL, ...). */
  cacheEnv(): Record<string, string> {
    return this.cache.env(this.origin);
  }

  /** A GitHub Enterprise Server job's variables for the cache service (v1, ACTIONS_CACHE_URL). */
  enterpriseCacheEnv(): Record<string, string> {
    return this.cache.enterpriseEnv(this.origin);
  }

  /** REST base (GITHUB_API_URL). */
  get url(): string {
    return this.enterprise ? `${this.origin}/api/v3` : this.origin;
  }

  /** GraphQL endpoint (GITHUB_GRAPHQL_URL). */
  get graphqlUrl(): string {
    return this.enterprise ? `${this.origin}/api/graphql` : `${this.origin}/graphql`;
  }

  get port(): number {
    return Number(new URL(this.origin).port);
  }

  /** The default repository (a mutable view: cached issue lists are dropped, see touchState). */
  get repo(): EmuRepo {
    touchState();
    return this.state.resolveRepo();
  }

  /** Environment for running the action against the emulator. */
  env(extra: { token?: string } = {}): Record<string, string> {
    const r = this.repo;
    return {
      GITHUB_API_URL: this.url,
      GITHUB_GRAPHQL_URL: this.graphqlUrl,
      GITHUB_SERVER_URL: this.serverUrl,
      GITHUB_REPOSITORY: r.fullName,
      GITHUB_REPOSITORY_OWNER: r.owner,
      ...(extra.token ? { GITHUB_TOKEN: extra.token, 'INPUT_GITHUB-TOKEN': extra.token } : {}),
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------ state helpers (default repo)

  addRepo(fullName: string, spec?: RepoSpec): EmuRepo {
    return this.state.addRepo(fullName, spec);
  }
  addIssue(spec: IssueSpec = {}): EmuIssue {
    return this.state.addIssue(spec);
  }
  addPullRequest(spec: PullRequestSpec = {}): EmuIssue {
    return this.state.addPullRequest(spec);
  }
  addComment(
    issueNumber: number,
    spec: { body: string; author?: string; createdAt?: string },
    repo?: string,
  ): EmuComment {
    return this.state.addComment(issueNumber, spec, repo);
  }
  addLabel(name: string, opts?: Parameters<EmuState['addLabel']>[1]): EmuLabel {
    return this.state.addLabel(name, opts);
  }
  addMilestone(title: string, opts?: Parameters<EmuState['addMilestone']>[1]): EmuMilestone {
    return this.state.addMilestone(title, opts);
  }
  addIssueType(name: string, opts?: Parameters<EmuState['addIssueType']>[1]): EmuIssueType {
    return this.state.addIssueType(name, opts);
  }
  renameIssueType(from: string, to: string, opts?: { owner?: string }): EmuIssueType {
    return this.state.renameIssueType(from, to, opts);
  }
  addTeam(
    org: string,
    slug: string,
    members: string[] = [],
    opts?: Parameters<EmuState['addTeam']>[3],
  ): EmuTeam {
    return this.state.addTeam(org, slug, members, opts);
  }
  setFile(path: string, text: string, ref?: string, repo?: string): void {
    this.state.setFile(path, text, ref, repo);
  }
  seedBacklog(n: number, opts?: SeedOptions): SeedResult {
    return this.state.seedBacklog(n, opts);
  }
  issue(number: number, repo?: string): EmuIssue | undefined {
    return this.state.issue(number, repo);
  }

  // ------------------------------------------------------------ log queries

  /** Requests matching a filter (all when omitted). */
  filter(f?: RequestFilter): RequestRecord[] {
    if (!f) return [...this.requests];
    if (typeof f === 'function') return this.requests.filter(f);
    return this.requests.filter((r) => {
      if (f.method && r.method !== f.method.toUpperCase()) return false;
      if (f.route !== undefined && r.route !== f.route) return false;
      if (
        f.path !== undefined &&
        (typeof f.path === 'string' ? r.path !== f.path : !f.path.test(r.path))
      )
        return false;
      if (f.status !== undefined && r.status !== f.status) return false;
      if (f.graphql !== undefined) {
        if (f.graphql === false) return !r.graphql;
        if (!r.graphql) return false;
        if (typeof f.graphql === 'string')
          return r.graphql.operationName === f.graphql || r.graphql.fields.includes(f.graphql);
      }
      return true;
    });
  }

  count(f?: RequestFilter): number {
    return this.filter(f).length;
  }

  /** GraphQL requests, optionally those with this operation name or selecting this field path. */
  graphqlCount(nameOrField?: string): number {
    return this.count({ graphql: nameOrField ?? true });
  }

  /** REST non-GET requests and GraphQL mutations (attempts; check `status` for outcomes). */
  writes(): RequestRecord[] {
    return this.requests.filter((r) =>
      r.graphql ? r.graphql.mutation : r.method !== 'GET' && r.method !== 'HEAD',
    );
  }

  /**
   * The next request a `hang` fault holds without an answer (at once if one is held and not
   * yet taken): a test fires the client's timeout then, on its fake clock, instead of
   * waiting for it in real time.
   */
  nextHeld(): Promise<RequestRecord> {
    const held = this.held.shift();
    if (held) return Promise.resolve(held);
    return new Promise((resolve) => this.heldWaiters.push(resolve));
  }

  /**
   * Forgets logged requests, validation errors, unsupported fields, held requests not taken
   * and the waiters of `nextHeld()` (a failed test's waiter would take the next test's held
   * request). State is kept.
   */
  clearLog(): void {
    this.held.length = 0;
    this.heldWaiters.length = 0;
    this.requests.length = 0;
    this.validationErrors.length = 0;
    this.unsupportedFields.clear();
  }

  /** Throws a readable error when any request failed validation. */
  assertNoValidationErrors(): void {
    if (this.validationErrors.length === 0) return;
    const lines = this.validationErrors.map(
      (v) => `#${v.seq} ${v.method} ${v.path} [${v.kind}] ${v.message}`,
    );
    throw new Error(`GitHub emulator validation errors:\n${lines.join('\n')}`);
  }

  // ------------------------------------------------------------ request handling

  private invalid(kind: ValidationKind, rec: RequestRecord, message: string, query?: string): void {
    this.validationErrors.push({
      kind,
      seq: rec.seq,
      method: rec.method,
      path: rec.path,
      message,
      query,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const seq = ++this.seq;
    let hung = false;
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      if (this.latencyMs > 0) await sleep(this.latencyMs);

      const url = new URL(req.url ?? '/', 'http://emulator');
      let path = url.pathname.replace(/\/+$/, '') || '/';
      let prefix = '';
      if (path === '/api/graphql') path = '/graphql';
      else if (path.startsWith('/api/v3/') || path === '/api/v3') {
        prefix = '/api/v3';
        path = path.slice(7) || '/';
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      let body: unknown = undefined;
      let badJson = false;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw) as unknown;
        } catch {
          body = raw;
          badJson = true;
        }
      }
      const auth = this.permissions.identify(req.headers.authorization);
      const rec: RequestRecord = {
        seq,
        method,
        path,
        route: null,
        operationId: null,
        query,
        body,
        token: auth && auth !== 'anonymous' ? auth.token : null,
        status: 0,
        at,
        durationMs: 0,
      };
      this.requests.push(rec);
      this.headersOf.set(seq, req.headers);
      const apiBase = `http://${req.headers.host ?? new URL(this.origin).host}${prefix}`;

      // A write changes what the cached issue lists were built from (state.ts touchState):
      // before it (GraphQL: once the operation is known to be a mutation) and after it.
      const writes = path !== '/graphql' && method !== 'GET' && method !== 'HEAD';
      if (writes) touchState();
      const answer =
        path === '/graphql'
          ? await this.graphql(rec, method, body, badJson, auth)
          : await this.rest(rec, method, path, url.searchParams, body, badJson, auth, apiBase, req);
      if (writes || rec.graphql?.mutation) touchState();

      rec.status = answer.status;
      if (answer.fault) rec.fault = answer.fault;
      rec.durationMs = Date.now() - at;
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      if (answer.hang) {
        // A connection that never answers: held until the client aborts it (its timeout) or
        // the emulator stops (closeAllConnections). Not counted as in flight from here: the
        // server learns of the client's abort only after its socket closes, which may be
        // after the client's next (serial) attempt arrived.
        this.stats.inFlight--;
        hung = true;
        await new Promise<void>((resolve) => {
          if (req.socket.destroyed) return resolve();
          req.socket.once('close', () => resolve());
          // Held from here (a request whose client already gave up is not).
          const waiter = this.heldWaiters.shift();
          if (waiter) waiter(rec);
          else this.held.push(rec);
        });
        rec.durationMs = Date.now() - at;
        return;
      }
      const headers: Record<string, string> = {
        server: 'GitHub.com',
        date: new Date().toUTCString(),
        'x-github-api-version-selected': String(req.headers['x-github-api-version'] ?? API_VERSION),
        'x-github-media-type': 'github.v3; format=json',
        'x-github-request-id': `${randomBytes(4).toString('hex').toUpperCase()}:${seq.toString(16).toUpperCase()}`,
        'access-control-expose-headers':
          'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
        ...answer.headers,
      };
      if (answer.status === 204 || answer.status === 304) {
        res.writeHead(answer.status, headers);
        res.end();
      } else if (answer.text !== undefined) {
        res.writeHead(answer.status, {
          ...headers,
          'content-type': answer.contentType ?? 'text/plain; charset=utf-8',
        });
        res.end(answer.text);
      } else {
        res.writeHead(answer.status, {
          ...headers,
          'content-type': 'application/json; charset=utf-8',
        });
        res.end(JSON.stringify(answer.body ?? {}));
      }
    } finally {
      this.headersOf.delete(seq);
      if (!hung) this.stats.inFlight--;
    }
  }

  private readonly barriers = new Map<
    number,
    { arrived: number; release: Promise<void>; open: () => void }
  >();

  /** Resolves once `f.spec.times` requests reached the barrier, or after `delayMs`. */
  private meet(f: Fault): Promise<void> {
    let b = this.barriers.get(f.id);
    if (!b) {
      let open = (): void => undefined;
      const release = new Promise<void>((resolve) => (open = resolve));
      b = { arrived: 0, release, open };
      this.barriers.set(f.id, b);
    }
    b.arrived++;
    if (b.arrived >= (f.spec.times ?? 1)) b.open();
    const timer = sleep(f.spec.delayMs ?? 10_000);
    return Promise.race([b.release, timer]);
  }

  private tokenClass(auth: Identity | 'anonymous' | null): TokenClass {
    return !auth || auth === 'anonymous' ? 'anonymous' : auth.spec.kind;
  }

  private errorBody(
    status: number,
    message: string,
    docs: string,
    extra: Record<string, unknown> = {},
  ): unknown {
    return { message, ...extra, documentation_url: docs, status: String(status) };
  }

  private async applyFault(
    f: Fault,
    ctx: FaultContext,
    bucket: Bucket,
    resource: Resource,
    docs: string,
  ): Promise<Answer | null> {
    const s = f.spec;
    const kind = s.kind ?? 'status';
    const headers: Record<string, string> = {
      ...rateHeaders(bucket, resource),
      ...(s.headers ?? {}),
    };
    if (s.retryAfter !== undefined) headers['retry-after'] = String(s.retryAfter);
    const exhausted = () => {
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-used'] = String(bucket.limit);
      headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (s.resetIn ?? 1));
    };
    switch (kind) {
      case 'network':
        return { status: 0, headers, destroy: true, fault: kind };
      case 'hang':
        return { status: 0, headers, hang: true, fault: kind };
      case 'barrier': {
        // Not an in-flight request of the action's while it waits for the other client.
        this.stats.inFlight--;
        try {
          await this.meet(f);
        } finally {
          this.stats.inFlight++;
        }
        return null;
      }
      case 'echo-headers': {
        // A misbehaving server or proxy that puts the request's headers in its error body.
        const status = s.status ?? 400;
        const sent = this.headersOf.get(ctx.seq) ?? {};
        const lines = Object.entries(sent).map(([k, v]) => `${k}: ${String(v)}`);
        return {
          status,
          headers,
          fault: kind,
          body: this.errorBody(
            status,
            `${s.message ?? 'Bad request'}; request headers were:\n${lines.join('\n')}`,
            docs,
            { request: { headers: sent } },
          ),
        };
      }
      case 'delay':
        await sleep(s.delayMs ?? 0);
        return null;
      case 'graphql-rate-limited':
        exhausted();
        return {
          status: s.status ?? 200,
          headers,
          fault: kind,
          body: s.body ?? {
            errors: [
              {
                type: 'RATE_LIMITED',
                message: s.message ?? 'API rate limit already exceeded for installation ID 1.',
              },
            ],
          },
        };
      case 'graphql-error':
        return {
          status: s.status ?? 200,
          headers,
          fault: kind,
          body: s.body ?? { data: null, errors: s.errors ?? [] },
        };
      case 'primary-rate-limit': {
        exhausted();
        if (ctx.graphql && s.status === undefined)
          return {
            status: 200,
            headers,
            fault: kind,
            body: s.body ?? {
              errors: [
                {
                  type: 'RATE_LIMITED',
                  message: s.message ?? 'API rate limit already exceeded for installation ID 1.',
                },
              ],
            },
          };
        const status = s.status ?? 403;
        return {
          status,
          headers,
          fault: kind,
          body:
            s.body ??
            this.errorBody(
              status,
              s.message ??
                'API rate limit exceeded for installation ID 1. If you reach out to GitHub Support for help, please include the request ID.',
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
            ),
        };
      }
      case 'secondary-rate-limit': {
        const status = s.status ?? 403;
        headers['retry-after'] ??= String(s.retryAfter ?? 1);
        return {
          status,
          headers,
          fault: kind,
          body:
            s.body ??
            this.errorBody(
              status,
              s.message ??
                'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later. If you reach out to GitHub Support for help, please include the request ID.',
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            ),
        };
      }
      case 'status': {
        const status = s.status ?? 500;
        return {
          status,
          headers,
          fault: kind,
          body:
            s.body ?? this.errorBody(status, s.message ?? STATUS_MESSAGES[status] ?? 'Error', docs),
        };
      }
    }
  }

  private rateLimitOverview(cls: TokenClass): Record<string, unknown> {
    const one = (r: Resource) => {
      const b = this.rateLimits.bucket(cls, r);
      return { limit: b.limit, used: b.used, remaining: remaining(b), reset: b.reset };
    };
    const core = one('core');
    return { resources: { core, graphql: one('graphql'), search: one('search') }, rate: core };
  }

  private async rest(
    rec: RequestRecord,
    method: string,
    path: string,
    search: URLSearchParams,
    body: unknown,
    badJson: boolean,
    auth: Identity | 'anonymous' | null,
    apiBase: string,
    req: IncomingMessage,
  ): Promise<Answer> {
    const cls = this.tokenClass(auth);
    // GitHub's own pagination links use /repositories/{id}/... : accept them like GitHub.
    const aliased = /^\/(repositories|organizations)\/\d+/.test(path);
    const target = aliased ? unalias(this.state, path) : path;
    const matched = target ? this.openapi.match(method, target) : null;
    let route: RouteInfo | null = null;
    let params: Record<string, string> = {};
    if (matched?.ok) {
      route = matched.match.route;
      params = matched.match.params;
      rec.route = route.template;
      rec.operationId = route.operationId;
    }
    const resource: Resource = route?.category === 'search' ? 'search' : 'core';
    const bucket = this.rateLimits.bucket(cls, resource);
    const docs = route?.docsUrl ?? DOCS;

    if (!route) {
      if (!(aliased && target === null)) {
        const allowed = matched && !matched.ok ? matched.allowed : [];
        this.invalid(
          'rest-route',
          rec,
          allowed.length
            ? `${method} ${path}: GitHub's REST API only has ${allowed.join(', ')} on this path`
            : `${method} ${path} is not a route of GitHub's REST API (api.github.com OpenAPI ${this.openapi.version})`,
        );
      }
      return {
        status: 404,
        headers: rateHeaders(bucket, resource),
        body: this.errorBody(404, 'Not Found', DOCS),
      };
    }

    // Query parameters the operation does not declare are ignored by GitHub, which hides bugs.
    for (const [k, v] of search) {
      const schema = route.queryParams.get(k);
      if (!schema) {
        this.invalid(
          'rest-query',
          rec,
          `unknown query parameter "${k}" for ${method} ${route.template}`,
        );
      } else if (Array.isArray(schema.enum) && !schema.enum.includes(v)) {
        this.invalid(
          'rest-query',
          rec,
          `query parameter ${k}=${v} is not one of ${JSON.stringify(schema.enum)}`,
        );
      }
    }

    const page =
      route.template === '/repos/{owner}/{repo}/issues' ? Number(search.get('page') ?? 1) : null;
    const fctx: FaultContext = {
      seq: rec.seq,
      method,
      path,
      route: route.template,
      query: rec.query,
      body,
      graphql: null,
      page,
    };
    const fault = this.faults.take(fctx);
    if (fault) {
      const a = await this.applyFault(fault, fctx, bucket, resource, docs);
      if (a) return a;
    }

    if (auth === null)
      return {
        status: 401,
        headers: rateHeaders(bucket, resource),
        body: this.errorBody(401, 'Bad credentials', DOCS),
      };
    if (auth === 'anonymous' && !this.permissions.allowAnonymous)
      return {
        status: 401,
        headers: rateHeaders(bucket, resource),
        body: this.errorBody(401, 'Requires authentication', docs),
      };
    const identity = auth === 'anonymous' ? null : auth;
    if (identity?.spec.kind === 'installation' && !route.enabledForGitHubApps)
      return {
        status: 403,
        headers: rateHeaders(bucket, resource),
        body: this.errorBody(403, 'Resource not accessible by integration', docs),
      };

    // Primary rate limit (GET /rate_limit is free).
    if (route.template !== '/rate_limit') {
      if (remaining(bucket) <= 0) {
        return {
          status: 403,
          headers: rateHeaders(bucket, resource),
          body: this.errorBody(
            403,
            `API rate limit exceeded for ${identity ? `${identity.spec.kind === 'installation' ? 'installation' : 'user'} ID 1` : '127.0.0.1'}.`,
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
          ),
        };
      }
      bucket.used++;
    }
    const headers = rateHeaders(bucket, resource);

    if (badJson) {
      this.invalid('bad-json', rec, 'request body is not JSON');
      return { status: 400, headers, body: this.errorBody(400, 'Problems parsing JSON', docs) };
    }
    if (route.requestBody && body !== undefined) {
      // Add labels also takes a bare array of names (documented in the description text).
      const checked =
        route.operationId === 'issues/add-labels' && Array.isArray(body) ? { labels: body } : body;
      const issues = this.openapi.validate(checked, route.requestBody, 'request');
      if (issues.length > 0) {
        const message = `Invalid request.\n\n${issues.map((i) => i.message).join('\n')}`;
        this.invalid('rest-body', rec, message);
        return { status: 422, headers, body: this.errorBody(422, message, docs) };
      }
    } else if (route.requestBody && route.requestBodyRequired && body === undefined) {
      this.invalid('rest-body', rec, 'request body is required');
      return { status: 400, headers, body: this.errorBody(400, 'Problems parsing JSON', docs) };
    }

    const handler = HANDLERS[`${method} ${route.template}`];
    if (!handler) {
      this.invalid(
        'unimplemented',
        rec,
        `${method} ${route.template} (${route.operationId}) is valid but not emulated`,
      );
      return { status: 404, headers, body: this.errorBody(404, 'Not Found', docs) };
    }
    const ctx: RestContext = {
      state: this.state,
      identity,
      apiBase,
      serverUrl: this.serverUrl,
      route,
      params,
      query: search,
      body,
      accept: String(req.headers.accept ?? ''),
      rateLimitOverview: () => this.rateLimitOverview(cls),
    };
    let result: RestResult;
    try {
      result = handler(ctx);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      return {
        status: e.status,
        headers: { ...headers, ...e.headers },
        body: this.errorBody(e.status, e.message, docs, e.extra),
      };
    }
    if (this.checkResponses && result.body !== undefined && result.text === undefined) {
      const schema = route.responses.get(String(result.status));
      if (schema) {
        const issues = this.openapi.validate(result.body, schema, 'response');
        for (const i of issues)
          this.invalid(
            'rest-response',
            rec,
            `emulator answer does not match the OpenAPI schema: ${i.path}: ${i.message}`,
          );
      }
    }
    return {
      status: result.status,
      headers: { ...headers, ...(result.headers ?? {}) },
      body: result.body,
      text: result.text,
      contentType: result.contentType,
    };
  }

  private async graphql(
    rec: RequestRecord,
    method: string,
    body: unknown,
    badJson: boolean,
    auth: Identity | 'anonymous' | null,
  ): Promise<Answer> {
    const cls = this.tokenClass(auth);
    const bucket = this.rateLimits.bucket(cls, 'graphql');
    if (method !== 'POST') {
      this.invalid('rest-route', rec, `${method} /graphql: GitHub's GraphQL API only answers POST`);
      return {
        status: 404,
        headers: rateHeaders(bucket, 'graphql'),
        body: this.errorBody(404, 'Not Found', GRAPHQL_DOCS),
      };
    }
    if (badJson || !body || typeof body !== 'object') {
      this.invalid('bad-json', rec, 'GraphQL request body is not a JSON object');
      return {
        status: 400,
        headers: rateHeaders(bucket, 'graphql'),
        body: this.errorBody(400, 'Problems parsing JSON', GRAPHQL_DOCS),
      };
    }
    const b = body as Record<string, unknown>;
    const a = analyze(this.schema, b.query, b.variables, b.operationName);
    rec.graphql = {
      operationName: a.operationName,
      query: typeof b.query === 'string' ? b.query : '',
      variables: (b.variables && typeof b.variables === 'object' ? b.variables : {}) as Record<
        string,
        unknown
      >,
      fields: a.fields,
      mutation: a.kind === 'mutation',
      cost: a.cost,
      nodeCount: a.nodeCount,
    };
    if (a.kind === 'mutation') touchState();
    const fctx: FaultContext = {
      seq: rec.seq,
      method,
      path: rec.path,
      route: null,
      query: rec.query,
      body,
      graphql: {
        operationName: a.operationName,
        fields: a.fields,
        mutation: a.kind === 'mutation',
      },
      // Only worth computing (it lists the backlog) when a fault could use it.
      page:
        a.errors.length === 0 && this.faults.pending().length > 0
          ? backlogPage(this.state, a)
          : null,
    };
    const fault = this.faults.take(fctx);
    if (fault) {
      const answer = await this.applyFault(fault, fctx, bucket, 'graphql', GRAPHQL_DOCS);
      if (answer) return answer;
    }
    if (auth === null)
      return {
        status: 401,
        headers: rateHeaders(bucket, 'graphql'),
        body: this.errorBody(401, 'Bad credentials', GRAPHQL_DOCS),
      };
    if (auth === 'anonymous')
      return {
        status: 401,
        headers: rateHeaders(bucket, 'graphql'),
        body: this.errorBody(
          401,
          'This endpoint requires you to be authenticated.',
          'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
        ),
      };
    if (a.errors.length > 0) {
      for (const e of a.errors)
        this.invalid(a.errorKind ?? 'graphql-validation', rec, e.message, rec.graphql.query);
      return {
        status: 200,
        headers: rateHeaders(bucket, 'graphql'),
        body: { errors: a.errors.map(formatError) },
      };
    }
    if (remaining(bucket) < a.cost) {
      return {
        status: 200,
        headers: rateHeaders(bucket, 'graphql'),
        body: {
          errors: [
            {
              type: 'RATE_LIMITED',
              message: `API rate limit already exceeded for ${auth.spec.kind === 'installation' ? 'installation' : 'user'} ID 1.`,
            },
          ],
        },
      };
    }
    bucket.used += a.cost;
    const ctx: GqlContext = {
      state: this.state,
      identity: auth,
      serverUrl: this.serverUrl,
      unsupported: this.unsupportedFields,
      rate: {
        cost: a.cost,
        limit: bucket.limit,
        remaining: remaining(bucket),
        used: bucket.used,
        resetAt: new Date(bucket.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        nodeCount: a.nodeCount,
      },
    };
    const result = run(this.schema, a, ctx);
    const out: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors?.length) out.errors = result.errors.map(formatError);
    return { status: 200, headers: rateHeaders(bucket, 'graphql'), body: out };
  }
}

/** Starts an emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emu = new Emulator(opts);
  await emu.listen(opts.port ?? 0);
  return emu;
}
