// The runner's proxy settings (`https_proxy` / `http_proxy` / `no_proxy`, either case), honoured
// as actions built on @actions/http-client honour them: self-hosted runners, GHES ones above
// all, often reach GitHub only through a proxy, and Node's global fetch ignores those variables.
// Which URLs go through the proxy is @actions/http-client's own rule (`getProxyUrl`: `no_proxy`
// entries and loopback hosts go direct). The proxying fetch is undici's, imported only once a
// request needs it: undici is ~900 KB that every other run does not pay for at start-up (ncc
// puts it in a chunk of its own).
import { getProxyUrl } from '@actions/http-client/lib/proxy';

type Fetch = typeof globalThis.fetch;

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** The proxy a request to `url` goes through, or null when it goes direct. */
export function proxyFor(url: string | URL): URL | null {
  const proxy = getProxyUrl(new URL(url));
  return proxy?.hostname ? proxy : null;
}

/** A proxy's address fit for a log: scheme, host and port, never its credentials. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/**
 * A fetch that sends each request through the proxy the environment names for its URL, and
 * the rest through the global fetch; undefined when no proxy variable is set at all, so that
 * a run without a proxy keeps Octokit's own fetch untouched.
 */
export function createProxyFetch(log: (message: string) => void): Fetch | undefined {
  if (!PROXY_VARIABLES.some((k) => process.env[k])) return undefined;
  // One ProxyAgent per proxy, created on first use and shared by every request through it.
  const agents = new Map<string, Promise<{ fetch: Fetch; dispatcher: unknown }>>();
  const warned = new Set<string>();
  return async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const proxy = proxyFor(url);
    if (!proxy) {
      // Set, but without a host name: `host:port` without a scheme parses as a URL whose
      // scheme is `host:`, and @actions/http-client goes direct without a word. Say why once,
      // without echoing the value (it may hold credentials).
      if (!warned.has(url.protocol) && getProxyUrl(url)) {
        warned.add(url.protocol);
        log(
          `The ${url.protocol === 'https:' ? 'https_proxy' : 'http_proxy'} variable has no host name (write it as http://host:port); requests to ${url.host} go direct.`,
        );
      }
      return globalThis.fetch(input, init);
    }
    let agent = agents.get(proxy.href);
    if (!agent) {
      log(`Requests to ${url.host} go through the proxy ${describeProxy(proxy)}.`);
      agent = proxyAgent(proxy);
      agents.set(proxy.href, agent);
    }
    const { fetch, dispatcher } = await agent;
    return fetch(input, { ...init, dispatcher } as RequestInit);
  };
}

async function proxyAgent(proxy: URL): Promise<{ fetch: Fetch; dispatcher: unknown }> {
  const undici = await import('undici');
  // `getProxyUrl` decodes the credentials (its URL's username / password are decoded).
  const token =
    proxy.username || proxy.password
      ? `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`
      : undefined;
  const dispatcher = new undici.ProxyAgent({ uri: proxy.href, ...(token && { token }) });
  return { fetch: undici.fetch as unknown as Fetch, dispatcher };
}
