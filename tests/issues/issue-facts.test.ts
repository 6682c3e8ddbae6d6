import { describe, expect, it } from 'vitest';
import {
  extractDirectives,
  fromGhIssue,
  fromGraphqlIssue,
  fromRestIssue,
  IssueShapeError,
  MAX_DIRECTIVES,
} from '../../src/issues/index.js';
import { scanSegment, scanSegmentByCharacter } from '../../src/issues/directives.js';

const D = '<!-- backlog-lint-disable owner-role until=2026-01-31 reason="hiring" -->';

const restIssue = {
  id: 1,
  node_id: 'I_1',
  number: 12,
  title: '[Budget] Q3 cloud costs',
  html_url: 'https://github.com/acme/widgets/issues/12',
  state: 'open',
  user: { login: 'carol', type: 'User' },
  labels: [{ id: 3, name: 'budget', color: 'fff' }, 'cost: cloud'],
  assignee: { login: 'bob' },
  assignees: [{ login: 'bob' }, { login: 'Alice' }],
  milestone: { number: 2, title: 'Q3' },
  type: { id: 9, name: 'Task', color: 'blue' },
  body: `Some text\n${D}\nmore`,
};

describe('fromRestIssue', () => {
  it('keeps compact facts only', () => {
    expect(fromRestIssue(restIssue)).toEqual({
      number: 12,
      title: '[Budget] Q3 cloud costs',
      url: 'https://github.com/acme/widgets/issues/12',
      state: 'open',
      labels: ['budget', 'cost: cloud'],
      assignees: ['bob', 'Alice'],
      author: 'carol',
      milestone: 'Q3',
      issueType: 'Task',
      directives: [D],
    });
  });

  it('missing / null milestone, type, user, labels and body', () => {
    expect(
      fromRestIssue({ number: 1, title: 't', milestone: null, type: null, user: null, body: null }),
    ).toEqual({
      number: 1,
      title: 't',
      url: '',
      state: 'open',
      labels: [],
      assignees: [],
      author: null,
      milestone: null,
      issueType: null,
      directives: [],
    });
  });

  it('falls back to the single `assignee` when `assignees` is absent', () => {
    expect(fromRestIssue({ number: 1, title: 't', assignee: { login: 'x' } })?.assignees).toEqual([
      'x',
    ]);
  });

  it('returns null for pull requests', () => {
    expect(
      fromRestIssue({
        ...restIssue,
        pull_request: { url: 'https://api.github.com/repos/a/b/pulls/12' },
      }),
    ).toBeNull();
    // A null pull_request (some exports) is not a pull request.
    expect(fromRestIssue({ ...restIssue, pull_request: null })).not.toBeNull();
  });

  it('names the bad field', () => {
    expect(() => fromRestIssue({ title: 'x' })).toThrow(
      new IssueShapeError('number', 'missing "number" (expected a positive integer)'),
    );
    expect(() => fromRestIssue({ number: '3', title: 'x' })).toThrow(
      /"number" must be a positive integer, got the string "3"/,
    );
    expect(() => fromRestIssue({ number: 3 })).toThrow(/missing "title"/);
    expect(() => fromRestIssue({ number: 3, title: 'x', labels: [{ id: 1 }] })).toThrow(
      /"labels\[0\]" must be a string or an object with "name"/,
    );
    expect(() => fromRestIssue({ number: 3, title: 'x', state: 'merged' })).toThrow(
      /"state" must be "open" or "closed"/,
    );
    expect(() => fromRestIssue(null)).toThrow(/expected an issue object, got null/);
  });
});

describe('fromGraphqlIssue', () => {
  it('reads connections, upper-case state and issueType', () => {
    expect(
      fromGraphqlIssue({
        number: 4,
        title: 'Roadmap',
        url: 'https://github.com/acme/widgets/issues/4',
        state: 'CLOSED',
        body: D,
        author: null, // deleted user
        labels: { nodes: [{ name: 'roadmap' }, null] },
        assignees: { nodes: [{ login: 'alice' }] },
        milestone: null,
        issueType: { name: 'Feature' },
        repository: { nameWithOwner: 'acme/widgets' },
      }),
    ).toEqual({
      number: 4,
      title: 'Roadmap',
      url: 'https://github.com/acme/widgets/issues/4',
      state: 'closed',
      labels: ['roadmap'],
      assignees: ['alice'],
      author: null,
      milestone: null,
      issueType: 'Feature',
      directives: [D],
    });
  });

  it('issueType absent (servers without issue types) is null', () => {
    expect(fromGraphqlIssue({ number: 1, title: 't', labels: { nodes: [] } }).issueType).toBeNull();
  });
});

