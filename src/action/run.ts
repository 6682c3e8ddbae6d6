// The action's flow: inputs + event → config → issue source → engine → writes → reporters →
// outputs. Each stage lives in its own module; this file only sequences them. The process
// (io), its environment, the clock and the GitHub client are handed in: src/main.ts gives
// the real ones, tests/action/in-process.ts its own.
import { Linter } from '../engine/index.js';
import type { Clock, CreateOctokitOptions, GitHubClient } from '../github/index.js';
import { createOctokit, redact } from '../github/index.js';
import type { ConfigPreview } from '../preview/index.js';
import type { ReportModel } from '../types.js';
import { AnnotationBudget } from './annotation-budget.js';
import { backlogSource, type BacklogRun } from './backlog-source.js';
import { collect, type Collected } from './collect.js';
import { finishCommentLookup, startCommentLookup, wantsComment } from './comment-lookup.js';
import { readEnv, type EnvVars } from './environment.js';
import { readEvent } from './event.js';
import { InputError, readInputs } from './inputs.js';
import type { ActionIo } from './io.js';
import { runPreview } from './preview.js';
import { createOutcome, publish, writeContext } from './publish.js';
import { reportConfig, reportRun, reportStopped } from './reporters.js';
import { route as routeEvent } from './route.js';
import { completeRoute, readSetup, RunStopped } from './setup.js';
import { readTeams } from './teams.js';
import { clientTiming, type ClientTiming } from './timing.js';

export interface RunOptions {
  io: ActionIo;
  /** The step's environment (GITHUB_*, RUNNER_*): process.env in the action. */
  env: EnvVars;
  /** Time source of the run's date and of every wait of the GitHub client. */
  clock?: Clock;
  /** The GitHub client's timeouts and waits; default: BACKLOG_LINT_TEST_TIMING of `env`. */
  timing?: ClientTiming;
  createClient?: (options: CreateOctokitOptions) => GitHubClient;
}

/** The step's failure message when run() itself throws (a bug). */
export function crashMessage(err: unknown): string {
  return `backlog-lint crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
}

export async function run(opts: RunOptions): Promise<void> {
  const { io } = opts;
  const budget = new AnnotationBudget(io);

  // Inputs, environment and event: a bad one stops the run before any request.
  let start;
  try {
    const inputs = readInputs((n) => io.getInput(n));
    const env = readEnv(opts.env, new Date(opts.clock?.now() ?? Date.now()));
    start = { inputs, env, route: routeEvent(inputs, readEvent(opts.env)) };
  } catch (err) {
    budget.fail(err instanceof Error ? err.message : String(err));
    return;
  }
  const { inputs, env } = start;
  const repo = env.repository;
  if (inputs.token) io.setSecret(inputs.token);
  io.info(`backlog-lint: ${start.route.mode} mode (${start.route.why}).`);

  const gh = (opts.createClient ?? createOctokit)({
    token: inputs.token,
    baseUrl: env.apiUrl,
    graphqlUrl: env.graphqlUrl,
    log: {
      debug: (m) => io.debug(redact(m)),
      info: (m) => io.info(redact(m)),
      warn: (m) => budget.annotate('warning', m),
    },
    ...(opts.timing ?? clientTiming(opts.env)),
    ...(opts.clock && { clock: opts.clock }),
    // node:http, not undici (src/github/http-fetch.ts), for every mode: an event makes a few
    // small requests, where loading undici costs more than the run; a backlog run pays
    // undici's per-request overhead on every page (cpu-page bench: ~1.4 ms of ~8.8 ms per
    // page). A proxied run still goes through undici (src/github/proxy.ts).
    transport: 'node-http' as const,
  });

  // What the run must know before it lints: any problem stops it before a single write.
  let route, setup, earlyLookup;
  try {
    route = await completeRoute(gh, repo, start.route);
    earlyLookup = await startCommentLookup(gh, repo, route, inputs);
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
  const { collected, backlog } = await readIssues(source, (sourceOpts) =>
    route.mode === 'backlog'
      ? backlogSource(sourceOpts, {
          inputs,
          env,
          config: loaded.config,
          annotate: (level, message, props) => budget.annotate(level, message, props),
        })
      : null,
  );
  if (teams.fault) incomplete(collected, teams.fault);
  let preview: ConfigPreview | undefined;
  if (plan) {
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

  reportConfig(io, loaded);
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
 * incomplete. `backlogRun` answers the backlog source, or null for the other modes.
 */
async function readIssues(
  source: Parameters<typeof collect>[0],
  backlogRun: (
    source: Parameters<typeof collect>[0],
  ) => Promise<BacklogRun & { collected: Collected }> | null,
): Promise<{ collected: Collected; backlog: BacklogRun | null }> {
  try {
    const backlog = await backlogRun(source);
    return { collected: backlog ? backlog.collected : await collect(source), backlog };
  } catch (err) {
    // Issue / PR reads that fail leave nothing to lint: report incomplete, fail the step.
    const collected: Collected = {
      complete: false,
      incompleteReason: err instanceof Error ? err.message : String(err),
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

export { InputError };
