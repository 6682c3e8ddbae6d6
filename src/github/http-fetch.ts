// A small `fetch` over node:http / node:https, the action's transport in every mode (a proxied
// run keeps undici). Node's global fetch is undici: loading it and its WebAssembly HTTP parser
// cost an issue event ~45 ms of CPU and ~20 MB of peak RSS on Node 24 (`node -e` with one
// local request: 71 ms / 61.8 MB against 30 ms / 46.5 MB with node:http), more than everything
// the run does itself; a backlog run paid undici's per-request overhead on every page. This covers exactly what Octokit's fetch-wrapper asks of a
// fetch: method, headers (a plain object), a string or bytes body, an AbortSignal, redirects,
// and a response with `status`, `statusText`, `url`, iterable `headers` with `get`, `text()`,
// `json()`, `arrayBuffer()` and `body` (async-iterable). Anything else goes to the global fetch.
//
// Read-ahead (read-ahead.ts) learns that the request is on the wire from the diagnostics
// channel `backlog-lint:request:bodySent`, published once the request is flushed to its socket
// (undici publishes `undici:request:bodySent` for the same moment).
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { Readable, finished } from 'node:stream';

type Fetch = typeof globalThis.fetch;

export const HTTP_BODY_SENT = 'backlog-lint:request:bodySent';
const bodySent = diagnosticsChannel.channel(HTTP_BODY_SENT);
const MAX_REDIRECTS = 20;

/** Response headers as fetch gives them: lower-case names, repeated values joined by ', '. */
class ResponseHeaders {
  readonly #map = new Map<string, string>();
  constructor(raw: string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const prev = this.#map.get(name);
      this.#map.set(name, prev === undefined ? raw[i + 1]! : `${prev}, ${raw[i + 1]!}`);
    }
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return [...this.#map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).values();
  }
}

class HttpResponse {
  readonly ok: boolean;
  readonly redirected: boolean;
  #used = false;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: ResponseHeaders,
    readonly body: AsyncIterable<Uint8Array>,
    redirected: boolean,
  ) {
    this.ok = status >= 200 && status < 300;
    this.redirected = redirected;
  }
  get bodyUsed(): boolean {
    return this.#used;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return (await this.#bytes()).toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async #bytes(): Promise<Buffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return readBody(this.body);
  }
}

/**
 * All the bytes of a body. A node stream (this transport's answers) is read through its
 * 'data' events: its async iterator costs a promise and more per chunk, ~0.075 ms of CPU per
 * 180 KB backlog page (~7.5 ms per 100 pages). It fails as iterating it would: with the
 * stream's error (an abort's reason), or a premature close of its readable side. Other bodies
 * are iterated.
 */
export function readBody(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  if (body instanceof Readable) {
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      finished(body, { writable: false }, (err) =>
        err ? reject(err) : resolve(Buffer.concat(chunks)),
      );
    });
  }
  return (async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks);
  })();
}

/**
 * Whether `httpFetch` takes this call itself (else it hands it to the global fetch): an
 * http(s) URL, a string or bytes body, plain-object headers and no dispatcher.
 */
function supported(url: URL, init: RequestInit): boolean {
  const { body, headers } = init;
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    (body === undefined ||
      body === null ||
      typeof body === 'string' ||
      body instanceof Uint8Array) &&
    (headers === undefined ||
      (typeof headers === 'object' &&
        !Array.isArray(headers) &&
        Object.getPrototypeOf(headers) === Object.prototype)) &&
    !('dispatcher' in init)
  );
}

export const httpFetch: Fetch = async (input, init = {}) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (typeof input !== 'string' && !(input instanceof URL)) return globalThis.fetch(input, init);
  if (!supported(url, init)) return globalThis.fetch(input, init);
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body as string | Uint8Array | null | undefined;
  let headers = { ...(init.headers as Record<string, string> | undefined) };
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const res = await send(current, method, headers, body ?? undefined, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    const redirect = init.redirect ?? 'follow';
    if (![301, 302, 303, 307, 308].includes(status) || !location || redirect === 'manual') {
      return new HttpResponse(
        status,
        res.statusMessage ?? '',
        current.href,
        new ResponseHeaders(res.rawHeaders),
        await decoded(res),
        redirects > 0,
      ) as unknown as Response;
    }
    res.resume();
    if (redirect === 'error') throw new TypeError('fetch failed', { cause: 'unexpected redirect' });
    if (redirects >= MAX_REDIRECTS)
      throw new TypeError('fetch failed', { cause: 'redirect count exceeded' });
    const next = new URL(location, current);
    // As fetch does: 303 (and 301/302 after a POST) become a GET without a body; credentials
    // are not sent to another origin.
    if (
      status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST'
    ) {
      method = 'GET';
      body = undefined;
      headers = Object.fromEntries(
        Object.entries(headers).filter(
          ([k]) => !/^content-(type|length|encoding|language|location)$/i.test(k),
        ),
      );
    }
    if (next.origin !== current.origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(
          ([k]) => !/^(authorization|cookie|proxy-authorization)$/i.test(k),
        ),
      );
    }
    current = next;
  }
};

let httpModule: typeof import('node:http') | undefined;
let httpsModule: typeof import('node:https') | undefined;

async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  // node:https (TLS) only for an https URL: the emulator of the tests and benchmarks is http.
  // Imported once: in the bundle each import() builds a new namespace object over the
  // module's exports, at every request of a backlog run.
  const transport =
    url.protocol === 'https:'
      ? (httpsModule ??= await import('node:https'))
      : (httpModule ??= await import('node:http'));
  signal?.throwIfAborted();
  return new Promise<IncomingMessage>((resolve, reject) => {
    // No accept-encoding: the answers of an event's few requests are small, a backlog page's
    // uncompressed bytes cost less CPU than inflating them, and node:zlib is loaded only if a
    // server compresses unasked.
    const req = transport.request(url, { method, headers });
    const onAbort = () => {
      req.destroy();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      // The body is read later: an abort meanwhile destroys it (its iteration throws).
      signal?.removeEventListener('abort', onAbort);
      if (signal) {
        const onBodyAbort = () => res.destroy(signal.reason as Error);
        signal.addEventListener('abort', onBodyAbort, { once: true });
        res.once('close', () => signal.removeEventListener('abort', onBodyAbort));
      }
      resolve(res);
    });
    req.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: err }));
    });
    req.end(body, () => {
      if (bodySent.hasSubscribers) bodySent.publish({ url: url.href });
    });
  });
}

/** The body as fetch gives it: gzip and deflate undone (node:zlib loaded only then). */
async function decoded(res: IncomingMessage): Promise<AsyncIterable<Uint8Array>> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .toLowerCase()
    .trim();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate') return res;
  const zlib = await import('node:zlib');
  const inflate = encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
  res.on('error', (err) => inflate.destroy(err));
  return res.pipe(inflate);
}