describe('fromGhIssue', () => {
  it('reads `gh issue list --json` output', () => {
    expect(
      fromGhIssue({
        number: 8,
        title: 'Pricing page',
        url: 'https://github.com/acme/widgets/issues/8',
        state: 'OPEN',
        labels: [{ id: 'LA_1', name: 'pricing', description: '', color: 'fff' }],
        assignees: [{ id: 'U_1', login: 'alice', name: 'Alice' }],
        milestone: { number: 1, title: 'v2', description: '', dueOn: null },
        author: { id: 'U_2', is_bot: false, login: 'dave', name: 'Dave' },
        body: 'plain',
      }),
    ).toEqual({
      number: 8,
      title: 'Pricing page',
      url: 'https://github.com/acme/widgets/issues/8',
      state: 'open',
      labels: ['pricing'],
      assignees: ['alice'],
      author: 'dave',
      milestone: 'v2',
      issueType: null,
      directives: [],
    });
  });

  it('is lenient: labels and assignees as strings, no url / state / milestone', () => {
    expect(
      fromGhIssue({
        number: 2,
        title: 't',
        labels: ['a', 'b'],
        assignees: ['x'],
        author: { login: 'y' },
      }),
    ).toMatchObject({
      url: '',
      state: 'open',
      labels: ['a', 'b'],
      assignees: ['x'],
      milestone: null,
    });
  });

  it('spells gh bot authors as GitHub logins', () => {
    expect(
      fromGhIssue({ number: 2, title: 't', author: { is_bot: true, login: 'app/dependabot' } })
        .author,
    ).toBe('dependabot[bot]');
  });
});

describe('extractDirectives', () => {
  it('returns the raw text of every directive comment', () => {
    const body = `a <!--backlog-lint-disable--> b\n<!-- BACKLOG-LINT-DISABLE single-owner\n reason="multi\nline" -->\n${D}`;
    expect(extractDirectives(body)).toEqual([
      '<!--backlog-lint-disable-->',
      '<!-- BACKLOG-LINT-DISABLE single-owner\n reason="multi\nline" -->',
      D,
    ]);
  });

  it('ignores other comments and look-alikes', () => {
    expect(
      extractDirectives(
        '<!-- note --> <!-- backlog-lint-disabled x --> <!-- see backlog-lint-disable --> backlog-lint-disable',
      ),
    ).toEqual([]);
    expect(extractDirectives(null)).toEqual([]);
    expect(extractDirectives(undefined)).toEqual([]);
    expect(extractDirectives('')).toEqual([]);
  });

  it('ignores directives inside fenced code blocks and inline code (documentation)', () => {
    const body = [
      'How to waive:',
      '```markdown',
      D,
      '```',
      '~~~~',
      '<!-- backlog-lint-disable in-tilde -->',
      '```',
      '<!-- backlog-lint-disable still-in-tilde -->',
      '~~~~',
      'inline: `<!-- backlog-lint-disable inline -->` and ``a ` <!-- backlog-lint-disable x --> ``',
      '<!-- backlog-lint-disable real -->',
      '    ```',
      '<!-- backlog-lint-disable after-indented-text -->',
    ].join('\n');
    // A four-space "fence" is not a fence (and after a paragraph line not code either).
    expect(extractDirectives(body)).toEqual([
      '<!-- backlog-lint-disable real -->',
      '<!-- backlog-lint-disable after-indented-text -->',
    ]);
  });

  it('keeps a directive whose reason contains backticks, and one after an unmatched backtick', () => {
    const c = '<!-- backlog-lint-disable owner-role reason="use `gh`" -->';
    expect(extractDirectives(`a \` b\n\n${c}`)).toEqual([c]);
  });

  it('an unclosed fence hides the rest of the body', () => {
    expect(extractDirectives(`\`\`\`\n${D}`)).toEqual([]);
  });

  it('is capped', () => {
    expect(extractDirectives(Array.from({ length: 50 }, () => D).join('\n'))).toHaveLength(
      MAX_DIRECTIVES,
    );
  });
});

