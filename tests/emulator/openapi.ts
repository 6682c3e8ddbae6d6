// GitHub's published REST description (from @octokit/openapi): a router over every
// method + path template, with the operation's query parameters, request body schema,
// response schemas and documentation URL. Requests the description does not know are
// answered 404 and recorded as validation failures by the server.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaValidator, type Schema, type SchemaIssue } from './schema-validation.js';

export interface RouteInfo {
  method: string;
  template: string;
  operationId: string;
  docsUrl: string;
  category: string;
  subcategory: string;
  enabledForGitHubApps: boolean;
  /** Query parameters: name → schema. */
  queryParams: Map<string, Schema>;
  requestBody: Schema | null;
  requestBodyRequired: boolean;
  /** status code → application/json schema. */
  responses: Map<string, Schema>;
}

export interface RouteMatch {
  route: RouteInfo;
  params: Record<string, string>;
}

export type RouteResult =
  | { ok: true; match: RouteMatch }
  | { ok: false; /** methods allowed on a path template that matched */ allowed: string[] };

interface TrieNode {
  static: Map<string, TrieNode>;
  param: { name: string; node: TrieNode } | null;
  /** A multi-segment parameter (`x-multi-segment`), consuming the rest of the path. */
  rest: { name: string; methods: Map<string, RouteInfo> } | null;
  methods: Map<string, RouteInfo>;
}

const newNode = (): TrieNode => ({
  static: new Map(),
  param: null,
  rest: null,
  methods: new Map(),
});

/** Finds a file inside an installed package by walking up from this module (no `exports` limits). */
export function packageFile(pkg: string, file: string): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, 'node_modules', pkg, file);
      if (existsSync(candidate)) return candidate;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(`cannot find ${pkg}/${file} in node_modules`);
}

export class OpenApi {
  readonly root = newNode();
  readonly routes: RouteInfo[] = [];
  private readonly schemas: Record<string, Schema>;
  private readonly parameters: Record<string, Schema>;
  private readonly responsesRefs: Record<string, Schema>;
  readonly version: string;

  constructor(spec: Record<string, unknown>) {
    const components = (spec.components ?? {}) as Record<string, Record<string, Schema>>;
    this.schemas = components.schemas ?? {};
    this.parameters = components.parameters ?? {};
    this.responsesRefs = components.responses ?? {};
    const info = (spec.info ?? {}) as Record<string, unknown>;
    this.version = String(info.version ?? '');
    const paths = (spec.paths ?? {}) as Record<string, Record<string, unknown>>;
    for (const [template, item] of Object.entries(paths)) {
      const shared = (item.parameters ?? []) as Schema[];
      for (const [method, raw] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const op = raw as Record<string, unknown>;
        const params = [...shared, ...((op.parameters ?? []) as Schema[])].map((p) =>
          this.param(p),
        );
        const xg = (op['x-github'] ?? {}) as Record<string, unknown>;
        const docs = (op.externalDocs ?? {}) as Record<string, unknown>;
        const body = (op.requestBody ?? null) as Record<string, unknown> | null;
        const bodyContent = (body?.content ?? {}) as Record<string, { schema?: Schema }>;
        const responses = new Map<string, Schema>();
        for (const [status, r] of Object.entries((op.responses ?? {}) as Record<string, Schema>)) {
          const resp = this.response(r);
          const content = (resp.content ?? {}) as Record<string, { schema?: Schema }>;
          const s = content['application/json']?.schema;
          if (s) responses.set(status, s);
        }
        const route: RouteInfo = {
          method: method.toUpperCase(),
          template,
          operationId: String(op.operationId ?? ''),
          docsUrl: String(docs.url ?? 'https://docs.github.com/rest'),
          category: String(xg.category ?? ''),
          subcategory: String(xg.subcategory ?? ''),
          enabledForGitHubApps: xg.enabledForGitHubApps !== false,
          queryParams: new Map(
            params
              .filter((p) => p.in === 'query')
              .map((p) => [String(p.name), (p.schema ?? {}) as Schema]),
          ),
          requestBody: bodyContent['application/json']?.schema ?? null,
          requestBodyRequired: body?.required === true,
          responses,
        };
        const multi = new Set(
          params.filter((p) => p.in === 'path' && p['x-multi-segment']).map((p) => String(p.name)),
        );
        this.insert(template, route, multi);
        this.routes.push(route);
      }
    }
  }

