// Secrets never leave the process in text derived from a response: an API error body may
// echo the request's headers (a proxy, a misbehaving server), and that text reaches the log,
// annotations, the summary, the comment and report.json. `redact` is applied to every such
// text: the client's errors as they are thrown, and each sink of the action as a backstop.

const secrets = new Set<string>();

/** Registers a secret (the token) to be replaced wherever it appears. */
export function registerSecret(secret: string): void {
  // Short strings would redact ordinary words; GitHub tokens are 40+ characters.
  if (secret.length < 8 || secrets.has(secret)) return;
  secrets.add(secret);
  mayContain = prefilter();
}

const REDACTED = '[REDACTED]';

// `Authorization: token X`, `"authorization":"Bearer X"`, `authorization=basic X`: the value
// up to the end of the quoted string / line, whatever the scheme.
const AUTH_HEADER =
  /(authorization\\?["']?\s*[:=]\s*\\?["']?)(?:(?:token|bearer|basic)\s+)?[^\s"'\\,;}]+/gi;
// A scheme followed by a credential-looking word anywhere (`Bearer eyJ...`, `token ghs_...`).
const SCHEME_VALUE = /\b(bearer|token|basic)(\s+)(?=[A-Za-z0-9_.=+/-]*\d)[A-Za-z0-9_.=+/-]{16,}/gi;
// GitHub's token formats (classic PAT, OAuth, user-to-server, server-to-server, refresh, fine-grained).
const GITHUB_TOKEN_SHAPE = /\b(?:gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{20,})\b/g;

// Each pattern above needs one of these words: text without any (most report text) skips
// the three replaces. Case-insensitive, so it also covers the case-sensitive token shapes.
const MAY_MATCH_SOURCE = 'authorization|bearer|token|basic|gh[pousr]_|github_pat_';
const MAY_MATCH = new RegExp(MAY_MATCH_SOURCE, 'i');

// Most text (a 10,000-issue report.json is ~5 MB of it) holds neither a secret nor one of
// those words: one search for any of them lets it through untouched, where a search per
// secret and then one for the words read it twice. Case-insensitive for the secrets too: a
// false hit only takes the exact path below.
let mayContain = prefilter();

function prefilter(): RegExp {
  const escaped = [...secrets].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp([...escaped, MAY_MATCH_SOURCE].join('|'), 'i');
}

/** `text` with every registered secret and any Authorization value replaced by `[REDACTED]`. */
export function redact(text: string): string {
  if (!mayContain.test(text)) return text;
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  if (!MAY_MATCH.test(out)) return out;
  return out
    .replace(AUTH_HEADER, (_m, head: string) => `${head}${REDACTED}`)
    .replace(SCHEME_VALUE, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(GITHUB_TOKEN_SHAPE, REDACTED);
}

/** Redacts an error's message (and a RequestError's response body) in place; returns it. */
export function redactError<T>(err: T): T {
  if (err instanceof Error) {
    try {
      err.message = redact(err.message);
      if (err.stack) err.stack = redact(err.stack);
    } catch {
      // read-only message: the sinks redact it again
    }
    const response = (err as { response?: { data?: unknown } }).response;
    if (response && response.data !== undefined) {
      try {
        response.data = redactValue(response.data);
      } catch {
        // frozen response: the sinks redact what they print
      }
    }
  }
  return err;
}

/** Strings inside a JSON-like value, redacted (a copy). */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v);
    return out;
  }
  return value;
}
