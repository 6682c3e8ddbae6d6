// Teams are resolved once per run; without access the roles' membership checks are skipped.
import type { GitHubClient } from '../github/index.js';
import { resolveTeams, TeamAccessError, errorMessage } from '../github/index.js';
import { teamSlugs } from '../config/index.js';
import type { ResolvedConfig } from '../types.js';
import type { AnnotationBudget } from './annotation-budget.js';

export interface TeamsRead {
  /** Members by team slug (`org/slug`). */
  teams: Record<string, string[]>;
  /** A permission problem, annotated once: the run goes on, writes nothing, and fails. */
  setupError: string | null;
  /** A fault (server error, rate limit beyond the waits): the run is incomplete. */
  fault: string | null;
  /** Teams whose members could not be read, for the report's skipped list. */
  skipped: { item: string; reason: string }[];
}

export async function readTeams(
  gh: GitHubClient,
  config: ResolvedConfig,
  budget: AnnotationBudget,
): Promise<TeamsRead> {
  const read: TeamsRead = { teams: {}, setupError: null, fault: null, skipped: [] };
  const slugs = teamSlugs(config);
  if (slugs.length === 0) return read;
  try {
    read.teams = await resolveTeams(gh, slugs);
  } catch (err) {
    if (err instanceof TeamAccessError) {
      // A permission problem: said once, the run goes on without team membership.
      read.setupError = err.message;
      budget.annotate('error', err.message, { title: 'backlog-lint teams' });
      read.skipped.push({
        item: err.team,
        reason: `its members cannot be read with this token (HTTP ${err.status}): it needs read:org (or Members: read); the roles listing it are not checked against their members`,
      });
    } else {
      read.fault = `Reading the members of the configured teams failed: ${errorMessage(err)}`;
    }
  }
  return read;
}
