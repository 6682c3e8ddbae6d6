// Who a fix would assign: the role's default-assignee when configured (a deliberate
// routing choice), else — only when the whole backlog is known — its least-loaded member.
// Each suggestion counts toward that member's load, so many unassigned issues are spread
// over the role instead of all landing on one person.
import type { Membership, Mode, ResolvedConfig } from '../types.js';
import { displayLogin, normalizeLogin } from '../names.js';

export class AssigneeSuggester {
  constructor(
    private readonly config: ResolvedConfig,
    private readonly membership: Membership,
    private readonly scope: Mode,
    /** Open issues per lower-cased login; updated as suggestions are handed out. */
    private readonly load: Map<string, number>,
  ) {}

  /** A login to assign for the role, or null when there is nobody to suggest. */
  pick(role: string): string | null {
    const fallback = this.config.roles[role]?.defaultAssignee;
    if (fallback) return displayLogin(fallback);
    if (this.scope !== 'backlog') return null;
    let best: { login: string; key: string; open: number } | null = null;
    // Ties go to the member listed first in the config.
    for (const login of this.membership.membersOf(role)) {
      const key = normalizeLogin(login);
      const open = this.load.get(key) ?? 0;
      if (best === null || open < best.open) best = { login, key, open };
    }
    if (best === null) return null;
    this.load.set(best.key, best.open + 1);
    return best.login;
  }
}
