// Stands in for `@actions/http-client` in the bundles: tsconfig.json maps the package's root
// to this file ("paths", which ncc follows); its `lib/proxy` and `lib/auth` stay the real ones.
// Its importers in the bundle: @actions/core's OIDC client (`core.getIDToken`), which
// backlog-lint never calls, and @actions/cache (incremental backlog runs), which is itself
// imported on first use. The real module would make every cold start load undici (~900 KB,
// ~20–35 ms), so it is imported only by `loadHttpClient()` (a chunk of its own, with undici),
// which src/action/facts-store.ts awaits before it loads @actions/cache; from then on these
// names are the real ones. Before it, whatever reaches them fails loudly rather than quietly.
// tests/bundle.test.ts checks that every name @actions/core and @actions/cache import from the
// package root is here.
import type * as Real from '../../node_modules/@actions/http-client/lib/index.js';

let real: typeof Real | undefined;

/** Loads the real module; the names below delegate to it from then on. */
export async function loadHttpClient(): Promise<void> {
  real ??= await import('../../node_modules/@actions/http-client/lib/index.js');
}

function loaded(): typeof Real {
  if (!real)
    throw new Error(
      'backlog-lint: @actions/http-client is left out of this bundle until loadHttpClient() (it is only used for OIDC tokens, which backlog-lint does not request, and the Actions cache).',
    );
  return real;
}

export class HttpClient {
  constructor(...args: ConstructorParameters<typeof Real.HttpClient>) {
    // A constructor may answer another object: the real client, with its prototype.
    return new (loaded().HttpClient)(...args) as unknown as HttpClient;
  }
}

export class HttpClientError {
  constructor(...args: ConstructorParameters<typeof Real.HttpClientError>) {
    return new (loaded().HttpClientError)(...args) as unknown as HttpClientError;
  }
  /** `err instanceof HttpClientError` is asked of errors the real module throws. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return real !== undefined && value instanceof real.HttpClientError;
  }
}

/** The real enum, read at each use (only after `loadHttpClient()`). */
export const HttpCodes = new Proxy({} as typeof Real.HttpCodes, {
  get: (_target, name) => (loaded().HttpCodes as unknown as Record<string | symbol, unknown>)[name],
});
