import { z } from 'zod';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type IssueView, type RuleEnv, type RuleModule } from './rule.js';

export const typeAmbiguous: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'type-ambiguous',
  defaultSeverity: 'error',
  docs: 'The issue matches types owned by more than one role, so its owner is unclear.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    // Typed but without an owner role: the engine found more than one owning role.
    if (issue.types.length === 0 || issue.ownerRole !== null) return NO_REPORTS;
    // Keyed by the list itself: issues with the same matches share it.
    const text =
      env.texts.get(issue.types) ?? env.texts.keep(issue.types, describeTypes(issue, env));
    return [{ message: issue.ref + text }];
  },
};

/** " matches types owned by different roles: feature (product), bug (project)". */
function describeTypes(issue: IssueView, env: RuleEnv): string {
  const types = issue.types.map((type) => `${type} (${env.config.types[type]?.owner ?? '?'})`);
  return ` matches types owned by different roles: ${types.join(', ')}`;
}
