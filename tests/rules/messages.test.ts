// Every registered rule's messages: declared, well-formed, and each one reachable. The
// scenarios below name, for every message id of every rule, issues that make the rule
// report it and the text a user then reads; a message id without a scenario fails here.
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { parseTemplate } from '../../src/engine/messages.js';
import { RULES } from '../../src/rules/index.js';
import type { BacklogReport, RuleModule, RuleReport } from '../../src/rules/rule.js';
import type { IssueFacts, RuleId } from '../../src/types.js';
import { issue, onlyRules, options, type ConfigOverrides } from '../engine/helpers.js';

interface Scenario {
  issues: Partial<IssueFacts>[];
  rules?: ConfigOverrides['rules'];
  scope?: 'issue' | 'backlog';
  /** The finding's message (suggestions included) as users see it. */
  message: string;
}

const SCENARIOS: Record<string, Scenario> = {
  'type-required/noType': {
    issues: [{ number: 1 }],
    message: '#1 matches no type: add a type label, a title prefix or a GitHub issue type',
  },
  'type-ambiguous/ambiguous': {
    issues: [{ number: 2, labels: ['feature', 'budget'] }],
    message: '#2 matches types owned by different roles: feature (product), budget (project)',
  },
  'owner-required/noAssignee': {
    issues: [{ number: 3, labels: ['roadmap'] }],
    message: '#3 is a roadmap issue owned by product and has no assignee',
  },
  'owner-role/wrongAssignee': {
    issues: [{ number: 4, labels: ['budget'], assignees: ['alice'] }],
    message: '#4 is a budget issue owned by project, but its assignee is alice (product)',
  },
  'owner-role/wrongAssignees': {
    issues: [{ number: 5, labels: ['risk'], assignees: ['alice', 'zed'] }],
    message:
      '#5 is a risk issue owned by project, but its assignees are alice (product), zed (no role)',
  },
  'owner-unknown/noRole': {
    issues: [{ number: 6, labels: ['budget'], assignees: ['zed'] }],
    message: '#6 is assigned to zed, who belongs to no configured role',
  },
  'owner-label/missing': {
    issues: [{ number: 7, labels: ['budget'], assignees: ['bob'] }],
    message: '#7 is owned by project but lacks its ownership label "owner: project"',
  },
  'owner-label/otherRole': {
    issues: [
      { number: 8, labels: ['budget', 'owner: project', 'owner: product'], assignees: ['bob'] },
    ],
    message: '#8 is owned by project but has the ownership label "owner: product" of product',
  },
  'single-owner/tooMany': {
    issues: [{ number: 9, labels: ['feature'], assignees: ['alice', 'bob', 'zed'] }],
    message: '#9 has 2 assignees from managed roles (alice, bob); at most 1 allowed',
  },
  'milestone-required/noMilestone': {
    issues: [{ number: 10, labels: ['budget'], assignees: ['bob'] }],
    message: '#10 is a budget issue owned by project and has no milestone',
  },
  'owner-capacity/overloaded': {
    issues: [
      { number: 11, labels: ['budget'], assignees: ['carol'] },
      { number: 12, labels: ['risk'], assignees: ['carol'] },
    ],
    rules: { 'owner-capacity': ['notice', { max: 1 }] },
    scope: 'backlog',
    message: 'carol holds 2 open issues owned by project, more than the maximum of 1: #11, #12',
  },
  'handoff-required/noSubIssue': {
    issues: [{ number: 13, labels: ['feature'], assignees: ['alice'], milestone: 'v2' }],
    rules: { 'handoff-required': 'notice' },
    message:
      '#13 is a feature issue owned by product and is scheduled (milestone "v2") but has no sub-issue and no project assignee; hand it off: add a sub-issue owned by project or assign a project member',
  },
  'handoff-required/noSubIssueOwned': {
    issues: [
      { number: 14, labels: ['feature'], assignees: ['alice'], milestone: 'v2', subIssues: 2 },
      { number: 15, labels: ['roadmap'], assignees: ['alice'], parent: 14 },
      { number: 16, labels: ['roadmap'], assignees: ['alice'], parent: 14 },
    ],
    rules: { 'handoff-required': 'notice' },
    message:
      '#14 is a feature issue owned by product and is scheduled (milestone "v2") but has 2 sub-issues, none owned by project and no project assignee; hand it off: add a sub-issue owned by project or assign a project member',
  },
};

/** The rule, noting the message id of every report it makes. */
function recording(rule: RuleModule, seen: Set<string>): RuleModule {
  const note = <R extends RuleReport>(reports: readonly R[]): R[] => {
    for (const report of reports) seen.add(`${rule.id}/${report.messageId}`);
    return [...reports];
  };
  const { check, checkBacklog, checkRelated } = rule;
  return {
    ...rule,
    ...(check && { check: (i, env, o) => note(check(i, env, o)) }),
    ...(checkBacklog && {
      checkBacklog: (b, env, o) => note<BacklogReport>(checkBacklog(b, env, o)),
    }),
    ...(checkRelated && {
      checkRelated: (k, r, env, o) => note<BacklogReport>(checkRelated(k, r, env, o)),
    }),
  };
}

function messageIds(): string[] {
  return RULES.flatMap((rule) => Object.keys(rule.messages).map((id) => `${rule.id}/${id}`));
}

describe('rule messages', () => {
  it('every registered rule declares messages, each a well-formed template', () => {
    for (const rule of RULES) {
      const entries = Object.entries(rule.messages as Record<string, string>);
      expect(entries.length, rule.id).toBeGreaterThan(0);
      for (const [id, template] of entries) {
        expect(parseTemplate(template), `${rule.id}/${id}`).not.toHaveProperty('problem');
      }
    }
  });

  it('has a scenario for every message id of every registered rule, and for nothing else', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(messageIds().sort());
  });

  it.each(Object.entries(SCENARIOS))('%s is reported, and reads as users see it', (key, s) => {
    const ruleId = key.split('/')[0] as RuleId;
    const seen = new Set<string>();
    const config = onlyRules([ruleId], s.rules ? { rules: s.rules } : {});
    const linter = new Linter(
      options(config, { scope: s.scope ?? 'issue' }),
      RULES.map((rule) => recording(rule, seen)),
    );
    linter.add(s.issues.map((facts) => issue(facts)));
    const result = linter.finish();
    expect([...seen]).toContain(key);
    expect(result.findings.map((f) => f.message)).toContain(s.message);
  });
});
