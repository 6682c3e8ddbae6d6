// `--input` takes what `gh` actually writes. `gh api --paginate repos/O/R/issues` prints each
// page's response body as received, back to back (`[...][...]`, no separator); with
// `--slurp` it wraps the pages in one array (`[[...],[...]]`); with `--jq '.[]'` it prints one
// compact object per line (NDJSON). Each shape of the sample backlog must give the same report
// as the flat array, and errors must still say where.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, SAMPLE, SAMPLE_CONFIG, TODAY, run, scratch } from './helpers.js';

const sample = JSON.parse(readFileSync(join(ROOT, SAMPLE), 'utf8')) as Record<string, unknown>[];
/** Pages of 20, as `per_page=20` would return them (the last one shorter). */
const pages = [sample.slice(0, 20), sample.slice(20, 40), sample.slice(40)];

/** GitHub's own example response of `GET /repos/{owner}/{repo}/issues` (from @octokit/openapi). */
function githubExampleIssues(): Record<string, unknown>[] {
  const require = createRequire(import.meta.url);
  const api = require('@octokit/openapi/generated/api.github.com.json') as {
    components: { examples: Record<string, { value: Record<string, unknown>[] }> };
  };
  return api.components.examples['issue-items']!.value;
}

const shapes: Record<string, string> = {
  // GitHub sends compact JSON without a trailing newline: gh concatenates the bodies as is.
  'gh api --paginate': pages.map((p) => JSON.stringify(p)).join(''),
  'gh api --paginate (pretty, one page a line)': pages
    .map((p) => JSON.stringify(p, null, 2))
    .join('\n'),
  'gh api --paginate --slurp': JSON.stringify(pages),
  "gh api --paginate --jq '.[]' (NDJSON)": sample.map((i) => JSON.stringify(i)).join('\n') + '\n',
};

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup) f();
  cleanup = [];
});

function files(content: Record<string, string>): string {
  const s = scratch(content);
  cleanup.push(s.remove);
  return s.dir;
}

const lintArgs = (file: string) => [
  '--input',
  file,
  '--config',
  join(ROOT, SAMPLE_CONFIG),
  '--today',
  TODAY,
  '--format',
  'json',
];

describe('--input with the shapes gh writes', () => {
  it.each(Object.keys(shapes))('%s: the same report as the flat array', async (shape) => {
    const expected = await run(lintArgs(SAMPLE));
    const cwd = files({ 'issues.json': shapes[shape]! });
    const r = await run(lintArgs('issues.json'), { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(expected.code);
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    const want = JSON.parse(expected.stdout) as Record<string, unknown>;
    expect(got.issuesChecked).toBe(want.issuesChecked);
    expect(got.findings).toEqual(want.findings);
    expect(got.skipped).toEqual(want.skipped);
    expect(got.repository).toBe('acme/rocket');
  });

  it('reads from standard input too (gh api --paginate ... | backlog-lint --input -)', async () => {
    const r = await run(lintArgs('-'), { stdin: shapes['gh api --paginate']! });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { issuesChecked: number }).issuesChecked).toBeGreaterThan(30);
  });

  it("reads GitHub's documented issues-list payload in every shape (pull requests skipped)", async () => {
    const [pr] = githubExampleIssues();
    // The documented example is a pull request; the same object without `pull_request` is an issue.
    const issue = {
      ...pr,
      number: 1348,
      html_url: 'https://github.com/octocat/Hello-World/issues/1348',
    };
    delete (issue as { pull_request?: unknown }).pull_request;
    const page = [pr, issue];
    for (const text of [
      JSON.stringify(page) + JSON.stringify([issue]),
      JSON.stringify([page, [issue]]),
      page.map((i) => JSON.stringify(i)).join('\n'),
    ]) {
      const cwd = files({ 'issues.json': text });
      const r = await run(lintArgs('issues.json'), { cwd });
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as {
        repository: string;
        issuesChecked: number;
        skipped: { item: string; reason: string }[];
      };
      expect(report.repository).toBe('octocat/Hello-World');
      expect(report.issuesChecked).toBe(1);
      expect(report.skipped).toEqual(
        expect.arrayContaining([{ item: '#1347', reason: 'pull request' }]),
      );
    }
  });

  it('an empty result says "0 issues read" on stderr and exits 0', async () => {
    for (const text of ['[]', '[[]]', '', '[][]']) {
      const cwd = files({ 'issues.json': text });
      const r = await run(lintArgs('issues.json'), { cwd });
      expect(r.stderr, JSON.stringify(text)).toBe('backlog-lint: 0 issues read from issues.json\n');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { issuesChecked: number }).issuesChecked).toBe(0);
    }
  });

  it('errors say file and position in each shape', async () => {
    const bad = { number: 99, user: { login: 'a' }, html_url: 'https://github.com/a/b/issues/99' };
    const cases: [string, string][] = [
      // the second page, written right after the first: the array's line and the entry
      [
        JSON.stringify([pages[0]![0]]) + '\n' + JSON.stringify([pages[0]![1], bad]),
        'issues.json: entry [1] of the array at line 2 (issue #99): missing "title" (expected a string)',
      ],
      [
        JSON.stringify([[pages[0]![0]], [pages[0]![1], bad]]),
        'issues.json: entry [1][1] (issue #99): missing "title" (expected a string)',
      ],
      [
        [pages[0]![0], pages[0]![1], bad].map((i) => JSON.stringify(i)).join('\n'),
        'issues.json: line 3 (issue #99): missing "title" (expected a string)',
      ],
      [
        '[{"number": 1}]\n{"number": 2,\n',
        'issues.json:3:1: invalid JSON: unexpected end of input',
      ],
      ['[]\n42\n', 'issues.json:2: expected an issue object or an array of them, got number'],
    ];
    for (const [text, message] of cases) {
      const cwd = files({ 'issues.json': text });
      const r = await run(lintArgs('issues.json'), { cwd });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toContain(`backlog-lint: ${message}`);
    }
  });
});
