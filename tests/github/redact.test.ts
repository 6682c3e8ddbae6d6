import { describe, expect, it } from 'vitest';
import { redact, redactError, registerSecret } from '../../src/github/redact.js';
import { isRateLimited } from '../../src/github/errors.js';

describe('redact', () => {
  it('removes a registered token wherever it appears', () => {
    registerSecret('s3cr3t-token-value-123');
    expect(redact('a s3cr3t-token-value-123 b')).toBe('a [REDACTED] b');
  });

  it('removes any Authorization value, whatever its scheme or quoting', () => {
    for (const text of [
      'authorization: token abcdef0123456789',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x',
      '{"authorization":"token abcdef0123456789"}',
      'AUTHORIZATION=basic dXNlcjpwYXNz',
      '\\"authorization\\": \\"token abc123\\"',
    ]) {
      const out = redact(text);
      expect(out, text).toContain('[REDACTED]');
      expect(out, text).not.toMatch(/abcdef0123456789|eyJhbGci|dXNlcjpwYXNz|abc123/);
    }
  });

  it('removes token-shaped words and `Bearer x` anywhere', () => {
    expect(redact('got ghp_abcdefghijklmnopqrstuvwxyz0123456789 here')).toBe('got [REDACTED] here');
    expect(redact('github_pat_11ABCDEFG0123456789_abcdefghijklmnop')).toBe('[REDACTED]');
    expect(redact('use Bearer abcdefghij0123456789 now')).toBe('use Bearer [REDACTED] now');
  });

  it('finds a registered secret with regex characters in it, exactly and only it', () => {
    // The one search for secrets and words is built from the secrets. Unescaped, these would
    // not match themselves (`+`, `{2}`, `^`, `$`, a `[` or a trailing `\` swallowing what
    // follows) or would not compile (`(`): the secret would be left in the text, or
    // registerSecret would throw. (`.`, `|` and `]` unescaped only make the search hit more
    // often; the exact path decides.)
    const secrets = [
      'p.a*s+s?(w)[o]{r}|d^$\\x',
      'ab{2}cdefgh',
      'open(paren1',
      'open[bracket',
      'endswith\\',
    ];
    for (const secret of secrets) {
      expect(() => registerSecret(secret), secret).not.toThrow();
      expect(redact(`x ${secret} y`), secret).toBe('x [REDACTED] y');
    }
    // The exact path: what the search lets through case-insensitively is not replaced.
    expect(redact(`x ${secrets[0]!.toUpperCase()} y`)).toBe(`x ${secrets[0]!.toUpperCase()} y`);
  });

  it('leaves ordinary prose alone', () => {
    const text = 'The token cannot write to acme/widgets: grant issues: write (HTTP 403)';
    expect(redact(text)).toBe(text);
  });

  it('redactError cleans the message and the response body in place', () => {
    const err = Object.assign(new Error('Bad: authorization: token abc123def456'), {
      response: { data: { message: 'echo Authorization: token abc123def456', n: 1 } },
    });
    redactError(err);
    expect(err.message).toBe('Bad: authorization: [REDACTED]');
    expect(err.response.data).toEqual({ message: 'echo Authorization: [REDACTED]', n: 1 });
  });
});

describe('isRateLimited', () => {
  const err = (status: number, headers: Record<string, string>) => ({
    status,
    response: { headers },
  });
  it('by headers: 429, 403 with x-ratelimit-remaining 0, 403 with retry-after', () => {
    expect(isRateLimited(err(429, {}))).toBe(true);
    expect(isRateLimited(err(403, { 'x-ratelimit-remaining': '0' }))).toBe(true);
    expect(isRateLimited(err(403, { 'retry-after': '60' }))).toBe(true);
  });
  it('a 403 with quota left and no retry-after is a permission problem, whatever it says', () => {
    expect(isRateLimited(err(403, { 'x-ratelimit-remaining': '4999' }))).toBe(false);
    expect(isRateLimited({ status: 403, message: 'rate limit', response: { headers: {} } })).toBe(
      false,
    );
    expect(isRateLimited(err(500, { 'retry-after': '1' }))).toBe(false);
  });
});
