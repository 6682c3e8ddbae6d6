// The Actions cache service as @actions/cache (v6) talks to it on github.com today (cache
// service v2: `ACTIONS_CACHE_SERVICE_V2` set, `ACTIONS_RESULTS_URL` its base), in memory:
//
// - twirp JSON RPCs at `POST /twirp/github.actions.results.api.v1.CacheService/<Method>`,
//   authorised by `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`, with protobuf field names
//   (`restore_keys`, `signed_upload_url`, ...):
//   - `CreateCacheEntry { key, version }` → `{ ok, signed_upload_url }` (a key+version that
//     exists already is refused: cache entries are immutable),
//   - `FinalizeCacheEntryUpload { key, version, size_bytes }` → `{ ok, entry_id }`,
//   - `GetCacheEntryDownloadURL { key, restore_keys, version }` → `{ ok, signed_download_url,
//     matched_key }`: the exact key first, then each restore key as a prefix, newest entry first;
//     only entries of the same `version` (paths + compression) and finalized ones match;
// - the signed URLs, path style like Azurite (`/<account>/<container>/<blob>?sig=…`, which
//   the Azure SDK the toolkit uploads with accepts for an IP host): `PUT` stores the blob
//   (`x-ms-blob-type: BlockBlob`, one shot), `GET` / `HEAD` read it back.
//
// GitHub Enterprise Server speaks cache service v1 (@actions/cache picks it for any
// GITHUB_SERVER_URL that is not github.com / *.ghe.com), REST under `ACTIONS_CACHE_URL`
// (`<base>_apis/artifactcache/...`, `Accept: application/json;api-version=6.0-preview.1`),
// the same store behind it:
// - `GET cache?keys=k1,k2&version=V` → 200 `{ cacheKey, scope, creationTime,
//   archiveLocation }` (each key in turn: exact, then newest by prefix) or 204 (no match);
// - `POST caches { key, version, cacheSize }` → 201 `{ cacheId }`, 409 if it exists;
// - `PATCH caches/<id>` with `Content-Range: bytes s-e/*`, one chunk per request → 204;
// - `POST caches/<id> { size }` commits (400 when the chunks do not add up) → 204;
// - the archive is downloaded from `archiveLocation` (a plain GET of the blob URL below).
//
// Faults: `failNext(method, status)` answers the next call of a method (v2: the twirp
// method; v1: `getCacheEntry`, `reserveCache`, `uploadChunk`, `commitCache`; both: `blob-put`,
// `blob-get`) with that HTTP status; `corrupt(key)` replaces an entry's bytes.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB = '/devstoreaccount1/actions-cache/';
/** v1 base as GHES hands it to a job (ACTIONS_CACHE_URL), without `_apis/artifactcache/`. */
const V1_BASE = '/_services/artifactcache/v1token/';
const V1 = `${V1_BASE}_apis/artifactcache/`;

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  data: Buffer | null;
  finalized: boolean;
  /** v1 uploads: the chunks received so far, by start offset. */
  chunks?: Map<number, Buffer>;
  createdAt: number;
}

export interface CacheCall {
  method: string;
  status: number;
  key?: string;
}

export class CacheService {
  readonly entries: CacheEntry[] = [];
  readonly calls: CacheCall[] = [];
  /** The runtime token the service accepts. */
  readonly token = `cache-${randomBytes(6).toString('hex')}`;
  private nextId = 1;
  private clock = 0;
  private readonly failures = new Map<string, number[]>();

  /** True when the request is for the cache service (its paths are its own). */
  static handles(url: string | undefined): boolean {
    return !!url && (url.startsWith(SERVICE) || url.startsWith(BLOB) || url.startsWith(V1));
  }

  /** Environment the toolkit reads to find the service (as the runner sets it). */
  env(origin: string): Record<string, string> {
    return {
      ACTIONS_RESULTS_URL: `${origin}/`,
      ACTIONS_RUNTIME_TOKEN: this.token,
      ACTIONS_CACHE_SERVICE_V2: 'true',
    };
  }

  /**
   * Environment of a GitHub Enterprise Server job: its server URL (which makes @actions/cache
   * speak v1) and ACTIONS_CACHE_URL; no ACTIONS_RESULTS_URL, no v2 flag.
   */
  enterpriseEnv(origin: string, serverUrl = 'https://ghes.example.com'): Record<string, string> {
    return {
      GITHUB_SERVER_URL: serverUrl,
      ACTIONS_CACHE_URL: `${origin}${V1_BASE}`,
      ACTIONS_RUNTIME_TOKEN: this.token,
    };
  }

