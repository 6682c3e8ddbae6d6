// Token behaviour. A token maps to an identity (who `viewer` is) and permissions like a GitHub
// App installation token (the workflow's GITHUB_TOKEN) or a personal access token. Unknown
// tokens get `unknownTokens` (full access by default) unless `rejectUnknownTokens` is set, in
// which case they answer 401 "Bad credentials".

export type Access = 'none' | 'read' | 'write';

export interface TokenSpec {
  /** Login `viewer` resolves to (`github-actions[bot]` for the workflow token). */
  login: string;
  /** `installation` tokens get "Resource not accessible by integration" 403s; `user` tokens plain 403/404s. */
  kind: 'installation' | 'user';
  issues: Access;
  pullRequests: Access;
  contents: Access;
  /** Organisation members / teams. */
  members: 'none' | 'read';
  /** What a team read answers without `members` access (GitHub gives 403 to installation tokens; 404 for secret teams). */
  teamDenial: 403 | 404;
}

export type TokenPreset = 'admin' | 'github-token' | 'read-only' | 'no-org';

export const TOKEN_PRESETS: Record<TokenPreset, TokenSpec> = {
  /** A maintainer's personal access token: everything, org members included. */
  admin: {
    login: 'octocat',
    kind: 'user',
    issues: 'write',
    pullRequests: 'write',
    contents: 'write',
    members: 'read',
    teamDenial: 403,
  },
  /** The default workflow GITHUB_TOKEN: writes issues/PRs, cannot read org teams. */
  'github-token': {
    login: 'github-actions[bot]',
    kind: 'installation',
    issues: 'write',
    pullRequests: 'write',
    contents: 'read',
    members: 'none',
    teamDenial: 403,
  },
  /** A read-only workflow token (`permissions: read-all`, or a pull request from a fork). */
  'read-only': {
    login: 'github-actions[bot]',
    kind: 'installation',
    issues: 'read',
    pullRequests: 'read',
    contents: 'read',
    members: 'none',
    teamDenial: 403,
  },
  /** A user token without `read:org`: team reads answer 404 like a team it cannot see. */
  'no-org': {
    login: 'octocat',
    kind: 'user',
    issues: 'write',
    pullRequests: 'write',
    contents: 'write',
    members: 'none',
    teamDenial: 404,
  },
};

export interface Identity {
  token: string | null;
  spec: TokenSpec;
}

export class Permissions {
  readonly tokens = new Map<string, TokenSpec>();
  /** Behaviour of tokens not registered with `setToken`. */
  unknownTokens: TokenSpec = { ...TOKEN_PRESETS.admin };
  /** Answer 401 "Bad credentials" to tokens not registered. */
  rejectUnknownTokens = false;
  /** Answer requests without `Authorization` as anonymous (reads only; GraphQL needs a token). */
  allowAnonymous = true;

  /** Registers a token with a preset or a spec (partial specs extend `admin`). */
  setToken(token: string, spec: TokenPreset | Partial<TokenSpec> = 'admin'): this {
    const full =
      typeof spec === 'string' ? TOKEN_PRESETS[spec] : { ...TOKEN_PRESETS.admin, ...spec };
    this.tokens.set(token, { ...full });
    return this;
  }

  /** Accept only these tokens (others answer 401). */
  only(tokens: Record<string, TokenPreset | Partial<TokenSpec>>): this {
    this.tokens.clear();
    for (const [t, s] of Object.entries(tokens)) this.setToken(t, s);
    this.rejectUnknownTokens = true;
    return this;
  }

  /** Makes every token behave like `spec` (e.g. `'read-only'`). */
  setDefault(spec: TokenPreset | Partial<TokenSpec>): this {
    this.unknownTokens =
      typeof spec === 'string' ? { ...TOKEN_PRESETS[spec] } : { ...TOKEN_PRESETS.admin, ...spec };
    return this;
  }

  /**
   * Resolves an Authorization header: `token X`, `Bearer X` or Basic (password = token).
   * Returns null for a bad credential, 'anonymous' without a header.
   */
  identify(header: string | undefined): Identity | 'anonymous' | null {
    if (!header) return 'anonymous';
    const m = /^\s*(token|bearer|basic)\s+(\S+)\s*$/i.exec(header);
    if (!m || !m[1] || !m[2]) return null;
    let token = m[2];
    if (m[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      token = i >= 0 ? decoded.slice(i + 1) : decoded;
    }
    const spec = this.tokens.get(token);
    if (spec) return { token, spec };
    if (this.rejectUnknownTokens) return null;
    return { token, spec: this.unknownTokens };
  }
}

export const ANONYMOUS: TokenSpec = {
  login: '',
  kind: 'user',
  issues: 'read',
  pullRequests: 'read',
  contents: 'read',
  members: 'none',
  teamDenial: 404,
};

export function allows(have: Access, need: 'read' | 'write'): boolean {
  return need === 'read' ? have !== 'none' : have === 'write';
}
