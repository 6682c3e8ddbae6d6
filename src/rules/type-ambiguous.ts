import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const typeAmbiguous: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'type-ambiguous',
  defaultSeverity: 'error',
  docs: 'The issue matches types owned by more than one role, so its owner is unclear.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    // Typed but without an owner role: the engine found more than one owning role.
    if (issue.types.length === 0 || issue.ownerRole !== null) return [];
    const types = issue.types.map((type) => `${type} (${env.config.types[type]?.owner ?? '?'})`);
    return [
      {
        message: `#${issue.number} matches types owned by different roles: ${types.join(', ')}`,
      },
    ];
  },
};
