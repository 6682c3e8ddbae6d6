import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const ownerLabel: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-label',
  defaultSeverity: 'warning',
  docs: "The owning role's ownership label is missing, or a label of another role is present.",
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
};