  failNext(method: string, status: number): void {
    const list = this.failures.get(method) ?? [];
    list.push(status);
    this.failures.set(method, list);
  }

  corrupt(key: string, bytes: Buffer = Buffer.from('not a tarball')): void {
    for (const e of this.entries) if (e.key === key) e.data = bytes;
  }

  clear(): void {
    this.entries.length = 0;
    this.calls.length = 0;
    this.failures.clear();
  }

  /** Keys of the finalized entries, oldest first. */
  keys(): string[] {
    return this.entries.filter((e) => e.finalized).map((e) => e.key);
  }

  /** A new, empty entry; null when the key + version exists (entries are immutable). */
  private create(key: string, version: string): CacheEntry | null {
    if (this.entries.some((e) => e.key === key && e.version === version)) return null;
    const entry: CacheEntry = {
      id: this.nextId++,
      key,
      version,
      data: null,
      finalized: false,
      createdAt: ++this.clock,
    };
    this.entries.push(entry);
    return entry;
  }

  private fault(method: string): number | undefined {
    const list = this.failures.get(method);
    return list?.shift();
  }

  async handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith(BLOB)) return this.blob(req, res, url, raw);
    if (url.pathname.startsWith(V1)) return this.v1(req, res, url, raw, origin);

    const method = url.pathname.slice(SERVICE.length);
    const json = (status: number, body: unknown): void => {
      this.calls.push({ method, status, key: (parsed as { key?: string } | null)?.key });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let parsed: Record<string, unknown> | null = null;
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return json(401, { code: 'unauthenticated', msg: 'bad runtime token' });
    if (req.method !== 'POST') return json(404, { code: 'bad_route', msg: 'POST only' });
    try {
      parsed = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(400, { code: 'malformed', msg: 'body is not JSON' });
    }
    const failed = this.fault(method);
    if (failed) return json(failed, { code: 'internal', msg: `injected ${failed}` });
    const key = String(parsed.key ?? '');
    const version = String(parsed.version ?? '');
    if (!key || !version)
      return json(400, { code: 'invalid_argument', msg: 'key and version are required' });

    switch (method) {
      case 'CreateCacheEntry': {
        const entry = this.create(key, version);
        if (!entry) return json(200, { ok: false, message: `cache entry ${key} already exists` });
        return json(200, {
          ok: true,
          signed_upload_url: `${origin}${BLOB}${entry.id}?sig=${randomBytes(4).toString('hex')}&sp=w`,
        });
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = this.entries.find((e) => e.key === key && e.version === version);
        if (!entry || entry.data === null)
          return json(200, { ok: false, message: `no uploaded cache entry ${key}` });
        if (String(entry.data.length) !== String(parsed.size_bytes))
          return json(200, { ok: false, message: 'size_bytes does not match the upload' });
        entry.finalized = true;
        return json(200, { ok: true, entry_id: String(entry.id) });
      }
      case 'GetCacheEntryDownloadURL': {
        const usable = this.entries
          .filter((e) => e.finalized && e.version === version)
          .sort((a, b) => b.createdAt - a.createdAt);
        const restoreKeys = Array.isArray(parsed.restore_keys)
          ? (parsed.restore_keys as unknown[]).map(String)
          : [];
        const hit =
          usable.find((e) => e.key === key) ??
          restoreKeys.map((p) => usable.find((e) => e.key.startsWith(p))).find((e) => e);
        if (!hit) return json(200, { ok: false });
        return json(200, {
          ok: true,
          signed_download_url: `${origin}${BLOB}${hit.id}?sig=${randomBytes(4).toString('hex')}&sp=r`,
          matched_key: hit.key,
        });
      }
      default:
        return json(404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }

  /** Cache service v1 (GHES): see the header. */
  private v1(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    raw: Buffer,
    origin: string,
  ): void {
    const resource = url.pathname.slice(V1.length);
    const id = /^caches\/(\d+)$/.exec(resource)?.[1];
    const method =
      req.method === 'GET' && resource === 'cache'
        ? 'getCacheEntry'
        : req.method === 'POST' && resource === 'caches'
          ? 'reserveCache'
          : req.method === 'PATCH' && id
            ? 'uploadChunk'
            : req.method === 'POST' && id
              ? 'commitCache'
              : `${req.method ?? '?'} ${resource}`;
    const entry = id ? this.entries.find((e) => e.id === Number(id)) : undefined;
    const reply = (status: number, body?: unknown, key = entry?.key): void => {
      this.calls.push({ method, status, key });
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return reply(401, { message: 'bad runtime token' });
    if (!/api-version=6\.0-preview\.1/.test(String(req.headers.accept)))
      return reply(400, { message: 'api-version 6.0-preview.1 expected' });
    const failed = this.fault(method);
    if (failed) return reply(failed, { message: `injected ${failed}` });
    const body = (): Record<string, unknown> =>
      raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};

    switch (method) {
      case 'getCacheEntry': {
        const version = url.searchParams.get('version') ?? '';
        const keys = (url.searchParams.get('keys') ?? '').split(',').filter(Boolean);
        const usable = this.entries
          .filter((e) => e.finalized && e.version === version)
          .sort((a, b) => b.createdAt - a.createdAt);
        const hit = keys
          .map((k) => usable.find((e) => e.key === k) ?? usable.find((e) => e.key.startsWith(k)))
          .find((e) => e);
        if (!hit) return reply(204, undefined, keys[0]);
        return reply(
          200,
          {
            cacheKey: hit.key,
            scope: 'refs/heads/main',
            creationTime: new Date(hit.createdAt * 1000).toISOString(),
            archiveLocation: `${origin}${BLOB}${hit.id}?sig=${randomBytes(4).toString('hex')}&sp=r`,
          },
          hit.key,
        );
      }
      case 'reserveCache': {
        const { key, version } = body() as { key?: string; version?: string };
        if (!key || !version) return reply(400, { message: 'key and version are required' });
        const created = this.create(key, version);
        if (!created)
          return reply(
            409,
            { message: `Cache already exists. Scope: refs/heads/main, Key: ${key}` },
            key,
          );
        created.chunks = new Map();
        return reply(201, { cacheId: created.id }, key);
      }
      case 'uploadChunk': {
        const range = /^bytes (\d+)-(\d+)\/\*$/.exec(String(req.headers['content-range']));
        if (!entry?.chunks || entry.finalized) return reply(404, { message: 'no reserved cache' });
        if (!range || Number(range[2]) - Number(range[1]) + 1 !== raw.length)
          return reply(400, { message: 'Content-Range does not match the body' });
        entry.chunks.set(Number(range[1]), raw);
        return reply(204);
      }
      case 'commitCache': {
        if (!entry?.chunks || entry.finalized) return reply(404, { message: 'no reserved cache' });
        const parts = [...entry.chunks].sort((a, b) => a[0] - b[0]);
        let at = 0;
        for (const [start, chunk] of parts) {
          if (start !== at) return reply(400, { message: `missing bytes at ${at}` });
          at += chunk.length;
        }
        if (at !== Number(body().size)) return reply(400, { message: 'size does not match' });
        entry.data = Buffer.concat(parts.map((p) => p[1]));
        entry.finalized = true;
        delete entry.chunks;
        return reply(204);
      }
      default:
        return reply(404, { message: `no route ${method}` });
    }
  }

  private blob(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
    const id = Number(url.pathname.slice(BLOB.length));
    const entry = this.entries.find((e) => e.id === id);
    const op = req.method === 'PUT' ? 'blob-put' : 'blob-get';
    const headers = {
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': '2024-11-04',
      date: new Date().toUTCString(),
    };
    const end = (status: number, body?: Buffer, extra: Record<string, string> = {}): void => {
      this.calls.push({ method: op, status, key: entry?.key });
      res.writeHead(status, { ...headers, ...extra });
      res.end(body);
    };
    const failed = this.fault(op);
    if (failed) return end(failed, Buffer.from('injected'));
    if (!entry || !url.searchParams.get('sig')) return end(404);
    if (req.method === 'PUT') {
      if (entry.finalized || req.headers['x-ms-blob-type'] !== 'BlockBlob') return end(409);
      entry.data = raw;
      return end(201, undefined, {
        etag: `"0x${entry.id.toString(16)}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-server-encrypted': 'true',
      });
    }
    if (!entry.finalized || entry.data === null) return end(404);
    const extra = {
      'content-length': String(entry.data.length),
      'content-type': 'application/octet-stream',
      'x-ms-blob-type': 'BlockBlob',
      etag: `"0x${entry.id.toString(16)}"`,
      'last-modified': new Date().toUTCString(),
    };
    if (req.method === 'HEAD') return end(200, undefined, extra);
    return end(200, entry.data, extra);
  }
}
