// The backlog source of backlog mode, incremental (README "Incremental backlog runs"): the
// snapshot of the last complete read comes from the store, and when it still fits (same
// effective config, report-issue title and action code, a full read less than a week ago) only
// the issues updated since it are read (open and closed), merged into it, and the whole merged
// backlog is linted exactly as a full read would be. Otherwise, or when GitHub's open-issue
// count says an issue disappeared without an update (transferred, deleted), the backlog is
// read in full (src/action/collect.ts). After a complete read, `save()` stores the snapshot.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Linter } from '../engine/index.js';
import {
  budgetStopReason,
  budgetWarning,
  changedIssuePages,
  errorMessage,
  isOwnReportIssue,
  repositoryNames,
  type RepositoryNames,
  type BacklogBudgetPlan,
} from '../github/index.js';
import {
  changedIssueType,
  fullSnapshot,
  mergeSnapshot,
  openCount,
  planRead,
  snapshotDigest,
  type ChangedIssue,
  type Snapshot,
} from '../incremental/index.js';
import { REPORT_MARKER } from '../report/index.js';
import type { BacklogReadInfo, IssueFacts, ResolvedConfig } from '../types.js';
import { collect, type Collected, type SourceOptions } from './collect.js';
import type { FactsStore } from './facts-store.js';

/** Issues given to the engine at a time when linting a snapshot (a page's worth). */
const BATCH = 100;

/**
 * The action's own code, as a digest: any change to it (a new release, a commit on a branch
 * the workflow uses) reads the backlog in full once. Every script beside this module counts,
 * not this module alone: in the bundle it is a chunk of its own, while the code that reads
 * issues into facts (the query, the parsing) is in dist/index.js and the other chunks.
 */
export function actionVersion(file: string = fileURLToPath(import.meta.url)): string {
  try {
    const dir = path.dirname(file);
    const hash = createHash('sha256');
    for (const name of readdirSync(dir)
      .filter((f) => /\.[cm]?[jt]s$/.test(f))
      .sort())
      hash.update(`${name}\0`).update(readFileSync(path.join(dir, name)));
    return hash.digest('hex').slice(0, 16);
  } catch {
    return 'unknown';
  }
}

/** The digest a snapshot must carry to be brought up to date by this run. */
export function runDigest(config: ResolvedConfig, reportIssue: string): string {
  return snapshotDigest({ config, version: actionVersion(), reportIssue });
}

export interface BacklogRun {
  collected: Collected;
  read: BacklogReadInfo;
  /**
   * Stores this run's snapshot for the next run when the read was complete (nothing
   * otherwise); records the outcome in `read.saved` / `read.saveProblem`. Never throws.
   */
  save(): Promise<void>;
}

