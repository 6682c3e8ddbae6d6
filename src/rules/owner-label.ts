import { z } from 'zod';
import { normalizeLabel } from '../names.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule, type RuleReport } from './rule.js';

export const ownerLabel: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-label',
  defaultSeverity: 'warning',
  docs: "The owning role's ownership label is missing, or a label of another role is present.",
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  // Only roles with a `label` take part; labels are optional per role.
  check(issue, env) {
    const owner = issue.ownerRole;
    if (owner === null) return NO_REPORTS;
    let reports: RuleReport[] | undefined;
    const ownLabel = env.config.roles[owner]?.label ?? null;
    if (ownLabel !== null && !issue.hasLabel(ownLabel)) {
      const text =
        env.texts.get(owner) ??
        env.texts.keep(owner, ` is owned by ${owner} but lacks its ownership label "${ownLabel}"`);
      (reports ??= []).push({ message: issue.ref + text, addLabels: [ownLabel], subject: owner });
    }
    for (const role of Object.keys(env.config.roles)) {
      const label = env.config.roles[role]?.label ?? null;
      if (role === owner || label === null || !issue.hasLabel(label)) continue;
      // Two roles sharing one label cannot contradict each other.
      if (ownLabel !== null && normalizeLabel(label) === normalizeLabel(ownLabel)) continue;
      // Not fixable: fix never removes what a person set.
      const text =
        env.texts.getPair(owner, role) ??
        env.texts.keepPair(
          owner,
          role,
          ` is owned by ${owner} but has the ownership label "${label}" of ${role}`,
        );
      (reports ??= []).push({ message: issue.ref + text, subject: role });
    }
    return reports ?? NO_REPORTS;
  },
};