  private param(p: Schema): Schema {
    const ref = p.$ref;
    if (typeof ref === 'string') return this.parameters[ref.split('/').pop() ?? ''] ?? {};
    return p;
  }

  private response(r: Schema): Schema {
    const ref = r.$ref;
    if (typeof ref === 'string') return this.responsesRefs[ref.split('/').pop() ?? ''] ?? {};
    return r;
  }

  private validators: { request?: SchemaValidator; response?: SchemaValidator } = {};

  /**
   * Problems of `value` against `schema` (a request body's or a response's, from this
   * description). Responses are checked leniently: GitHub returns `null` for many optional
   * properties its description does not mark nullable.
   */
  validate(value: unknown, schema: Schema, kind: 'request' | 'response'): SchemaIssue[] {
    const validator = (this.validators[kind] ??= new SchemaValidator(
      { schemas: this.schemas, parameters: this.parameters, responses: this.responsesRefs },
      kind === 'response',
    ));
    return validator.validate(value, schema);
  }

  schema(name: string): Schema | undefined {
    return this.schemas[name];
  }

  private insert(template: string, route: RouteInfo, multi: Set<string>): void {
    const segs = template.split('/').slice(1);
    let node = this.root;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i] ?? '';
      const pm = /^\{(.+)\}$/.exec(seg);
      if (pm && pm[1] && multi.has(pm[1]) && i === segs.length - 1) {
        node.rest ??= { name: pm[1], methods: new Map() };
        node.rest.methods.set(route.method, route);
        return;
      }
      if (pm && pm[1]) {
        node.param ??= { name: pm[1], node: newNode() };
        node = node.param.node;
      } else {
        let next = node.static.get(seg);
        if (!next) {
          next = newNode();
          node.static.set(seg, next);
        }
        node = next;
      }
    }
    node.methods.set(route.method, route);
  }

  /**
   * Matches a raw (still percent-encoded) path. Static segments win over parameters, as in
   * GitHub's router (`/issues/comments` is not issue number "comments").
   */
  match(method: string, rawPath: string): RouteResult {
    const segs = rawPath.split('/').slice(1);
    const allowed = new Set<string>();
    const found = this.walk(this.root, segs, 0, {}, method.toUpperCase(), allowed);
    if (found) return { ok: true, match: found };
    return { ok: false, allowed: [...allowed] };
  }

  private walk(
    node: TrieNode,
    segs: string[],
    i: number,
    params: Record<string, string>,
    method: string,
    allowed: Set<string>,
  ): RouteMatch | null {
    if (i === segs.length) {
      const r = node.methods.get(method);
      if (r) return { route: r, params };
      for (const m of node.methods.keys()) allowed.add(m);
      return null;
    }
    const seg = segs[i] ?? '';
    const next = node.static.get(seg);
    if (next) {
      const r = this.walk(next, segs, i + 1, params, method, allowed);
      if (r) return r;
    }
    if (node.param && seg !== '') {
      const value = safeDecode(seg);
      const r = this.walk(
        node.param.node,
        segs,
        i + 1,
        { ...params, [node.param.name]: value },
        method,
        allowed,
      );
      if (r) return r;
    }
    if (node.rest) {
      const rest = segs.slice(i).join('/');
      if (rest !== '') {
        const r = node.rest.methods.get(method);
        if (r) return { route: r, params: { ...params, [node.rest.name]: safeDecode(rest) } };
        for (const m of node.rest.methods.keys()) allowed.add(m);
      }
    }
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

let cached: OpenApi | null = null;

/** GitHub.com's REST description, loaded once per process (about 150 ms). */
export function loadOpenApi(): OpenApi {
  if (!cached) {
    const file = packageFile('@octokit/openapi', 'generated/api.github.com.json');
    cached = new OpenApi(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  }
  return cached;
}
