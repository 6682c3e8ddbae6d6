// Primary rate-limit buckets, per resource (core, graphql, search) and token kind, like GitHub:
// an hour window, `x-ratelimit-*` headers on every answer, 403 when exhausted.

export type Resource = 'core' | 'graphql' | 'search';
export type TokenClass = 'installation' | 'user' | 'anonymous';

export interface Bucket {
  limit: number;
  used: number;
  /** Epoch seconds. */
  reset: number;
}

const LIMITS: Record<TokenClass, Record<Resource, number>> = {
  // The workflow GITHUB_TOKEN: 1,000 requests per hour per repository.
  installation: { core: 1000, graphql: 1000, search: 30 },
  user: { core: 5000, graphql: 5000, search: 30 },
  anonymous: { core: 60, graphql: 0, search: 10 },
};

export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly overrides = new Map<
    Resource,
    { limit?: number; remaining?: number; resetIn?: number }
  >();

  bucket(cls: TokenClass, resource: Resource, nowMs = Date.now()): Bucket {
    const key = `${cls}:${resource}`;
    const now = Math.floor(nowMs / 1000);
    let b = this.buckets.get(key);
    if (b && now >= b.reset) {
      // The window passed: a fresh hour (overrides apply once, to the first window).
      b = { limit: b.limit, used: 0, reset: now + 3600 };
      this.buckets.set(key, b);
    }
    if (!b) {
      const o = this.overrides.get(resource);
      const limit = o?.limit ?? LIMITS[cls][resource];
      b = {
        limit,
        used: o?.remaining !== undefined ? Math.max(0, limit - o.remaining) : 0,
        reset: now + (o?.resetIn ?? 3600),
      };
      this.buckets.set(key, b);
    }
    return b;
  }

  /**
   * Sets a resource's limit / remaining / reset (seconds from now) for every token kind, now
   * and for buckets created later. E.g. `set('core', { remaining: 0, resetIn: 1 })`.
   */
  set(resource: Resource, o: { limit?: number; remaining?: number; resetIn?: number }): void {
    this.overrides.set(resource, o);
    for (const [key, b] of this.buckets) {
      if (!key.endsWith(`:${resource}`)) continue;
      if (o.limit !== undefined) b.limit = o.limit;
      if (o.remaining !== undefined) b.used = Math.max(0, b.limit - o.remaining);
      if (o.resetIn !== undefined) b.reset = Math.floor(Date.now() / 1000) + o.resetIn;
    }
  }

  /** Forgets every bucket and override. */
  reset(): void {
    this.buckets.clear();
    this.overrides.clear();
  }
}

export function remaining(b: Bucket): number {
  return Math.max(0, b.limit - b.used);
}

export function rateHeaders(b: Bucket, resource: Resource): Record<string, string> {
  return {
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(remaining(b)),
    'x-ratelimit-reset': String(b.reset),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-resource': resource,
  };
}