describe('fromGraphqlIssue bot authors', () => {
  it('spells a GraphQL Bot author like REST does, so ignore.authors matches', () => {
    const base = {
      number: 1,
      title: 't',
      url: '',
      state: 'OPEN',
      body: '',
      labels: { nodes: [] },
      assignees: { nodes: [] },
    };
    expect(
      fromGraphqlIssue({ ...base, author: { __typename: 'Bot', login: 'dependabot' } }).author,
    ).toBe('dependabot[bot]');
    expect(
      fromGraphqlIssue({ ...base, author: { __typename: 'User', login: 'alice' } }).author,
    ).toBe('alice');
  });
});

describe('sub-issue facts', () => {
  it('REST: parent_issue_url in the same repository and sub_issues_summary.total', () => {
    const base = {
      number: 5,
      title: 't',
      url: 'https://api.github.com/repos/acme/rocket/issues/5',
    };
    expect(
      fromRestIssue({
        ...base,
        parent_issue_url: 'https://api.github.com/repos/acme/rocket/issues/2',
        sub_issues_summary: { total: 3, completed: 1, percent_completed: 33 },
      }),
    ).toMatchObject({ parent: 2, subIssues: 3 });
    // A parent in another repository shares numbers with nothing here.
    expect(
      fromRestIssue({
        ...base,
        parent_issue_url: 'https://api.github.com/repos/acme/other/issues/2',
      }),
    ).toMatchObject({ parent: null });
    // Not said: absent.
    const plain = fromRestIssue(base);
    expect(plain && 'parent' in plain).toBe(false);
    expect(plain && 'subIssues' in plain).toBe(false);
  });

  it('GraphQL: parent { number repository } and subIssuesSummary { total }', () => {
    const node = {
      number: 5,
      title: 't',
      url: 'https://github.com/acme/rocket/issues/5',
      parent: { number: 2, repository: { nameWithOwner: 'acme/rocket' } },
      subIssuesSummary: { total: 0 },
    };
    expect(fromGraphqlIssue(node)).toMatchObject({ parent: 2, subIssues: 0 });
    expect(
      fromGraphqlIssue({ ...node, parent: { number: 2, repository: { nameWithOwner: 'x/y' } } }),
    ).toMatchObject({ parent: null });
    expect(fromGraphqlIssue({ ...node, parent: null })).toMatchObject({ parent: null });
  });
});

describe('the directive scan', () => {
  // Bodies built from what the scan acts on (escapes, code spans of several lengths, comments
  // opened and not closed, directives, paragraph breaks) and plain text between them.
  const PIECES = [
    'text ',
    'a',
    '\\',
    '\\`',
    '`',
    '``',
    '```',
    '<',
    '<!--',
    '-->',
    '<!-- note -->',
    '<!-- backlog-lint-disable owner-role -->',
    '<!--backlog-lint-disable-->',
    '<b>',
    '\n',
    '\n\n',
    ' \t\n',
    'é',
  ];
  it('finds what a scan one character at a time finds, on 20,000 generated segments', () => {
    // Park–Miller: the product stays below 2^53, so every step is exact in a double.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * n);
    };
    const pieceUses = PIECES.map(() => 0);
    const lengths = new Set<number>();
    let withDirectives = 0;
    for (let k = 0; k < 20000; k++) {
      const parts: string[] = [];
      const length = random(24) + 1;
      lengths.add(length);
      for (let p = 0; p < length; p++) {
        const piece = random(PIECES.length);
        pieceUses[piece] = (pieceUses[piece] ?? 0) + 1;
        parts.push(PIECES[piece] ?? '');
      }
      const s = parts.join('');
      const fast: string[] = [];
      const slow: string[] = [];
      scanSegment(s, fast);
      scanSegmentByCharacter(s, slow);
      expect(fast, JSON.stringify(s)).toEqual(slow);
      if (slow.length > 0) withDirectives += 1;
    }
    // The corpus exercises every piece, every length and the directives, not only their absence.
    expect(Math.min(...pieceUses)).toBeGreaterThan(10000);
    expect(lengths.size).toBe(24);
    expect(withDirectives).toBeGreaterThan(2000);
  });
});
