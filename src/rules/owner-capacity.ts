import { z } from '../zod.js';
import { listIssues } from './describe.js';
import type { BacklogReport, RuleModule } from './rule.js';

export const ownerCapacity: RuleModule<{ max: number }, 'overloaded'> = {
  id: 'owner-capacity',
  defaultSeverity: 'notice',
  docs: 'A member holds more than `max` (default 10) open issues of their role (backlog mode only).',
  fixable: false,
  messages: {
    overloaded:
      '{{login}} holds {{count}} open issues owned by {{roles}}, more than the maximum of {{max}}: {{issues}}',
  },
  options: z.strictObject({ max: z._default(z.number().check(z.int(), z.minimum(0)), 10) }),
  // One finding per overloaded member, attached to the highest-numbered (newest) of their
  // issues: the one most likely still open to reassignment. The message lists them all.
  checkBacklog(backlog, env, options) {
    if (backlog.members.length === 0) {
      env.requireAnyMembers();
      return [];
    }
    const reports: BacklogReport<'overloaded'>[] = [];
    for (const member of backlog.members) {
      if (member.issues.length <= options.max) continue;
      // reduce, not Math.max(...): one member may hold more issues than a call has arguments.
      const newest = member.issues.reduce((a, b) => Math.max(a, b));
      reports.push({
        issue: newest,
        subject: member.login,
        messageId: 'overloaded',
        data: {
          login: member.login,
          count: member.issues.length,
          roles: member.roles.join(', '),
          max: options.max,
          issues: listIssues(member.issues),
        },
      });
    }
    return reports;
  },
};
