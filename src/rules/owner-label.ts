import { z } from '../zod.js';
import { normalizeLabel } from '../names.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule, type RuleReport } from './rule.js';

export const ownerLabel: RuleModule<{ 'ignore-labels': string[] }, 'missing' | 'otherRole'> = {
  id: 'owner-label',
  defaultSeverity: 'warning',
  docs: "The owning role's ownership label is missing, or a label of another role is present.",
  fixable: true,
  messages: {
    missing: '{{issue}} is owned by {{owner}} but lacks its ownership label "{{label}}"',
    otherRole:
      '{{issue}} is owned by {{owner}} but has the ownership label "{{label}}" of {{role}}',
  },
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  // Only roles with a `label` take part; labels are optional per role.
  check(issue, env) {
    const owner = issue.ownerRole;
    if (owner === null) return NO_REPORTS;
    let reports: RuleReport<'missing' | 'otherRole'>[] | undefined;
    const ownLabel = env.config.roles[owner]?.label ?? null;
    if (ownLabel !== null && !issue.hasLabel(ownLabel)) {
      // A literal of one: `[]` and push would allocate room for 16.
      reports = [
        {
          messageId: 'missing',
          data: { owner, label: ownLabel },
          addLabels: [ownLabel],
          subject: owner,
        },
      ];
    }
    // Another role's label needs a label on the issue.
    if (issue.labels.length === 0) return reports ?? NO_REPORTS;
    const { roleNames } = env;
    for (let i = 0; i < roleNames.length; i++) {
      const role = roleNames[i] as string;
      const label = env.config.roles[role]?.label ?? null;
      if (role === owner || label === null || !issue.hasLabel(label)) continue;
      // Two roles sharing one label cannot contradict each other.
      if (ownLabel !== null && normalizeLabel(label) === normalizeLabel(ownLabel)) continue;
      // Not fixable: fix never removes what a person set.
      const report: RuleReport<'otherRole'> = {
        messageId: 'otherRole',
        data: { owner, label, role },
        subject: role,
      };
      if (reports === undefined) reports = [report];
      else reports.push(report);
    }
    return reports ?? NO_REPORTS;
  },
};
