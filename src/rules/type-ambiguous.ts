import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const typeAmbiguous: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'type-ambiguous',
  defaultSeverity: 'error',
  docs: 'The issue matches types owned by more than one role, so its owner is unclear.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
};
