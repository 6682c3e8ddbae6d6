// Which requests go through the runner's proxy, and the fetch that sends them there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProxyFetch, describeProxy, proxyFor } from '../../src/github/proxy.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';

const PROXY_ENV = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY',
];

afterEach(() => vi.unstubAllEnvs());

function setProxyEnv(vars: Record<string, string>): void {
  for (const k of PROXY_ENV) vi.stubEnv(k, '');
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
}

describe('proxyFor', () => {
  it('uses https_proxy for https URLs and http_proxy for http URLs', () => {
    setProxyEnv({ https_proxy: 'http://secure.proxy:3128', http_proxy: 'http://plain.proxy:8080' });
    expect(proxyFor('https://api.github.com/graphql')?.host).toBe('secure.proxy:3128');
    expect(proxyFor('http://ghe.internal/api/v3/rate_limit')?.host).toBe('plain.proxy:8080');
  });

  it('reads the upper-case variables too, and takes a bare host name as http://', () => {
    setProxyEnv({ HTTPS_PROXY: 'http://proxy.corp:3128' });
    expect(proxyFor('https://api.github.com')?.href).toBe('http://proxy.corp:3128/');
    vi.stubEnv('HTTPS_PROXY', 'proxy.corp');
    expect(proxyFor('https://api.github.com')?.href).toBe('http://proxy.corp/');
  });

  it('goes direct without a proxy variable for the scheme', () => {
    setProxyEnv({ http_proxy: 'http://plain.proxy:8080' });
    expect(proxyFor('https://api.github.com')).toBeNull();
  });

  it('goes direct for hosts in no_proxy (exact, subdomain, port, *) and for loopback', () => {
    setProxyEnv({
      https_proxy: 'http://proxy.corp:3128',
      no_proxy: 'ghe.corp, .internal,api.example.com:8443',
    });
    expect(proxyFor('https://ghe.corp/api/v3')).toBeNull();
    expect(proxyFor('https://git.ghe.corp/api/v3')).toBeNull();
    expect(proxyFor('https://ghe.internal/api/graphql')).toBeNull();
    expect(proxyFor('https://api.example.com:8443/')).toBeNull();
    expect(proxyFor('https://api.example.com/')?.host).toBe('proxy.corp:3128');
    expect(proxyFor('https://127.0.0.1:9999/')).toBeNull();
    expect(proxyFor('https://localhost/')).toBeNull();
    expect(proxyFor('https://api.github.com')?.host).toBe('proxy.corp:3128');
    vi.stubEnv('no_proxy', '*');
    expect(proxyFor('https://api.github.com')).toBeNull();
  });

  it('decodes credentials, and describeProxy never shows them', () => {
    setProxyEnv({ https_proxy: 'http://ci%40corp:s3cr%3At@proxy.corp:3128' });
    const proxy = proxyFor('https://api.github.com');
    expect(proxy?.username).toBe('ci@corp');
    expect(proxy?.password).toBe('s3cr:t');
    expect(describeProxy(proxy!)).toBe('http://proxy.corp:3128');
  });
});

describe('createProxyFetch', () => {
  let server: Server | null = null;
  let proxy: ConnectProxy | null = null;
  afterEach(async () => {
    await proxy?.close();
    proxy = null;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  async function origin(): Promise<number> {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url, host: req.headers.host }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('is undefined when no proxy variable is set: Octokit keeps its own fetch', () => {
    setProxyEnv({ no_proxy: 'example.com' });
    expect(createProxyFetch(() => undefined)).toBeUndefined();
  });

  it('tunnels a request through the proxy with its credentials, and says so once', async () => {
    const port = await origin();
    proxy = await startConnectProxy({ targetPort: port });
    setProxyEnv({ http_proxy: `http://robot:pa%24%24@127.0.0.1:${proxy.port}` });
    const logs: string[] = [];
    const fetch = createProxyFetch((m) => logs.push(m))!;
    // Not resolvable: only the proxy can reach it.
    const url = `http://github.proxied.test:${port}/rate_limit`;
    const a = await fetch(url);
    const b = await fetch(new URL(`http://github.proxied.test:${port}/graphql`), {
      method: 'POST',
      body: '{}',
    });
    expect(await a.json()).toEqual({ path: '/rate_limit', host: `github.proxied.test:${port}` });
    expect(await b.json()).toEqual({ path: '/graphql', host: `github.proxied.test:${port}` });
    expect(proxy.connects.map((c) => c.target)).toContain(`github.proxied.test:${port}`);
    for (const c of proxy.connects)
      expect(c.authorization).toBe(`Basic ${Buffer.from('robot:pa$$').toString('base64')}`);
    expect(logs).toEqual([
      `Requests to github.proxied.test:${port} go through the proxy http://127.0.0.1:${proxy.port}.`,
    ]);
  });

  it('says once why a host:port proxy without a scheme is not used, without echoing it', async () => {
    setProxyEnv({ http_proxy: 'robot:secret@proxy.corp:3128' });
    const logs: string[] = [];
    const fetch = createProxyFetch((m) => logs.push(m))!;
    // Direct: the lookup of the (unresolvable) API host itself fails, not a proxy's.
    for (let i = 0; i < 2; i++) {
      const err: unknown = await fetch('http://github.direct.test/rate_limit').catch((e) => e);
      expect((err as { cause?: { hostname?: string } }).cause?.hostname).toBe('github.direct.test');
    }
    expect(logs).toEqual([
      'The http_proxy variable has no host name (write it as http://host:port); requests to github.direct.test go direct.',
    ]);
  });

  it('sends requests the proxy does not apply to through the global fetch', async () => {
    const port = await origin();
    proxy = await startConnectProxy({ targetPort: port });
    setProxyEnv({ http_proxy: `http://127.0.0.1:${proxy.port}` });
    const fetch = createProxyFetch(() => undefined)!;
    const res = await fetch(`http://127.0.0.1:${port}/direct`);
    expect(await res.json()).toMatchObject({ path: '/direct' });
    expect(proxy.connects).toEqual([]);
  });
});