export async function collectBacklog(
  opts: SourceOptions & {
    /** A problem with the store (a snapshot that cannot be used, a failed save): a warning. */
    storeWarn: (msg: string) => void;
    /** Where snapshots are kept; null: incremental runs are off (every run reads in full). */
    store: FactsStore | null;
    /** `runDigest(config, reportIssueTitle)`. */
    digest: string;
    now: Date;
    /** Why nothing may be stored (dry-run); the snapshot is still read. */
    noSave?: string;
  },
): Promise<BacklogRun> {
  const { repo, linter, store } = opts;
  const repository = `${repo.owner}/${repo.repo}`;
  const readAt = opts.now.toISOString();
  let next: Snapshot | null = null;
  const read: BacklogReadInfo = { kind: 'full', pages: 0 };

  const save = async (): Promise<void> => {
    if (!store || !next) return;
    if (opts.noSave) {
      read.saved = false;
      read.saveProblem = opts.noSave;
      return;
    }
    const outcome = await store.save(next);
    // No cache service here (the full read said why): nothing attempted, nothing to warn of.
    if (outcome.unavailable) return;
    read.saved = outcome.saved;
    if (!outcome.saved) {
      read.saveProblem = outcome.problem ?? 'unknown reason';
      opts.storeWarn(
        `The backlog snapshot could not be stored (${read.saveProblem}): the next run reads the backlog in full. This run's findings are complete.`,
      );
    } else {
      opts.log(`Stored the backlog snapshot for the next run (${outcome.key}).`);
    }
  };

  // Whether the full read's facts are kept for a snapshot: not when the store cannot save one.
  let keep = store !== null;
  // The repository's issue types as a since-read that fell back to a full read just read them.
  let knownTypes: RepositoryNames['issueTypes'] | undefined;
  if (store) {
    const restored = await store.restore();
    if (restored.unavailable) keep = false;
    if (restored.problem && (restored.key || restored.failed))
      opts.storeWarn(`${restored.problem}; reading the backlog in full.`);
    const plan = planRead(restored.snapshot, {
      now: opts.now,
      digest: opts.digest,
      repository,
      problem: restored.problem,
    });
    if (plan.kind === 'since' && restored.snapshot) {
      const since = await sinceRead(opts, restored.snapshot, plan.since, readAt, read);
      if (since.done) {
        next = since.next;
        return { collected: since.collected, read, save };
      }
      knownTypes = since.issueTypes;
      read.reason = since.fallback;
      opts.log(`Reading the backlog in full: ${since.fallback}.`);
    } else if (plan.kind === 'full') {
      read.reason = plan.reason;
      opts.log(`Reading the backlog in full: ${plan.reason}.`);
    }
  }

  // The full read, through the same source as without snapshots; the facts are kept only when
  // there is a store to keep them in (compact facts: SPEC allows them beyond one page).
  const recorded: IssueFacts[] = [];
  const recorder: Pick<Linter, 'add'> = {
    add(batch) {
      read.pages++;
      if (keep) for (const i of batch) recorded.push(i);
      linter.add(batch);
    },
  };
  // The repository's issue types for the snapshot, read before its issues: a type renamed
  // while they are read then differs from the snapshot's list, and the next run reads in
  // full. Not for a snapshot that will not be stored (dry-run, no cache service).
  const issueTypes = keep && !opts.noSave ? (knownTypes ?? (await snapshotIssueTypes(opts))) : null;
  const collected = await collect({ ...opts, linter: recorder });
  if (keep && collected.complete) {
    next = fullSnapshot({
      repository,
      digest: opts.digest,
      readAt,
      issues: recorded,
      reportIssues: collected.reportIssues.map((r) => ({ number: r.id, body: r.body })),
      issueTypes,
    });
  }
  return { collected, read, save };
}

/**
 * The repository's issue types for a full read's snapshot (one more request, made only when a
 * snapshot will be stored), so the next since-read can tell a renamed type. Unknown (null)
 * when the server has none or the request fails: the snapshot is stored without them and the
 * weekly full read covers a rename, as before.
 */
async function snapshotIssueTypes(
  opts: Parameters<typeof collectBacklog>[0],
): Promise<RepositoryNames['issueTypes']> {
  try {
    const names = await repositoryNames(opts.gh, opts.repo, {
      labels: false,
      milestones: false,
      issueTypes: true,
    });
    return names.issueTypes;
  } catch (err) {
    opts.log(
      `The repository's issue types could not be read for the snapshot: ${errorMessage(err)}.`,
    );
    return null;
  }
}

/**
 * A label or milestone some snapshot issue carries that the repository no longer has under
 * that name (`label "budget"`); null when none.
 */
function missingName(snapshot: Snapshot, names: RepositoryNames): string | null {
  for (const issue of snapshot.issues) {
    for (const l of issue.labels) if (!names.labels.has(l)) return `label ${JSON.stringify(l)}`;
    if (issue.milestone !== null && !names.milestones.has(issue.milestone))
      return `milestone ${JSON.stringify(issue.milestone)}`;
  }
  return null;
}

type SinceOutcome =
  | { done: true; collected: Collected; next: Snapshot | null }
  | { done: false; fallback: string; issueTypes?: RepositoryNames['issueTypes'] };

