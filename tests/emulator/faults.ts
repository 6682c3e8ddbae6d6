// Fault injection: the next N requests matching a predicate get a failure instead of their
// normal answer (status codes with GitHub-shaped bodies, primary / secondary rate limits,
// GraphQL RATE_LIMITED errors in an HTTP 200, dropped connections, extra latency).

export interface FaultContext {
  /** Sequence number of the request (1-based). */
  seq: number;
  method: string;
  /** Path without query string and without a GHES `/api/v3` prefix. */
  path: string;
  /** OpenAPI template (`/repos/{owner}/{repo}/issues`) or null (GraphQL / unknown route). */
  route: string | null;
  query: Record<string, string>;
  body: unknown;
  graphql: { operationName: string | null; fields: string[]; mutation: boolean } | null;
  /**
   * Backlog page being read: REST `page` of GET /repos/{owner}/{repo}/issues, or for GraphQL
   * `repository.issues` the page the `after` cursor points into (1 = first page).
   */
  page: number | null;
}

export type RequestMatch =
  | {
      method?: string;
      /** OpenAPI template, e.g. `/repos/{owner}/{repo}/issues`, or a RegExp tested on it. */
      route?: string | RegExp;
      path?: string | RegExp;
      /** true = any GraphQL request; a string = operation name or selected field path (`repository.issues`). */
      graphql?: boolean | string;
      /** REST non-GET requests and GraphQL mutations. */
      write?: boolean;
      page?: number;
    }
  | ((ctx: FaultContext) => boolean);

export type FaultKind =
  /** HTTP `status` with a GitHub-shaped JSON body. */
  | 'status'
  /** Primary rate limit: 403 (or `status`), x-ratelimit-remaining 0 and a reset time; GraphQL gets RATE_LIMITED in a 200. */
  | 'primary-rate-limit'
  /** Secondary rate limit: 403 (or 429) with `retry-after`. */
  | 'secondary-rate-limit'
  /** GraphQL: HTTP 200 with errors [{ type: 'RATE_LIMITED' }]. */
  | 'graphql-rate-limited'
  /** GraphQL: HTTP 200 with the given `errors` and `data: null`. */
  | 'graphql-error'
  /** The connection is destroyed without an answer (ECONNRESET on the client). */
  | 'network'
  /** Extra latency (`delayMs`), then the normal answer. */
  | 'delay'
  /** The connection is accepted and never answered (the client's timeout must end it). */
  | 'hang'
  /** An error (`status`, default 400) whose body echoes the request's headers, Authorization included. */
  | 'echo-headers'
  /**
   * Matching requests are held until `times` of them have arrived (or `delayMs` passed),
   * then all answered normally: makes two clients' requests meet, e.g. two runs creating.
   */
  | 'barrier';

export interface FaultSpec {
  match?: RequestMatch;
  /** How many matching requests fail (default 1; Infinity = all). */
  times?: number;
  /** Let this many matching requests through before failing. */
  skip?: number;
  kind?: FaultKind;
  status?: number;
  message?: string;
  /** Seconds; sets `retry-after`. */
  retryAfter?: number;
  /** Seconds until x-ratelimit-reset for primary limits (default 1). */
  resetIn?: number;
  headers?: Record<string, string>;
  /** Replaces the JSON body. */
  body?: unknown;
  delayMs?: number;
  errors?: Array<{ type?: string; message: string; path?: Array<string | number> }>;
}

export interface Fault {
  readonly id: number;
  readonly spec: FaultSpec;
  /** Requests this fault answered. */
  hits: number;
  /** Matching requests still to fail. */
  remaining: number;
  /** Matching requests still to let through first. */
  skipping: number;
  /** Sequence numbers of the requests it answered. */
  readonly requests: number[];
}

type Opts = Omit<FaultSpec, 'kind'>;

export class Faults {
  readonly list: Fault[] = [];
  private nextId = 1;

  /** Registers a fault; returns a handle whose `hits` / `remaining` can be inspected. */
  add(spec: FaultSpec): Fault {
    const f: Fault = {
      id: this.nextId++,
      spec,
      hits: 0,
      remaining: spec.times ?? 1,
      skipping: spec.skip ?? 0,
      requests: [],
    };
    this.list.push(f);
    return f;
  }

  /** Next matching request(s) answer `status` (404 Not Found, 401 Bad credentials, 500, 502, ...). */
  status(status: number, opts: Opts = {}): Fault {
    return this.add({ ...opts, kind: 'status', status });
  }

