import { describe, expect, it } from 'vitest';
import { IssueInputError, jsonErrorOffset, readIssuesJson } from '../../src/issues/index.js';

const F = 'backlog.json';

describe('readIssuesJson', () => {
  it('reads REST issue objects and skips pull requests', () => {
    const text = JSON.stringify([
      {
        number: 1,
        title: 'A',
        html_url: 'https://github.com/o/r/issues/1',
        user: { login: 'u' },
        labels: ['x'],
      },
      {
        number: 2,
        title: 'PR',
        html_url: 'https://github.com/o/r/pull/2',
        user: { login: 'u' },
        pull_request: {},
      },
      {
        number: 3,
        title: 'C',
        html_url: 'https://github.com/o/r/issues/3',
        user: { login: 'u' },
        type: { name: 'Bug' },
        state: 'closed',
      },
    ]);
    const { issues, skipped } = readIssuesJson(text, F);
    expect(issues.map((i) => [i.number, i.labels, i.issueType, i.state])).toEqual([
      [1, ['x'], null, 'open'],
      [3, [], 'Bug', 'closed'],
    ]);
    expect(skipped).toEqual([{ item: '#2', reason: 'pull request' }]);
  });

  it('reads `gh issue list --json` output', () => {
    const text = JSON.stringify([
      {
        number: 5,
        title: 'Roadmap',
        url: 'https://github.com/o/r/issues/5',
        state: 'OPEN',
        author: { login: 'alice', is_bot: false },
        labels: [{ name: 'roadmap' }],
        assignees: [{ login: 'bob' }],
        milestone: null,
        body: '<!-- backlog-lint-disable -->',
      },
      {
        number: 6,
        title: 'a PR from gh pr list',
        url: 'https://github.com/o/r/pull/6',
        author: { login: 'x' },
      },
    ]);
    const { issues, skipped } = readIssuesJson(text, F);
    expect(issues).toEqual([
      {
        number: 5,
        title: 'Roadmap',
        url: 'https://github.com/o/r/issues/5',
        state: 'open',
        labels: ['roadmap'],
        assignees: ['bob'],
        author: 'alice',
        milestone: null,
        issueType: null,
        directives: ['<!-- backlog-lint-disable -->'],
      },
    ]);
    expect(skipped).toEqual([{ item: '#6', reason: 'pull request' }]);
  });

  it('accepts a BOM, an empty array, and skips duplicate numbers', () => {
    expect(readIssuesJson('\uFEFF[]', F)).toEqual({ issues: [], skipped: [] });
    const dup = readIssuesJson(
      JSON.stringify([
        { number: 1, title: 'a' },
        { number: 1, title: 'b' },
      ]),
      F,
    );
    expect(dup.issues.map((i) => i.title)).toEqual(['a']);
    expect(dup.skipped).toEqual([{ item: '#1', reason: 'duplicate entry (entry [1])' }]);
  });

  it('names the file, the array index and the missing field on bad input', () => {
    const text = JSON.stringify([
      { number: 1, title: 'ok', author: { login: 'a' } },
      { number: 2, author: { login: 'a' } },
    ]);
    const err = (() => {
      try {
        readIssuesJson(text, F);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(IssueInputError);
    expect((err as IssueInputError).message).toBe(
      'backlog.json: entry [1] (issue #2): missing "title" (expected a string)',
    );
    expect(err).toMatchObject({ file: F, index: 1, field: 'title' });
    expect(() => readIssuesJson('[{"title":"x","user":{"login":"a"}}]', F)).toThrow(
      'backlog.json: entry [0]: missing "number" (expected a positive integer)',
    );
    expect(() => readIssuesJson('[1]', F)).toThrow(
      'backlog.json: entry [0]: expected an issue object, got number',
    );
    expect(() => readIssuesJson('[{"number":1,"title":"x","labels":"bug"}]', F)).toThrow(
      'backlog.json: entry [0] (issue #1): "labels" must be a list, got the string "bug"',
    );
  });

  it('rejects a non-array with a hint about the expected formats', () => {
    expect(() => readIssuesJson('{"issues":[]}', F)).toThrow(
      /backlog\.json: expected a JSON array of issues .*gh issue list --json/,
    );
  });

  it('reports JSON syntax errors with line and column', () => {
    const text = '[\n  {"number": 1, "title": "a"},\n  {"number": 2, "title": }\n]';
    expect(() => readIssuesJson(text, F)).toThrow(
      'backlog.json:3:26: invalid JSON: unexpected "}"',
    );
    try {
      readIssuesJson(text, F);
    } catch (e) {
      expect(e).toMatchObject({ line: 3, column: 26, index: null });
    }
    expect(() => readIssuesJson('[{"number": 1', F)).toThrow(
      'backlog.json:1:14: invalid JSON: unexpected end of input',
    );
    expect(() => readIssuesJson('[]\n[{"number": 1}', F)).toThrow(
      'backlog.json:2:15: invalid JSON: unexpected end of input',
    );
    expect(() => readIssuesJson('[] x', F)).toThrow(
      'backlog.json:1:4: invalid JSON: unexpected "x"',
    );
    // Nothing at all is no issue, not an error (`gh api --paginate --jq '.[]'` on no issues).
    expect(readIssuesJson(' \n', F)).toEqual({ issues: [], skipped: [] });
  });
});

describe('jsonErrorOffset', () => {
  it('is -1 for valid JSON and points at the first bad character otherwise', () => {
    for (const ok of ['[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0']) {
      expect(jsonErrorOffset(ok)).toBe(-1);
      expect(() => JSON.parse(ok)).not.toThrow();
    }
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[01]')).toBe(2);
    expect(jsonErrorOffset('["\\x"]')).toBe(3);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset("['a']")).toBe(1);
  });
});
