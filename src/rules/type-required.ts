import { z } from '../zod.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const typeRequired: RuleModule<{ 'ignore-labels': string[] }, 'noType'> = {
  id: 'type-required',
  defaultSeverity: 'warning',
  docs: 'The issue matches no type (no type label, title prefix or GitHub issue type).',
  fixable: false,
  messages: {
    noType: '{{issue}} matches no type: add a type label, a title prefix or a GitHub issue type',
  },
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue) {
    if (issue.types.length > 0) return NO_REPORTS;
    return [{ messageId: 'noType' }];
  },
};
