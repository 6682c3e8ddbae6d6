// Test data of the benchmark: configs, a realistic backlog in the emulator (issue-template
// bodies of a few KB, closed issues and pull requests mixed in) and facts for the engine.
import type { IssueFacts } from '../../src/types.js';
import type { Emulator } from '../../tests/emulator/index.js';

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Issue-event config: members are logins only, so no team request is needed. */
export const ISSUE_CONFIG = `version: 1
extends: recommended
roles:
  product:
    members: [alice, dana]
    label: 'owner: product'
  project:
    members: [bob, carol]
    label: 'owner: project'
`;

export const TEAM = { org: 'acme', slug: 'product-managers', members: ['alice', 'dave'] };

/** Backlog config: one `@org/team` member entry, so one team request is expected. */
export const BACKLOG_CONFIG = `version: 1
extends: recommended
roles:
  product:
    members: ['@${TEAM.org}/${TEAM.slug}', dana]
    label: 'owner: product'
    default-assignee: dana
  project:
    members: [bob, carol]
    label: 'owner: project'
rules:
  owner-capacity: [warning, { max: 50 }]
ignore:
  labels: [duplicate, wontfix]
`;

export const BACKLOG_TEAMS = 1;

const PARAGRAPHS = [
  'When a customer opens the billing page after the trial ends, the plan selector shows the legacy tiers and the upgrade button stays disabled until the page is reloaded.',
  'We agreed in the planning review to revisit this before the next milestone; the estimate assumes the API change lands first and that design signs off on the copy.',
  'Steps: sign in with a workspace that has more than one project, open settings, switch the region, and save. The toast says saved but the value is back after a refresh.',
  'Context from the support queue: three enterprise accounts asked for this in the last month, and the account team flagged it as a blocker for two renewals this quarter.',
  'Risk: the vendor contract renews on the first of the month and the new terms change the unit price; finance needs the forecast updated before the budget review.',
  'Proposal: ship behind a flag to the beta cohort, measure activation and retention for two weeks, then decide on general availability in the roadmap sync.',
];

/** An issue-template body of roughly 0.6-3 KB, sometimes with a waiver comment. */
export function issueBody(rand: () => number, n: number): string {
  const pick = () => PARAGRAPHS[Math.floor(rand() * PARAGRAPHS.length)] ?? '';
  const paras = (k: number) => Array.from({ length: k }, pick).join('\n\n');
  const parts = [
    `### What\n\n${paras(1 + Math.floor(rand() * 3))}`,
    `### Why\n\n${paras(1 + Math.floor(rand() * 2))}`,
    `### Acceptance criteria\n\n${Array.from(
      { length: 2 + Math.floor(rand() * 4) },
      (_, i) =>
        `- [${rand() < 0.3 ? 'x' : ' '}] Criterion ${i + 1} of item ${n} is met and verified`,
    ).join('\n')}`,
  ];
  if (rand() < 0.5) parts.push(`### Notes\n\n${paras(1 + Math.floor(rand() * 3))}`);
  if (n % 25 === 0)
    parts.push(
      '<!-- backlog-lint-disable milestone-required until=2099-12-31 reason="standing item" -->',
    );
  return parts.join('\n\n');
}

/**
 * `open` open issues plus a fifth as many closed ones and `pullRequests` PRs, all in one
 * number sequence (as on GitHub), with realistic bodies. The team of BACKLOG_CONFIG exists.
 */
export function seedRealisticBacklog(emu: Emulator, open: number, pullRequests: number): void {
  const closed = Math.floor(open / 5);
  emu.seedBacklog(open + closed, {
    pullRequests,
    closed,
    users: ['alice', 'bob', 'carol', 'dana', 'dave', 'erin', 'frank'],
    labels: [
      'feature',
      'enhancement',
      'roadmap',
      'customer-feedback',
      'pricing',
      'budget',
      'risk',
      'schedule',
      'dependency',
      'status-update',
      'bug',
      'needs-triage',
      'documentation',
      'good first issue',
      'owner: product',
      'owner: project',
      'duplicate',
    ],
    issueTypes: ['Feature', 'Task', 'Bug', 'Epic'],
    milestones: ['v1.0', 'v1.1', 'v2.0', 'Q3 planning', 'Q4 planning'],
  });
  const rand = prng(7);
  for (const issue of emu.repo.issues.values()) {
    if (!issue.pullRequest) issue.body = issueBody(rand, issue.number);
  }
  if (!emu.state.owners.get(TEAM.org.toLowerCase())?.teams.has(TEAM.slug))
    emu.addTeam(TEAM.org, TEAM.slug, TEAM.members);
}

// A realistic mix: labels of the recommended preset's types in their common spellings, labels
// that identify no type, ownership labels, several assignees in and out of the roles.
const LABELS = [
  'feature',
  'enhancement',
  'type: feature',
  'epic',
  'roadmap',
  'initiative',
  'customer feedback',
  'pricing',
  'kpi',
  'release',
  'budget',
  'cost: cloud',
  'risk',
  'schedule',
  'blocked',
  'dependency',
  'status update',
  'scope',
  'milestone',
  'bug',
  'regression',
  'qa',
  'documentation',
  'good first issue',
  'help wanted',
  'needs-triage',
  'owner: product',
  'owner: project',
  'wontfix',
];
const USERS = ['alice', 'bob', 'carol', 'dana', 'dave', 'erin', 'frank', 'grace', 'Heidi'];
const MILESTONES = ['v1.0', 'v1.1', 'v2.0', 'Q3 planning', 'Q4 planning'];
const TYPES = ['Feature', 'Bug', 'Task', 'Epic', 'Budget', 'Risk'];
const PREFIXES = ['[Feature] ', '[Roadmap] ', '[Budget] ', 'Risk: ', 'feat: ', ''];

/** Compact facts of `count` open issues for the engine benchmark (deterministic). */
export function generateFacts(count: number, seed = 1): IssueFacts[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: IssueFacts[] = [];
  for (let i = 1; i <= count; i++) {
    const nLabels = Math.floor(rand() * 4);
    const nAssignees = rand() < 0.25 ? 0 : rand() < 0.85 ? 1 : 2;
    const labels = [...new Set(Array.from({ length: nLabels }, () => pick(LABELS)))];
    const assignees = [...new Set(Array.from({ length: nAssignees }, () => pick(USERS)))];
    out.push({
      number: i,
      title: `${rand() < 0.15 ? pick(PREFIXES) : ''}Backlog item ${i}: improve the ${pick(['billing', 'search', 'onboarding', 'export', 'sync'])} flow`,
      url: `https://github.com/acme/widgets/issues/${i}`,
      state: 'open',
      labels,
      assignees,
      author: pick(USERS),
      milestone: rand() < 0.4 ? pick(MILESTONES) : null,
      issueType: rand() < 0.3 ? pick(TYPES) : null,
      directives:
        i % 40 === 0
          ? ['<!-- backlog-lint-disable milestone-required until=2099-12-31 reason="standing" -->']
          : i % 97 === 0
            ? ['<!-- backlog-lint-disable owner-role until=2020-01-01 -->']
            : [],
    });
  }
  return out;
}
