// Finding the action's own sticky comment: a read, and so part of what the run must learn
// before it may write anything. On issue events it is the run's first request, started
// before the config is parsed and left on the wire meanwhile (read-ahead); otherwise it runs
// after the issues are read. Part of the action's start (src/action/start.ts), so its imports
// are single modules, not the barrels.
import { errorMessage } from '../github/errors.js';
import { findOwnComments, type OwnComments } from '../github/mutations.js';
import type { GitHubClient } from '../github/octokit.js';
import type { RepoRef } from '../github/types.js';
import { COMMENT_MARKER } from '../report/marker.js';
import type { Collected } from './collect.js';
import type { ActionInputs } from './inputs.js';
import type { Route } from './route.js';

/** The early lookup on the wire (wrapped: an async function would wait for a bare promise). */
export type PendingLookup = { pending: Promise<OwnComments> } | undefined;

/**
 * Issue event: the lookup starts now. Only when the payload holds the issue (one read through
 * the API may turn out to be a pull request) and a comment may be written (not `comment:
 * never`, not dry-run). A config error after it leaves this one read, and nothing written.
 * (Pull-request runs read in series anyway.)
 */
export async function startCommentLookup(
  gh: GitHubClient,
  repo: RepoRef,
  route: Route,
  inputs: ActionInputs,
): Promise<PendingLookup> {
  if (
    route.mode === 'issue' &&
    route.payloadIssue &&
    !('pull_request' in route.payloadIssue) &&
    inputs.comment !== 'never' &&
    !inputs.dryRun
  )
    return gh.readAhead(() => findOwnComments(gh, repo, route.number, COMMENT_MARKER));
  return undefined;
}

/** The run would write (or update) the sticky comment. */
export function wantsComment(inputs: ActionInputs, route: Route, collected: Collected): boolean {
  return (
    inputs.comment !== 'never' &&
    (route.mode === 'issue' || route.mode === 'pull-request') &&
    (collected.issues.length > 0 || route.mode === 'pull-request')
  );
}

/**
 * The own comments: the early lookup's answer, or a lookup now when a comment is wanted and
 * may be written. A failed lookup makes a run that wants a comment incomplete.
 */
export async function finishCommentLookup(o: {
  gh: GitHubClient;
  repo: RepoRef;
  route: Route;
  inputs: ActionInputs;
  collected: Collected;
  wanted: boolean;
  early: PendingLookup;
}): Promise<OwnComments> {
  const { collected, wanted, early } = o;
  const number = (o.route as { number: number }).number;
  if (early || (wanted && !o.inputs.dryRun && collected.complete)) {
    try {
      return await (early?.pending ?? findOwnComments(o.gh, o.repo, number, COMMENT_MARKER));
    } catch (err) {
      if (wanted && collected.complete) {
        collected.complete = false;
        collected.incompleteReason = `Finding the backlog-lint comment on #${number} failed: ${errorMessage(err)}`;
      }
    }
  }
  return { subjectId: '', own: [] };
}