  serverError(opts: Opts = {}): Fault {
    return this.add({ ...opts, kind: 'status', status: opts.status ?? 502 });
  }

  /** Primary rate limit exhausted (403 + x-ratelimit-remaining: 0 + reset in `resetIn` s). */
  rateLimit(opts: Opts = {}): Fault {
    return this.add({ ...opts, kind: 'primary-rate-limit' });
  }

  /** Secondary rate limit: 403 (or `status: 429`) with `retry-after` (default 1 s). */
  secondaryRateLimit(opts: Opts = {}): Fault {
    return this.add({ retryAfter: 1, ...opts, kind: 'secondary-rate-limit' });
  }

  /** GraphQL 200 with errors [{ type: 'RATE_LIMITED' }] (matches GraphQL requests by default). */
  graphqlRateLimited(opts: Opts = {}): Fault {
    return this.add({ match: { graphql: true }, ...opts, kind: 'graphql-rate-limited' });
  }

  graphqlError(errors: NonNullable<FaultSpec['errors']>, opts: Opts = {}): Fault {
    return this.add({ match: { graphql: true }, ...opts, errors, kind: 'graphql-error' });
  }

  networkError(opts: Opts = {}): Fault {
    return this.add({ ...opts, kind: 'network' });
  }

  delay(delayMs: number, opts: Opts = {}): Fault {
    return this.add({ ...opts, delayMs, kind: 'delay' });
  }

  /** Matching requests are never answered (a hung API); default: every matching request. */
  hang(opts: Opts = {}): Fault {
    return this.add({ times: Infinity, ...opts, kind: 'hang' });
  }

  /** Holds `count` matching requests until all have arrived (at most `maxWaitMs`), then answers them. */
  barrier(count: number, opts: Opts & { maxWaitMs?: number } = {}): Fault {
    const { maxWaitMs, ...rest } = opts;
    return this.add({ ...rest, times: count, delayMs: maxWaitMs ?? 10_000, kind: 'barrier' });
  }

  /** Matching requests fail with `status` (default 400) and a body echoing their headers. */
  echoHeaders(opts: Opts = {}): Fault {
    return this.add({ ...opts, kind: 'echo-headers' });
  }

  /**
   * Fails reading page `page` of the backlog (REST list issues `page=`, or GraphQL
   * `repository.issues` after the cursor ending page `page - 1`). Default: 502.
   */
  failPage(page: number, spec: Omit<FaultSpec, 'match'> = {}): Fault {
    return this.add({
      kind: 'status',
      status: 502,
      ...spec,
      match: (c) =>
        c.page === page &&
        (c.route === '/repos/{owner}/{repo}/issues' ||
          !!c.graphql?.fields.includes('repository.issues')),
    });
  }

  /** Faults that still have failures to hand out. */
  pending(): Fault[] {
    return this.list.filter((f) => f.remaining > 0);
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Finds (and consumes) the fault for a request, if any. */
  take(ctx: FaultContext): Fault | null {
    for (const f of this.list) {
      if (f.remaining <= 0 || !matches(f.spec.match, ctx)) continue;
      if (f.skipping > 0) {
        f.skipping--;
        continue;
      }
      f.remaining--;
      f.hits++;
      f.requests.push(ctx.seq);
      return f;
    }
    return null;
  }
}

export function matches(m: RequestMatch | undefined, ctx: FaultContext): boolean {
  if (!m) return true;
  if (typeof m === 'function') return m(ctx);
  if (m.method && m.method.toUpperCase() !== ctx.method) return false;
  if (m.route !== undefined) {
    if (ctx.route === null) return false;
    if (typeof m.route === 'string' ? m.route !== ctx.route : !m.route.test(ctx.route))
      return false;
  }
  if (
    m.path !== undefined &&
    (typeof m.path === 'string' ? m.path !== ctx.path : !m.path.test(ctx.path))
  )
    return false;
  if (m.graphql !== undefined) {
    if (m.graphql === false) {
      if (ctx.graphql) return false;
    } else {
      if (!ctx.graphql) return false;
      if (
        typeof m.graphql === 'string' &&
        ctx.graphql.operationName !== m.graphql &&
        !ctx.graphql.fields.includes(m.graphql)
      )
        return false;
    }
  }
  if (m.write !== undefined) {
    const isWrite = ctx.graphql
      ? ctx.graphql.mutation
      : ctx.method !== 'GET' && ctx.method !== 'HEAD';
    if (isWrite !== m.write) return false;
  }
  if (m.page !== undefined && m.page !== ctx.page) return false;
  return true;
}