/** The since-read, the merge, the check against GitHub's open count, and the lint. */
async function sinceRead(
  opts: Parameters<typeof collectBacklog>[0],
  snapshot: Snapshot,
  since: string,
  readAt: string,
  read: BacklogReadInfo,
): Promise<SinceOutcome> {
  const { gh, repo } = opts;
  const title = opts.reportIssueTitle;
  const reportBodies = new Map<IssueFacts, string>();
  const inspect = title
    ? (facts: IssueFacts, raw: { viewerDidAuthor?: unknown; body?: unknown }) => {
        if (isOwnReportIssue({ ...raw, title: facts.title }, title, REPORT_MARKER))
          reportBodies.set(facts, raw.body as string);
      }
    : undefined;
  let plan: BacklogBudgetPlan | null = null;
  const onPlan = (p: BacklogBudgetPlan): void => {
    plan = p;
    if (p.short) opts.warn(budgetWarning(p));
  };
  const changed: ChangedIssue[] = [];
  let open = -1;
  let failure: string | undefined;
  try {
    const reserve = title ? 1 : 0;
    for await (const page of changedIssuePages(gh, repo, since, inspect, { onPlan, reserve })) {
      read.pages++;
      open = page.openCount;
      for (const facts of page.facts) {
        const reportBody = reportBodies.get(facts);
        changed.push(reportBody === undefined ? { facts } : { facts, reportBody });
      }
    }
    const budget = plan as BacklogBudgetPlan | null;
    if (budget?.short) failure = budgetStopReason(budget, changed.length);
  } catch (err) {
    failure = `Reading the issues updated since ${since} failed after ${read.pages} page(s) (${changed.length} issues): ${errorMessage(err)}`;
  }
  const merged = mergeSnapshot(snapshot, changed, { readAt });
  if (!failure && openCount(merged.snapshot) !== open) {
    return {
      done: false,
      fallback: `GitHub counts ${open} open issues and the snapshot brought up to date ${openCount(merged.snapshot)}: issues were transferred, deleted or changed while being read`,
    };
  }
  // A renamed or deleted label, milestone or issue type changes issues without updating them:
  // every such name the merged snapshot holds must still exist, spelt the same (one more
  // request for up to 100 labels, 100 milestones and the issue types).
  let updated = merged.snapshot;
  if (!failure) {
    try {
      const names = await repositoryNames(gh, repo);
      read.pages += names.requests;
      const gone = missingName(updated, names);
      const reason =
        gone !== null
          ? `the ${gone} of the snapshot no longer exists (renamed or deleted)`
          : changedIssueType(updated.issueTypes, names.issueTypes);
      if (reason !== null)
        return { done: false, fallback: reason, issueTypes: names.issueTypes ?? undefined };
      // The types as they are now (added ones included) for the next run's comparison; when
      // they could not be read now, the snapshot keeps the ones it had to compare against.
      if (names.issueTypes) updated = { ...updated, issueTypes: names.issueTypes };
    } catch (err) {
      failure = `Reading the repository's labels, milestones and issue types failed: ${errorMessage(err)}`;
    }
  }
  Object.assign(read, {
    kind: 'since',
    since,
    changed: changed.length,
    ...merged.stats,
  } satisfies Partial<BacklogReadInfo>);

  // Linted as a full read would: every open issue in number (= creation) order, a page's
  // worth at a time, the own report issues set apart.
  const issues = updated.issues;
  for (let i = 0; i < issues.length; i += BATCH) opts.linter.add(issues.slice(i, i + BATCH));
  const collected: Collected = {
    complete: failure === undefined,
    ...(failure !== undefined && { incompleteReason: failure }),
    skipped: updated.reportIssues.map((r) => ({
      item: `#${r.number}`,
      reason: 'the backlog-lint report issue',
    })),
    reportIssues: updated.reportIssues.map((r) => ({ id: r.number, body: r.body })),
    reportIssueNumber: updated.reportIssues[0]?.number ?? null,
    issues: [],
  };
  opts.log(
    `Read ${changed.length} issue(s) updated since ${since} in ${read.pages} page(s) (${merged.stats.added} added, ${merged.stats.updated} updated, ${merged.stats.removed} closed); ${openCount(updated)} open issues in all.`,
  );
  return { done: true, collected, next: failure === undefined ? updated : null };
}
