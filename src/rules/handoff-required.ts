// The product → project handoff (seeds: "A product manager may prioritize features for a
// product backlog, while the project manager would ensure the work is completed on
// schedule", 000_51bd7b97596b882d.txt; project managers "execute the strategy set by the
// product manager", 002_e572eed1ca887ed4.txt, and "delegate tasks", 003_dd16d21daae3f97d.txt).
// A product-owned issue that is scheduled should have been handed to project: a sub-issue
// owned by project, or an assignee of the project role. Sub-issues are GitHub's own
// structure (GraphQL `parent` / `subIssuesSummary`, REST `parent_issue_url` /
// `sub_issues_summary`); a sub-issue outside the issues read (closed, another repository)
// cannot be classified, so the rule then stays quiet rather than guess.
import { described, z } from '../zod.js';
import { LabelPatternSet } from '../label-patterns.js';
import { ownership } from './describe.js';
import { ignoreLabels, nonEmptyText } from './options.js';
import type { BacklogReport, IssueView, RuleModule } from './rule.js';

type Options = {
  'ignore-labels': string[];
  from: string;
  to: string;
  milestone: boolean;
  labels: string[];
  'issue-types': string[];
};

const scheduledBy = new WeakMap<string[], LabelPatternSet>();

export const handoffRequired: RuleModule<Options, 'noSubIssue' | 'noSubIssueOwned'> = {
  id: 'handoff-required',
  defaultSeverity: 'off',
  docs: 'A scheduled issue owned by `from` (default product) has no sub-issue owned by `to` (default project) and no `to` assignee.',
  fixable: false,
  messages: {
    noSubIssue:
      '{{issue}} is {{article}} {{type}} issue owned by {{owner}} and is scheduled ({{how}}) but has no sub-issue and no {{to}} assignee; hand it off: add a sub-issue owned by {{to}} or assign a {{to}} member',
    noSubIssueOwned:
      '{{issue}} is {{article}} {{type}} issue owned by {{owner}} and is scheduled ({{how}}) but has {{subIssues}}, none owned by {{to}} and no {{to}} assignee; hand it off: add a sub-issue owned by {{to}} or assign a {{to}} member',
  },
  options: z.strictObject({
    'ignore-labels': ignoreLabels,
    from: z._default(nonEmptyText, 'product'),
    to: z._default(nonEmptyText, 'project'),
    milestone: described(z._default(z.boolean(), true), 'A milestone schedules the issue.'),
    labels: described(z._default(z.array(nonEmptyText), []), 'Labels (globs) that schedule it.'),
    'issue-types': described(
      z._default(z.array(nonEmptyText), []),
      'GitHub issue types that schedule it.',
    ),
  }),
  keep(issue, env, options) {
    if (issue.ownerRole !== options.from) return false;
    if (scheduledHow(issue, options) === null) return false;
    if (!env.requireMembers(options.to)) return false;
    return !issue.assignees.some((login) => issue.assigneeRoles[login]?.includes(options.to));
  },
  checkRelated(kept, related, _env, options) {
    const reports: BacklogReport<'noSubIssue' | 'noSubIssueOwned'>[] = [];
    for (const issue of kept) {
      const children = related.childrenOf(issue.number);
      if (children.owners.includes(options.to)) continue;
      // Sub-issues we did not read (closed, elsewhere): they may be the handoff.
      if (issue.subIssues !== undefined && issue.subIssues > children.seen) continue;
      const how = scheduledHow(issue, options) ?? 'scheduled';
      const data = { ...ownership(issue), how, to: options.to };
      reports.push(
        children.seen === 0
          ? { issue: issue.number, messageId: 'noSubIssue', data }
          : {
              issue: issue.number,
              messageId: 'noSubIssueOwned',
              data: {
                ...data,
                subIssues: `${children.seen} sub-issue${children.seen === 1 ? '' : 's'}`,
              },
            },
      );
    }
    return reports;
  },
};

/** What schedules the issue (`milestone "v2"`, `label "planned"`), or null. */
function scheduledHow(issue: IssueView, options: Options): string | null {
  if (options.milestone && issue.milestone !== null) {
    return `milestone ${JSON.stringify(issue.milestone)}`;
  }
  if (options.labels.length > 0) {
    let set = scheduledBy.get(options.labels);
    if (!set) scheduledBy.set(options.labels, (set = new LabelPatternSet(options.labels)));
    const label = set.firstMatch(issue.labels);
    if (label !== undefined) return `label ${JSON.stringify(label)}`;
  }
  if (issue.issueType !== null && options['issue-types'].length > 0) {
    const name = issue.issueType.trim().toLowerCase();
    if (options['issue-types'].some((t) => t.trim().toLowerCase() === name)) {
      return `issue type ${issue.issueType}`;
    }
  }
  return null;
}
