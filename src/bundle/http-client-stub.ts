// Stands in for `@actions/http-client` in the bundles: tsconfig.json maps the package's root
// to this file ("paths", which ncc follows); its `lib/proxy` and `lib/auth` stay the real ones.
// In the bundle its only importer is @actions/core's OIDC client (`core.getIDToken`), which
// backlog-lint never calls, and the real module would make every cold start load undici
// (~900 KB, ~20–35 ms). The proxy support imports undici itself, only when a proxy is set
// (src/github/proxy.ts). tests/bundle.test.ts checks that @actions/core imports nothing else
// from the package; whatever reaches this class fails loudly rather than quietly.
export class HttpClient {
  constructor() {
    throw new Error(
      'backlog-lint: @actions/http-client is left out of this bundle (it is only used for OIDC tokens, which backlog-lint does not request).',
    );
  }
}
