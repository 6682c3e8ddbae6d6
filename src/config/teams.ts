// Team slugs among role members: the action resolves them to logins (one request per team).
import type { ResolvedConfig } from '../types.js';

/** Every `@org/team` member entry of every role, lower-cased, unique, in config order. */
export function teamSlugs(config: ResolvedConfig): string[] {
  const slugs = Object.values(config.roles)
    .flatMap((role) => role.members)
    .filter((member) => member.startsWith('@') && member.includes('/'))
    .map((member) => member.toLowerCase());
  return [...new Set(slugs)];
}
