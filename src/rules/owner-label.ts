import { z } from 'zod';
import { normalizeLabel } from '../engine/normalize.js';
import { ignoreLabels } from './options.js';
import type { RuleModule, RuleReport } from './rule.js';

export const ownerLabel: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-label',
  defaultSeverity: 'warning',
  docs: "The owning role's ownership label is missing, or a label of another role is present.",
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  // Only roles with a `label` take part; labels are optional per role.
  check(issue, env) {
    const owner = issue.ownerRole;
    if (owner === null) return [];
    const reports: RuleReport[] = [];
    const ownLabel = env.config.roles[owner]?.label ?? null;
    if (ownLabel !== null && !issue.hasLabel(ownLabel)) {
      reports.push({
        message: `#${issue.number} is owned by ${owner} but lacks its ownership label "${ownLabel}"`,
        addLabels: [ownLabel],
      });
    }
    for (const [role, config] of Object.entries(env.config.roles)) {
      const label = config.label;
      if (role === owner || label === null || !issue.hasLabel(label)) continue;
      // Two roles sharing one label cannot contradict each other.
      if (ownLabel !== null && normalizeLabel(label) === normalizeLabel(ownLabel)) continue;
      // Not fixable: fix never removes what a person set.
      reports.push({
        message: `#${issue.number} is owned by ${owner} but has the ownership label "${label}" of ${role}`,
      });
    }
    return reports;
  },
};
