// A deterministic, varied backlog for streaming and volume tests.
import type { IssueFacts } from '../../src/types.js';
import { issue } from './helpers.js';

const LABEL_SETS = [
  ['budget'],
  ['Feature', 'owner: product'],
  ['risk', 'owner: project'],
  ['roadmap', 'budget'],
  [],
  ['✨ feature'],
  ['wontfix'],
  ['Costs', 'owner: product'],
];
const ASSIGNEE_SETS = [[], ['alice'], ['bob'], ['carol', 'Dora'], ['zed'], ['BOB']];

export function generateIssues(count: number): IssueFacts[] {
  return Array.from({ length: count }, (_, i) =>
    issue({
      number: i + 1,
      labels: LABEL_SETS[i % LABEL_SETS.length] ?? [],
      assignees: ASSIGNEE_SETS[i % ASSIGNEE_SETS.length] ?? [],
      milestone: i % 3 === 0 ? 'v1' : null,
      title: i % 11 === 0 ? `[Roadmap] item ${i}` : `Item ${i}`,
      issueType: i % 13 === 0 ? 'Budget' : null,
      directives:
        i % 17 === 0
          ? ['<!-- backlog-lint-disable owner-role until=2027-01-01 -->']
          : i % 19 === 0
            ? ['<!-- backlog-lint-disable until=2020-01-01 -->']
            : [],
    }),
  );
}
