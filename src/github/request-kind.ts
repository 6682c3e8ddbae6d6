// What a request is, from its Octokit options: its route key (for telemetry and logs),
// whether it is a write (spaced), and whether it is GraphQL (a query or a mutation).
import { isMutation } from './queries.js';

export type RequestOptions = {
  method?: unknown;
  url?: unknown;
  query?: unknown;
  baseUrl?: unknown;
};

function isGraphqlUrl(url: string, graphqlUrl: string): boolean {
  if (url === graphqlUrl || url === '/graphql') return true;
  try {
    return new URL(url, 'http://github.test').pathname.replace(/\/+$/, '').endsWith('/graphql');
  } catch {
    return false;
  }
}

export interface RequestKind {
  /** `GET /repos/{owner}/{repo}/issues/{issue_number}`, `graphql query`, `graphql mutation`. */
  key: string;
  write: boolean;
  graphql: boolean;
}

/** Route key for stats and logs, and whether the request is a write. Never includes headers. */
export function classifyRequest(
  options: RequestOptions,
  graphqlUrl: string,
  baseUrl = '',
): RequestKind {
  const method = String(options.method ?? 'GET').toUpperCase();
  let url = String(options.url ?? '');
  if (isGraphqlUrl(url, graphqlUrl)) {
    const mutation = isMutation(options.query);
    return { key: mutation ? 'graphql mutation' : 'graphql query', write: mutation, graphql: true };
  }
  // Pages after the first come as absolute `link` URLs: keep the path only.
  if (baseUrl && url.startsWith(baseUrl)) url = url.slice(baseUrl.length);
  else if (/^https?:\/\//.test(url)) url = new URL(url).pathname;
  url = url.replace(/\?.*$/, '');
  return { key: `${method} ${url}`, write: method !== 'GET' && method !== 'HEAD', graphql: false };
}
