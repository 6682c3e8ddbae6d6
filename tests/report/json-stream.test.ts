import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redact, registerSecret } from '../../src/github/redact.js';
import { buildJsonReport } from '../../src/report/json.js';
import {
  ELEMENTS_PER_PIECE,
  streamJsonReport,
  writeAll,
  writeJsonReportFile,
  type WriteSync,
} from '../../src/report/json-stream.js';
import type { ReportModel } from '../../src/types.js';
import { finding, issue, model, sampleModel } from './fixtures.js';

const today = (m: ReportModel): string => `${JSON.stringify(buildJsonReport(m), null, 2)}\n`;

function streamed(
  m: ReportModel,
  transform?: (t: string) => string,
): { text: string; pieces: string[] } {
  const pieces: string[] = [];
  streamJsonReport(m, (t) => pieces.push(t), transform);
  return { text: pieces.join(''), pieces };
}

/** Every optional field present: baseline, incomplete reason, run URL, cost, skips of both kinds. */
function fullModel(): ReportModel {
  return sampleModel({
    complete: false,
    incompleteReason: 'rate limit "exhausted"\nat page 3',
    runUrl: 'https://github.com/acme/widgets/actions/runs/1',
    dryRun: true,
    skipped: [{ item: 'pull request #5', reason: 'not an issue' }],
    writes: [{ kind: 'comment', issue: 12, description: 'sticky comment', done: false }],
    cost: { points: 14, requests: 7, remaining: 4986, resetAt: '2026-12-02T19:00:00Z' },
    baseline: {
      source: '.github/backlog-lint-baseline.json',
      known: [finding(20, 'milestone-required', 'notice', 'No milestone\twith "quotes" \\ é 🚀')],
      knownCounts: { error: 0, warning: 0, notice: 1 },
      fixed: [
        { issue: 15, rule: 'owner-label', subject: 'owner: product' },
        { issue: 16, rule: 'owner-required', subject: '' },
      ],
    },
  });
}

describe('streamJsonReport', () => {
  it('writes exactly the text of JSON.stringify(buildJsonReport(model), null, 2)', () => {
    for (const m of [fullModel(), sampleModel(), model()]) expect(streamed(m).text).toBe(today(m));
  });

  it('is byte-identical on an ambiguous issue, empty arrays and a larger backlog', () => {
    const issues = Array.from({ length: 300 }, (_, k) =>
      issue(k + 1, {
        title: `Issue ${k + 1} <b>@team</b> "x"\n`,
        ...(k % 7 === 0 && { type: null, ownerRole: null, signal: null, types: ['bug', 'budget'] }),
        ...(k % 11 === 0 && { status: 'ignored' as const, ignoredReason: 'label wontfix' }),
      }),
    );
    const findings = issues.flatMap((i) =>
      i.number % 3 === 0 ? [finding(i.number, 'owner-required', 'warning')] : [],
    );
    const m = model({ result: { issues, findings } });
    expect(streamed(m).text).toBe(today(m));
    const empty = model({ result: { issues: [issue(1, { status: 'ignored' })] } });
    expect(streamed(empty).text).toBe(today(empty));
  });

  it('writes the large arrays in bounded pieces, not the report in one string', () => {
    const issues = Array.from({ length: 3000 }, (_, k) => issue(k + 1));
    const findings = issues.map((i) => finding(i.number, 'owner-required', 'warning'));
    const m = model({ result: { issues, findings } });
    const { text, pieces } = streamed(m);
    expect(text).toBe(today(m));
    // 3,000 findings and 3,000 issues: at most ELEMENTS_PER_PIECE elements in a piece.
    const elements = (p: string) => p.match(/\n {4}\{/g)?.length ?? 0;
    expect(Math.max(...pieces.map(elements))).toBe(ELEMENTS_PER_PIECE);
    expect(pieces.length).toBeGreaterThan((2 * 3000) / ELEMENTS_PER_PIECE);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(text.length / 10);
  });

  it('redacts a secret in any element, as redacting the whole text does', () => {
    const token = 'ghs_streamSecretToken0123456789abcdef';
    registerSecret(token);
    const m = fullModel();
    m.result.findings[0]!.message = `failed with token ${token}`;
    m.result.issues[1]!.title = `leak ${token} here`;
    m.skipped.push({ item: 'request', reason: `authorization: bearer ${token}` });
    const text = streamed(m, redact).text;
    expect(text).not.toContain(token);
    expect(text).not.toContain('ghs_stream');
    expect(text).toBe(redact(today(m)));
    // The finding's message, #15's title (carried by its finding) and the skip's reason.
    expect(text.match(/\[REDACTED\]/g)).toHaveLength(3);
  });
});

describe('writeJsonReportFile', () => {
  const dirs: string[] = [];
  const tmp = (): string => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'json-stream-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes the report file, the same bytes as before', () => {
    const file = path.join(tmp(), 'report.json');
    writeJsonReportFile(file, fullModel());
    expect(readFileSync(file, 'utf8')).toBe(today(fullModel()));
  });

  it('throws on a failed write and leaves no truncated report behind', () => {
    const dir = tmp();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'previous');
    const issues = Array.from({ length: 3000 }, (_, k) => issue(k + 1));
    const m = model({ result: { issues } });
    let writes = 0;
    const full = (): void => {
      if (++writes === 2)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    expect(() => writeJsonReportFile(file, m, undefined, { write: full })).toThrow(/ENOSPC/);
    expect(writes).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes all of a piece the system wrote only part of, multi-byte characters included', () => {
    const file = path.join(tmp(), 'report.json');
    const issues = Array.from({ length: 300 }, (_, k) =>
      issue(k + 1, { title: `Ünïcödé title 🐛 ${k}` }),
    );
    const m = model({ result: { issues } });
    // Like a write to a pipe or a full disk's last blocks: at most 1,000 bytes a call.
    let calls = 0;
    function short(fd: number, data: string | Uint8Array, offset = 0, length?: number): number {
      calls += 1;
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const end = Math.min(offset + (length ?? bytes.length - offset), offset + 1000);
      return writeSync(fd, bytes.subarray(offset, end));
    }
    writeJsonReportFile(file, m, undefined, {
      write: (fd, text) => writeAll(fd, text, short as WriteSync),
    });
    const expected = today(m);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    // Every 1,000 bytes took a call of their own.
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(Buffer.byteLength(expected) / 1000));
  });

  it('throws when the file cannot be created', () => {
    const file = path.join(tmp(), 'missing-dir', 'report.json');
    expect(() => writeJsonReportFile(file, sampleModel())).toThrow(/ENOENT/);
    expect(existsSync(file)).toBe(false);
  });
});
