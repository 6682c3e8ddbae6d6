import { z } from '../zod.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const singleOwner: RuleModule<{ 'ignore-labels': string[]; max: number }, 'tooMany'> = {
  id: 'single-owner',
  defaultSeverity: 'warning',
  docs: 'More than `max` (default 1) assignees come from managed roles.',
  fixable: false,
  messages: {
    tooMany:
      '{{issue}} has {{count}} assignees from managed roles ({{assignees}}); at most {{max}} allowed',
  },
  options: z.strictObject({
    'ignore-labels': ignoreLabels,
    max: z._default(z.number().check(z.int(), z.minimum(1)), 1),
  }),
  check(issue, env, options) {
    if (issue.assignees.length <= options.max) return NO_REPORTS;
    const { assignees, assigneeRoles } = issue;
    const managed: string[] = [];
    for (let i = 0; i < assignees.length; i++) {
      const login = assignees[i] as string;
      const roles = assigneeRoles[login];
      if (roles !== undefined && roles.length > 0) managed.push(login);
    }
    // Counting only known members can miss owners but never invents one; with no members
    // at all the rule cannot say anything, which the notice explains.
    if (managed.length <= options.max) {
      env.requireAnyMembers();
      return NO_REPORTS;
    }
    return [
      {
        messageId: 'tooMany',
        data: { count: managed.length, assignees: managed.join(', '), max: options.max },
      },
    ];
  },
};
