import { z } from 'zod';
import type { RuleModule } from './rule.js';

export const ownerCapacity: RuleModule<{ max: number }> = {
  id: 'owner-capacity',
  defaultSeverity: 'notice',
  docs: 'A member holds more than `max` (default 10) open issues of their role (backlog mode only).',
  fixable: false,
  options: z.strictObject({ max: z.number().int().min(0).default(10) }),
};
