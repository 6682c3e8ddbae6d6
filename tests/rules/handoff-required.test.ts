// handoff-required: a scheduled product issue is handed to project through a project-owned
// sub-issue or a project assignee (seeds 000 / 002 / 003; see the rule module).
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import type { IssueFacts } from '../../src/types.js';
import { issue, onlyRules, TODAY } from '../engine/helpers.js';

const config = onlyRules(['handoff-required'], { rules: { 'handoff-required': 'notice' } });
const run = (issues: IssueFacts[], scope: 'backlog' | 'issue' = 'backlog', cfg = config) =>
  lint(issues, { config: cfg, today: TODAY, scope }).findings.map(
    (f) => `#${f.issue} ${f.message}`,
  );

describe('handoff-required', () => {
  it('flags a scheduled product issue with no project sub-issue and no project assignee', () => {
    const findings = run([
      issue({ number: 1, labels: ['feature'], milestone: 'v2', assignees: ['alice'] }),
    ]);
    expect(findings).toEqual([
      '#1 #1 is a feature issue owned by product and is scheduled (milestone "v2") but has no sub-issue and no project assignee; hand it off: add a sub-issue owned by project or assign a project member',
    ]);
  });

  it('is satisfied by a project-owned sub-issue (parent link), in any order of pages', () => {
    const parent = issue({ number: 1, labels: ['feature'], milestone: 'v2', subIssues: 1 });
    const child = issue({ number: 2, labels: ['budget'], parent: 1 });
    expect(run([parent, child])).toEqual([]);
    expect(run([child, parent])).toEqual([]);
  });

  it('is not satisfied by a sub-issue owned by product', () => {
    const parent = issue({ number: 1, labels: ['feature'], milestone: 'v2', subIssues: 1 });
    const child = issue({ number: 2, labels: ['roadmap'], parent: 1 });
    expect(run([parent, child])).toEqual([
      expect.stringContaining('has 1 sub-issue, none owned by project and no project assignee'),
    ]);
  });

  it('is satisfied by a project assignee', () => {
    expect(
      run([issue({ number: 1, labels: ['feature'], milestone: 'v2', assignees: ['bob'] })]),
    ).toEqual([]);
  });

  it('stays quiet when some sub-issues were not read (closed, elsewhere): they may be the handoff', () => {
    expect(run([issue({ number: 1, labels: ['feature'], milestone: 'v2', subIssues: 2 })])).toEqual(
      [],
    );
    // Issue mode: GitHub says there are none, so the issue alone decides.
    expect(
      run([issue({ number: 1, labels: ['feature'], milestone: 'v2', subIssues: 0 })], 'issue'),
    ).toHaveLength(1);
  });

  it('needs scheduling: a milestone by default, or configured labels / issue types', () => {
    expect(run([issue({ number: 1, labels: ['feature'] })])).toEqual([]);
    const byLabel = onlyRules(['handoff-required'], {
      rules: {
        'handoff-required': [
          'notice',
          { milestone: false, labels: ['planned*'], 'issue-types': ['Feature'] },
        ],
      },
    });
    expect(
      run([issue({ number: 1, labels: ['feature'], milestone: 'v2' })], 'backlog', byLabel),
    ).toEqual([]);
    expect(
      run([issue({ number: 2, labels: ['feature', 'Planned Q3'] })], 'backlog', byLabel),
    ).toEqual([expect.stringContaining('scheduled (label "Planned Q3")')]);
    expect(run([issue({ number: 3, issueType: 'Feature' })], 'backlog', byLabel)).toEqual([
      expect.stringContaining('scheduled (issue type Feature)'),
    ]);
  });

  it('ignores project issues and issues of other repositories as children', () => {
    expect(run([issue({ number: 1, labels: ['budget'], milestone: 'v2' })])).toEqual([]);
    const parent = issue({ number: 1, labels: ['feature'], milestone: 'v2' });
    const elsewhere = issue({ number: 2, labels: ['budget'], parent: 1, repository: 'acme/other' });
    expect(run([parent, elsewhere])).toHaveLength(1);
  });

  it('is waived like any rule', () => {
    const waived = issue({
      number: 1,
      labels: ['feature'],
      milestone: 'v2',
      directives: ['<!-- backlog-lint-disable handoff-required -->'],
    });
    expect(run([waived])).toEqual([]);
  });

  it('is skipped with one notice while project has no members', () => {
    const noMembers = onlyRules(['handoff-required'], {
      roles: {
        product: { members: ['alice'], label: null, defaultAssignee: null },
        project: { members: [], label: null, defaultAssignee: null },
      },
      rules: { 'handoff-required': 'notice' },
    });
    const result = lint(
      [
        issue({ number: 1, labels: ['feature'], milestone: 'v2' }),
        issue({ number: 2, labels: ['feature'], milestone: 'v3' }),
      ],
      { config: noMembers, today: TODAY, scope: 'backlog' },
    );
    expect(result.findings).toEqual([]);
    expect(result.notices.filter((n) => n.rule === 'handoff-required')).toHaveLength(1);
  });
});
