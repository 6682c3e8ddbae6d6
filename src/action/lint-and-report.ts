// The run after its start (src/action/start.ts): config → issue source → engine → writes →
// reporters → outputs. In the bundle this is a chunk of its own, loaded by run() once the
// first request is on the wire (src/action/run.ts). Code only some runs need is imported
// where they need it: the backlog source (incremental snapshots, the Actions cache) and the
// config-change preview of pull requests.
import { errorMessage } from '../github/index.js';
import { Linter } from '../engine/index.js';
import type { ConfigPreview } from '../preview/index.js';
import type { ReportModel } from '../types.js';
import type { BacklogRun } from './backlog-source.js';
import { collect, type Collected } from './collect.js';
import { finishCommentLookup, wantsComment } from './comment-lookup.js';
import { createOutcome, publish, writeContext } from './publish.js';
import { reportConfig, reportRun, reportStopped } from './reporters.js';
import { completeRoute, readSetup, RunStopped } from './setup.js';
import type { Started } from './start.js';
import { readTeams } from './teams.js';

export async function lintAndReport(started: Started): Promise<void> {
  const { io, budget, inputs, env, gh, earlyLookup } = started;
  const repo = env.repository;

  // What the run must know before it lints: any problem stops it before a single write.
  let route, setup;
  try {
    route = await completeRoute(gh, repo, started.route);
    setup = await readSetup({ gh, env, inputs, route, budget, info: io.info });
  } catch (err) {
    if (!(err instanceof RunStopped)) throw err;
    await reportStopped(io, budget, err, inputs.failOn);
    // The run ends with its own requests: the early lookup is still on the wire.
    await earlyLookup?.pending.catch(() => undefined);
    return;
  }
  const { loaded, baseline, plan } = setup;
  const teams = await readTeams(gh, loaded.config, budget);

  // The issue source feeds the engine; a fault keeps what was read, the run is incomplete.
  const linter = new Linter({
    config: loaded.config,
    teams: teams.teams,
    today: env.today,
    scope: route.mode,
  });
  const source: Parameters<typeof collect>[0] = {
    route,
    gh,
    repo,
    linter,
    reportIssueTitle: inputs.reportIssue,
    log: io.info,
    warn: (m) => budget.annotate('warning', m, { title: 'backlog-lint: rate-limit budget' }),
  };
  // Backlog mode: the incremental source (src/action/incremental.ts) when it is on.
  const { backlogSource } =
    route.mode === 'backlog' ? await import('./backlog-source.js') : { backlogSource: null };
  const { collected, backlog } = await readIssues(
    source,
    backlogSource &&
      ((sourceOpts) =>
        backlogSource(sourceOpts, {
          inputs,
          env,
          config: loaded.config,
          annotate: (level, message, props) => budget.annotate(level, message, props),
        })),
  );
  if (teams.fault) incomplete(collected, teams.fault);
  let preview: ConfigPreview | undefined;
  if (plan) {
    const { runPreview } = await import('./preview.js');
    const ran = await runPreview({
      gh,
      repo,
      base: loaded,
      head: plan.head,
      teams: teams.teams,
      today: env.today,
      threshold: inputs.failOn === 'warning' ? 'warning' : 'error',
      reportIssueTitle: inputs.reportIssue,
      log: io.info,
    });
    preview = ran.preview;
    if (!ran.complete) incomplete(collected, ran.incompleteReason);
  }

  const outcome = createOutcome(linter.finish(), baseline?.baseline ?? null, {
    source: baseline?.source ?? '',
    wholeBacklog: () => route.mode === 'backlog' && collected.complete,
  });
  // Before the wait for an issue event's lookup (its answer may still be on the wire): the
  // one line about the config costs the step nothing there.
  reportConfig(io, loaded);
  const wanted = wantsComment(inputs, route, collected);
  const own = await finishCommentLookup({
    gh,
    repo,
    route,
    inputs,
    collected,
    wanted,
    early: earlyLookup,
  });

  const writes = writeContext(gh, repo, inputs.dryRun, (m) => budget.annotate('warning', m));
  const model = (cost = gh.cost.total()): ReportModel => ({
    repository: `${repo.owner}/${repo.repo}`,
    serverUrl: env.serverUrl,
    mode: route.mode,
    complete: collected.complete,
    incompleteReason: collected.incompleteReason,
    result: outcome.result,
    configSource: loaded.source,
    dryRun: inputs.dryRun,
    writes: writes.writes,
    skipped: [...teams.skipped, ...collected.skipped],
    runUrl: env.runUrl,
    ...(outcome.known && { baseline: outcome.known }),
    ...(outcome.trend && { trend: outcome.trend }),
    ...(preview && { preview }),
    ...(cost && { cost }),
    ...(backlog && { backlogRead: backlog.read }),
  });

  await publish({
    inputs,
    route,
    collected,
    setupError: teams.setupError,
    preview,
    comment: { wanted, own },
    writes,
    outcome,
    model,
    now: env.now,
    budget,
  });

  // The snapshot of a complete backlog read, for the next run (never fails the run).
  await backlog?.save();
  await reportRun({
    io,
    budget,
    inputs,
    model: model(),
    known: outcome.known,
    reportDir: env.reportDir,
    setupError: teams.setupError,
  });
}

/**
 * The issues of the run from its source; a fault keeps what was read and makes the run
 * incomplete. `backlogRun` reads the backlog source; null in the other modes.
 */
async function readIssues(
  source: Parameters<typeof collect>[0],
  backlogRun: ((source: Parameters<typeof collect>[0]) => Promise<BacklogRun>) | null,
): Promise<{ collected: Collected; backlog: BacklogRun | null }> {
  try {
    const backlog = backlogRun && (await backlogRun(source));
    return { collected: backlog ? backlog.collected : await collect(source), backlog };
  } catch (err) {
    // Issue / PR reads that fail leave nothing to lint: report incomplete, fail the step.
    const collected: Collected = {
      complete: false,
      incompleteReason: errorMessage(err),
      skipped: [],
      reportIssueNumber: null,
      reportIssues: [],
      issues: [],
    };
    return { collected, backlog: null };
  }
}

/** The run is incomplete for `reason`, unless it already was for an earlier one. */
function incomplete(collected: Collected, reason: string | undefined): void {
  if (!collected.complete) return;
  collected.complete = false;
  collected.incompleteReason = reason;
}
