import { z } from '../zod.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type IssueView, type RuleEnv, type RuleModule } from './rule.js';

export const typeAmbiguous: RuleModule<{ 'ignore-labels': string[] }, 'ambiguous'> = {
  id: 'type-ambiguous',
  defaultSeverity: 'error',
  docs: 'The issue matches types owned by more than one role, so its owner is unclear.',
  fixable: false,
  messages: { ambiguous: '{{issue}} matches types owned by different roles: {{types}}' },
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    // Typed but without an owner role: the engine found more than one owning role.
    if (issue.types.length === 0 || issue.ownerRole !== null) return NO_REPORTS;
    return [{ messageId: 'ambiguous', data: { types: describeTypes(issue, env) } }];
  },
};

/** "feature (product), bug (project)". */
function describeTypes(issue: IssueView, env: RuleEnv): string {
  return issue.types.map((type) => `${type} (${env.config.types[type]?.owner ?? '?'})`).join(', ');
}
