// Decides what to lint from the inputs and the triggering event (SPEC "mode: auto").
import type { Mode } from '../types.js';
import type { ActionInputs } from './inputs.js';
import { InputError, isIssueNumber } from './inputs.js';

export interface EventInfo {
  eventName: string;
  payload: Record<string, unknown>;
  /** GITHUB_RUN_ATTEMPT; > 1 means a re-run whose payload may be stale. */
  runAttempt: number;
}

export type Route =
  | {
      mode: 'issue';
      number: number;
      /** The issue object from the event payload, when it can be trusted (0 requests). */
      payloadIssue: Record<string, unknown> | null;
      why: string;
    }
  | {
      mode: 'pull-request';
      number: number;
      /**
       * PR body and base branch from the payload; null when they must be fetched (no
       * `pull_request` payload, or a re-run whose payload may be stale). The action fetches
       * both before reading the config, which comes from the base branch.
       */
      body: string | null;
      baseRef: string | null;
      /** The head commit (config-change preview); fetched with body and base when null. */
      headSha: string | null;
      why: string;
    }
  | { mode: 'backlog'; why: string };

const ISSUE_EVENTS = new Set(['issues', 'issue_comment']);
const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const BACKLOG_EVENTS = new Set(['schedule', 'workflow_dispatch', 'push', 'repository_dispatch']);

function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function issueRoute(inputs: ActionInputs, ev: EventInfo, why: string): Route {
  const payloadIssue = obj(ev.payload.issue);
  const payloadNumber = isIssueNumber(payloadIssue?.number) ? payloadIssue.number : null;
  const number = inputs.issueNumber ?? payloadNumber;
  if (number === null) {
    throw new InputError(
      'issue-number',
      `mode 'issue' needs an issue: set issue-number, or run on an issues / issue_comment event (this run: ${ev.eventName}).`,
    );
  }
  // The payload is used only when it describes this issue and is fresh (first attempt).
  const fresh = ev.runAttempt <= 1 && payloadNumber === number;
  return {
    mode: 'issue',
    number,
    payloadIssue: fresh ? payloadIssue : null,
    why: fresh
      ? `${why}; issue read from the event payload`
      : `${why}; issue read from the API${ev.runAttempt > 1 ? ` (re-run attempt ${ev.runAttempt}: the payload may be stale)` : ''}`,
  };
}

function prRoute(inputs: ActionInputs, ev: EventInfo, why: string): Route {
  const pr = obj(ev.payload.pull_request);
  // issue_comment on a pull request carries the PR as `issue` with a `pull_request` key.
  const issueAsPr = obj(ev.payload.issue);
  const fromComment = issueAsPr && obj(issueAsPr.pull_request) ? issueAsPr : null;
  const number =
    (isIssueNumber(pr?.number) ? pr.number : null) ??
    (isIssueNumber(fromComment?.number) ? fromComment.number : null) ??
    inputs.issueNumber;
  if (number === null) {
    throw new InputError(
      'mode',
      `mode 'pull-request' needs a pull_request / pull_request_target event or issue-number set to the PR number (this run: ${ev.eventName}).`,
    );
  }
  const stale = ev.runAttempt > 1;
  // Only a pull_request payload has both the body and the base branch; a comment's `issue`
  // has no base, and `issue-number` none of them: those are fetched, as on a re-run.
  const base = obj(pr?.base);
  const head = obj(pr?.head);
  const fromPayload =
    !stale &&
    pr !== null &&
    pr.number === number &&
    (typeof pr.body === 'string' || pr.body === null || pr.body === undefined) &&
    typeof base?.ref === 'string';
  return {
    mode: 'pull-request',
    number,
    body: fromPayload ? ((pr.body as string | null | undefined) ?? '') : null,
    baseRef: fromPayload ? (base.ref as string) : null,
    headSha: fromPayload && typeof head?.sha === 'string' ? head.sha : null,
    why: fromPayload
      ? why
      : `${why}; pull request read from the API${stale ? ` (re-run attempt ${ev.runAttempt}: the payload may be stale)` : ''}`,
  };
}

export function route(inputs: ActionInputs, ev: EventInfo): Route {
  const m: Mode | 'auto' = inputs.mode;
  if (m === 'issue') return issueRoute(inputs, ev, "mode 'issue'");
  if (m === 'pull-request') return prRoute(inputs, ev, "mode 'pull-request'");
  if (m === 'backlog') return { mode: 'backlog', why: "mode 'backlog'" };

  const name = ev.eventName;
  if (ISSUE_EVENTS.has(name)) {
    const issue = obj(ev.payload.issue);
    // A comment on a pull request: lint the issues the pull request links. An `issues`
    // event carrying a pull request stays in issue mode, where it is skipped: pull requests
    // are never linted as issues.
    if (name === 'issue_comment' && issue && obj(issue.pull_request)) {
      return prRoute(inputs, ev, `event ${name} on a pull request`);
    }
    return issueRoute(inputs, ev, `event ${name}`);
  }
  if (PR_EVENTS.has(name)) return prRoute(inputs, ev, `event ${name}`);
  if (BACKLOG_EVENTS.has(name) || name === '') {
    if (inputs.issueNumber !== null)
      return issueRoute(inputs, ev, `event ${name} with issue-number`);
    return { mode: 'backlog', why: `event ${name || '(none)'}` };
  }
  throw new InputError(
    'mode',
    `mode 'auto' does not know what to lint on a '${name}' event; set mode to issue, pull-request or backlog.`,
  );
}
