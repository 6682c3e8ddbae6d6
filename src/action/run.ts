// The action's flow: inputs + event → config → issue source → engine → writes → reporters →
// outputs. Each stage lives in its own module; this file only sequences them.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as core from '@actions/core';
import { applyBaseline, BaselineError } from '../baseline/index.js';
import { configDigest, formatEffectiveConfig, teamSlugs, workspacePath } from '../config/index.js';
import { Linter } from '../engine/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import {
  createOctokit,
  fetchPullRequest,
  findOwnComments,
  httpStatus,
  redact,
  resolveTeams,
  TeamAccessError,
  type OwnComments,
} from '../github/index.js';
import {
  buildAnnotations,
  COMMENT_MARKER,
  REPORT_MARKER,
  renderComment,
  renderReportIssue,
  renderSummary,
} from '../report/index.js';
import { writeJsonReportFile } from '../report/json-stream.js';
import { ConfigError } from '../types.js';
import type { BaselineReport, Level, LintResult, ReportModel, TrendModel } from '../types.js';
import type { ConfigPreview } from '../preview/index.js';
import { collect } from './collect.js';
import { loadActionBaseline, loadActionConfig } from './config-source.js';
import { planPreview, runPreview } from './preview.js';
import { reportIssueBody } from './trend.js';
import type { ActionInputs } from './inputs.js';
import { InputError, readInputs } from './inputs.js';
import type { EventInfo, Route } from './route.js';
import { route as routeEvent } from './route.js';
import {
  applyFixes,
  planFixes,
  withoutResolved,
  writeComment,
  writeReportIssue,
} from './writes.js';
import type { WriteContext } from './writes.js';
import { readEvent } from './event.js';
import { clientTiming } from './timing.js';
import { AnnotationBudget, ANNOTATIONS_SHOWN_PER_LEVEL } from './annotation-budget.js';
import { failingIssues } from './outputs.js';

export interface Env {
  repository: RepoRef;
  serverUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  workspace: string;
  runUrl?: string;
  today: string;
  /** When the run happens (the trend's history records it). */
  now: Date;
  reportDir: string;
}

function readEnv(): Env {
  const e = process.env;
  const full = e.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = full.split('/');
  if (!owner || !repo)
    throw new Error(
      'GITHUB_REPOSITORY is not set (owner/name): is this running in GitHub Actions?',
    );
  const serverUrl = (e.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const now = new Date();
  const apiUrl = (e.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  return {
    repository: { owner, repo },
    serverUrl,
    apiUrl,
    graphqlUrl: (e.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`).replace(/\/$/, ''),
    workspace: e.GITHUB_WORKSPACE ?? process.cwd(),
    runUrl: e.GITHUB_RUN_ID ? `${serverUrl}/${full}/actions/runs/${e.GITHUB_RUN_ID}` : undefined,
    today: now.toISOString().slice(0, 10),
    now,
    reportDir: path.join(e.RUNNER_TEMP ?? os.tmpdir(), 'backlog-lint'),
  };
}

// Every annotation and failure goes through here: redacted (src/github/redact.ts), and
// counted so the step's failure never becomes an 11th error annotation GitHub hides.
const budget = new AnnotationBudget();

function annotate(level: Level, message: string, props: core.AnnotationProperties = {}): void {
  budget.emit(level, redact(message), props);
}

function fail(message: string): void {
  budget.fail(redact(message));
}

function setCountOutputs(
  result: LintResult | null,
  checked: number,
  complete: boolean,
  reportPath: string,
  failOn: ActionInputs['failOn'],
  baseline?: BaselineReport,
): void {
  core.setOutput('known', baseline?.known.length ?? 0);
  core.setOutput('fixed', baseline?.fixed.length ?? 0);
  core.setOutput('errors', result?.counts.error ?? 0);
  core.setOutput('warnings', result?.counts.warning ?? 0);
  core.setOutput('notices', result?.counts.notice ?? 0);
  core.setOutput('issues-checked', checked);
  core.setOutput('report-path', reportPath);
  core.setOutput('complete', complete ? 'true' : 'false');
  core.setOutput('failing-issues', failingIssues(result, failOn));
}

async function writeSummary(markdown: string): Promise<void> {
  // core.summary needs GITHUB_STEP_SUMMARY; outside a runner (local tests) it is skipped.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(redact(markdown), true).write();
}

/** Config errors: one annotation per problem on the file's line; nothing is written to GitHub. */
async function reportConfigError(err: ConfigError, whose = ''): Promise<void> {
  for (const p of err.problems) {
    annotate('error', `${p.message}${p.hint ? ` — ${p.hint}` : ''}`, {
      title: `backlog-lint config${whose}`,
      file: p.file,
      startLine: p.line,
      startColumn: p.column,
    });
  }
  const rows = err.problems
    .map(
      (p) =>
        `- \`${p.file}:${p.line}:${p.column}\` ${p.message.replace(/[<>`]/g, '')}${p.hint ? ` — ${p.hint.replace(/[<>`]/g, '')}` : ''}`,
    )
    .join('\n');
  await writeSummary(
    `## backlog-lint: config error${whose}\n\nThe config${whose} has ${err.problems.length} problem(s); nothing was checked and nothing was written to GitHub.\n\n${rows}\n`,
  );
  fail(
    `backlog-lint config${whose} is invalid (${err.problems.length} problem(s)); see the annotations.`,
  );
}

/** A baseline that cannot be used stops the run like a config error: nothing is written. */
async function reportBaselineError(err: BaselineError): Promise<void> {
  annotate('error', err.detail, { title: 'backlog-lint baseline', file: err.file });
  await writeSummary(
    `## backlog-lint: baseline error\n\n${err.message.replace(/[<>]/g, '')}\n\nNothing was checked and nothing was written to GitHub.\n`,
  );
  fail(`backlog-lint: ${err.message}`);
}

function failIfNeeded(inputs: ActionInputs, result: LintResult): void {
  const { error, warning } = result.counts;
  if (inputs.failOn === 'error' && error > 0) {
    fail(`backlog-lint: ${error} error(s) (fail-on: error).`);
  } else if (inputs.failOn === 'warning' && error + warning > 0) {
    fail(`backlog-lint: ${error} error(s) and ${warning} warning(s) (fail-on: warning).`);
  }
}

export async function run(): Promise<void> {
  let inputs: ActionInputs;
  let env: Env;
  let event: EventInfo;
  let route: Route;
  try {
    inputs = readInputs((n) => core.getInput(n));
    env = readEnv();
    event = readEvent();
    route = routeEvent(inputs, event);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
    return;
  }
  if (inputs.token) core.setSecret(inputs.token);
  const reportPath = path.join(env.reportDir, 'report.json');
  core.info(`backlog-lint: ${route.mode} mode (${route.why}).`);
  // A run of a request or two on Node 20: fetch's HTTP parser (llhttp, WebAssembly) stays
  // compiled by Liftoff; TurboFan's recompilation once it is warm cost an issue event ~40 ms
  // of CPU and ~30 MB of peak RSS. Not on Node 24 (measured: ~15 ms more CPU with it), nor in
  // backlog runs (hundreds of pages to parse). Before the first fetch, which compiles the
  // parser; see scripts/bench/issue-event.ts.
  if (route.mode !== 'backlog' && process.versions.node.startsWith('20.'))
    setFlagsFromString('--liftoff-only');

  const gh: GitHubClient = createOctokit({
    token: inputs.token,
    baseUrl: env.apiUrl,
    graphqlUrl: env.graphqlUrl,
    log: {
      debug: (m) => core.debug(redact(m)),
      info: (m) => core.info(redact(m)),
      warn: (m) => annotate('warning', m),
    },
    ...clientTiming(process.env),
  });
  const repo = env.repository;

  // A pull request known only by number (comment event, issue-number, re-run): its body
  // (issue references) and base branch (where the config is read) come from the API.
  if (route.mode === 'pull-request' && (route.body === null || route.baseRef === null)) {
    try {
      const pr = await fetchPullRequest(gh, repo, route.number);
      route = { ...route, body: pr.body ?? '', baseRef: pr.baseRef, headSha: pr.headSha };
    } catch (err) {
      setCountOutputs(null, 0, false, '', inputs.failOn);
      fail(
        `Could not read pull request #${route.number} of ${repo.owner}/${repo.repo}: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
  }

  // Issue event: the sticky comment's lookup, the run's first request, goes before the config
  // is parsed and the issue linted, and stays on the wire meanwhile. Only when the payload
  // holds the issue (one read through the API may turn out to be a pull request) and a
  // comment may be written (not `comment: never`, not dry-run). A config error after it
  // leaves this one read, and nothing written. (Pull-request runs read in series anyway.)
  const commentLookup =
    route.mode === 'issue' &&
    route.payloadIssue &&
    !('pull_request' in route.payloadIssue) &&
    inputs.comment !== 'never' &&
    !inputs.dryRun
      ? (await gh.readAhead(() => findOwnComments(gh, repo, route.number, COMMENT_MARKER))).pending
      : undefined;

  // Where the config and the baseline are read: the workspace, else the API; on pull
  // requests always the base branch through the API.
  const repoFiles = {
    workspace: env.workspace,
    gh,
    repo,
    ref: route.mode === 'pull-request' ? route.baseRef : null,
    pullRequest: route.mode === 'pull-request',
  };

  // Config: an error stops everything before any write.
  let loaded;
  try {
    loaded = await loadActionConfig({ configPath: inputs.configPath, ...repoFiles });
  } catch (err) {
    setCountOutputs(null, 0, false, '', inputs.failOn);
    if (err instanceof ConfigError) return reportConfigError(err);
    fail(`Could not read the config: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  if (loaded.notice) annotate('notice', loaded.notice, { title: 'backlog-lint config' });

  // The baseline: read like the config (same place, same ref); a bad one stops the run.
  let baseline: Awaited<ReturnType<typeof loadActionBaseline>> | null = null;
  if (inputs.baseline) {
    try {
      baseline = await loadActionBaseline({ baselinePath: inputs.baseline, ...repoFiles });
    } catch (err) {
      setCountOutputs(null, 0, false, '', inputs.failOn);
      if (err instanceof BaselineError) return reportBaselineError(err);
      fail(`Could not read the baseline: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
  }

  // A pull request that changes the config: its head config is validated now, before
  // anything is written, and the backlog is previewed with both configs below.
  let plan: Awaited<ReturnType<typeof planPreview>> = null;
  if (route.mode === 'pull-request') {
    try {
      plan = await planPreview({
        gh,
        repo,
        number: route.number,
        headSha: route.headSha,
        workspace: env.workspace,
        // Checked by loadActionConfig above: inside the repository.
        configRel: workspacePath(env.workspace, inputs.configPath).rel,
        base: loaded,
      });
    } catch (err) {
      if (httpStatus(err) === 403 && !(err instanceof ConfigError)) {
        // Not a fault: the token cannot read the PR's files (pull-requests: read); the
        // linked issues are still linted, without the preview.
        annotate(
          'warning',
          `The token cannot read the files of pull request #${route.number} (HTTP 403), so a config change cannot be previewed; grant \`pull-requests: read\` (or write) to preview config changes.`,
          { title: 'backlog-lint config preview' },
        );
      } else {
        setCountOutputs(null, 0, false, '', inputs.failOn);
        if (err instanceof ConfigError) return reportConfigError(err, ' of this pull request');
        fail(
          `Could not read the config change of pull request #${route.number}: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
    }
    if (plan)
      core.info(
        `This pull request changes ${plan.changed.join(', ')}: previewing the change on the open backlog.`,
      );
  }

  // Teams are resolved once per run; without access the roles' membership checks are skipped.
  let teams: Record<string, string[]> = {};
  let setupError: string | null = null;
  let teamFault: string | null = null;
  const teamSkipped: { item: string; reason: string }[] = [];
  const slugs = teamSlugs(loaded.config);
  if (slugs.length > 0) {
    try {
      teams = await resolveTeams(gh, slugs);
    } catch (err) {
      if (err instanceof TeamAccessError) {
        // A permission problem: said once, the run goes on without team membership.
        setupError = err.message;
        annotate('error', err.message, { title: 'backlog-lint teams' });
        teamSkipped.push({
          item: err.team,
          reason: `its members cannot be read with this token (HTTP ${err.status}): it needs read:org (or Members: read); the roles listing it are not checked against their members`,
        });
      } else {
        // A fault (server error, rate limit beyond the waits): the run is incomplete.
        teamFault = `Reading the members of the configured teams failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
  }

  const linter = new Linter({ config: loaded.config, teams, today: env.today, scope: route.mode });
  let collected;
  try {
    collected = await collect({
      route,
      gh,
      repo,
      linter,
      reportIssueTitle: inputs.reportIssue,
      log: core.info,
      warn: (m) => annotate('warning', m, { title: 'backlog-lint: rate-limit budget' }),
    });
  } catch (err) {
    // Issue / PR reads that fail leave nothing to lint: report incomplete, fail the step.
    collected = {
      complete: false,
      incompleteReason: err instanceof Error ? err.message : String(err),
      skipped: [],
      reportIssueNumber: null,
      reportIssues: [],
      issues: [],
    };
  }
  if (teamFault && collected.complete) {
    collected.complete = false;
    collected.incompleteReason = teamFault;
  }
  let preview: ConfigPreview | undefined;
  if (plan) {
    const ran = await runPreview({
      gh,
      repo,
      base: loaded,
      head: plan.head,
      teams,
      today: env.today,
      threshold: inputs.failOn === 'warning' ? 'warning' : 'error',
      reportIssueTitle: inputs.reportIssue,
      log: core.info,
    });
    preview = ran.preview;
    if (!ran.complete && collected.complete) {
      collected.complete = false;
      collected.incompleteReason = ran.incompleteReason;
    }
  }
  let result = linter.finish();
  let known: BaselineReport | undefined;
  let trend: TrendModel | undefined;
  // The ratchet, once fixes are settled: what a fix resolved is no longer there to be known.
  const ratchet = (): void => {
    if (!baseline || known) return;
    const outcome = applyBaseline(result, baseline.baseline, {
      wholeBacklog: route.mode === 'backlog' && collected.complete,
    });
    result = outcome.result;
    known = {
      source: baseline.source,
      known: outcome.known,
      knownCounts: outcome.knownCounts,
      fixed: outcome.fixed,
    };
  };

  // The sticky comment's lookup is a read: it belongs to what the run must learn before it may
  // write anything. Started early on issue events (above), here otherwise.
  const wantsComment =
    inputs.comment !== 'never' &&
    (route.mode === 'issue' || route.mode === 'pull-request') &&
    (collected.issues.length > 0 || route.mode === 'pull-request');
  let ownComments: OwnComments = { subjectId: '', own: [] };
  if (commentLookup || (wantsComment && !inputs.dryRun && collected.complete)) {
    try {
      ownComments = await (commentLookup ??
        findOwnComments(gh, repo, (route as { number: number }).number, COMMENT_MARKER));
    } catch (err) {
      if (wantsComment && collected.complete) {
        collected.complete = false;
        collected.incompleteReason = `Finding the backlog-lint comment on #${(route as { number: number }).number} failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
  }

  const writes: WriteContext = {
    gh,
    repo,
    dryRun: inputs.dryRun,
    writes: [],
    warn: (m) => annotate('warning', m),
    forbidden: false,
    unassignable: new Set(),
  };
  const model = (cost = gh.cost.total()): ReportModel => ({
    repository: `${repo.owner}/${repo.repo}`,
    serverUrl: env.serverUrl,
    mode: route.mode,
    complete: collected.complete,
    incompleteReason: collected.incompleteReason,
    result,
    configSource: loaded.source,
    dryRun: inputs.dryRun,
    writes: writes.writes,
    skipped: [...teamSkipped, ...collected.skipped],
    runUrl: env.runUrl,
    ...(known && { baseline: known }),
    ...(trend && { trend }),
    ...(preview && { preview }),
    ...(cost && { cost }),
  });

  // Only a complete run publishes: a partial read would turn a good comment or report into a
  // wrong one ("links no issues", a member missing) and move fixes to the wrong people. The
  // summary and report.json still carry the partial result.
  const withheld = !collected.complete
    ? (collected.incompleteReason ?? 'the run is incomplete')
    : setupError
      ? 'the members of a configured team could not be read'
      : null;
  const plannedWrites = [
    inputs.fix && !preview ? 'fixes' : null,
    wantsComment ? `the comment on #${(route as { number: number }).number}` : null,
    route.mode === 'backlog' && inputs.reportIssue ? 'the report issue' : null,
  ].filter((w): w is string => w !== null);
  if (withheld && plannedWrites.length > 0 && !inputs.dryRun) {
    annotate(
      'warning',
      `backlog-lint wrote nothing to GitHub (${plannedWrites.join(', ')}: left as they are) because ${collected.complete ? withheld : `the run is incomplete — ${withheld}`}. The job summary and report.json carry the partial result.`,
      { title: 'backlog-lint: nothing written' },
    );
  }

  try {
    if (!withheld && inputs.fix && preview) {
      annotate(
        'notice',
        'fix is not applied: this pull request changes the config, and a run previewing a config change writes nothing to issues.',
        { title: 'backlog-lint fix' },
      );
    } else if (!withheld && inputs.fix) {
      // Only this repository's issues are linted (collect skips other repositories').
      const byNumber = new Map(result.issues.map((i) => [i.number, i]));
      const fixes = planFixes(result, (n) => byNumber.get(n));
      const resolved = await applyFixes(writes, fixes);
      result = withoutResolved(result, resolved);
    }
    ratchet();

    if (!withheld && wantsComment && (route.mode === 'issue' || route.mode === 'pull-request')) {
      const target = { kind: route.mode, number: route.number } as const;
      // A config preview with a difference is worth a comment even when no linked issue fails.
      const hasFindings =
        result.findings.length > 0 ||
        (preview !== undefined &&
          preview.newlyFailing.length +
            preview.newlyPassing.length +
            preview.ownerChanged.length +
            preview.rules.length >
            0);
      // on-findings: a clean issue gets no new comment, but an earlier one is updated to say it is clean.
      const create = inputs.comment === 'always' || hasFindings;
      // No run link in the comment: a body that changes every run would be rewritten every run.
      const body = redact(renderComment({ ...model(), runUrl: undefined }, target));
      await writeComment(writes, route.number, body, COMMENT_MARKER, create, ownComments);
    }

    // Only complete runs get here (withheld above), so only they add to the trend's history.
    if (!withheld && route.mode === 'backlog' && inputs.reportIssue) {
      // The trend: this run joins the history kept in the report issue's body, which the
      // backlog read found (no extra request).
      const body = reportIssueBody({
        model,
        at: env.now,
        render: (m) => redact(renderReportIssue(m)),
        onTrend: (t) => (trend = t),
      });
      // Rendered once here so the summary shows the trend even when nothing is written
      // (dry-run, a refused write); the write renders again from the issue it keeps.
      body(collected.reportIssues[0]?.body ?? null);
      await writeReportIssue(
        writes,
        inputs.reportIssue,
        body,
        REPORT_MARKER,
        collected.reportIssues,
      );
      const notice = (trend as TrendModel | undefined)?.notice;
      if (notice) annotate('notice', notice, { title: 'backlog-lint trend' });
    }
  } catch (err) {
    collected.complete = false;
    collected.incompleteReason = `Writing to GitHub failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  ratchet();

  // What the run enforced: one line, and the whole effective config (~470 lines, collapsed)
  // only with debug logging. Printed last: it should not delay the first request.
  if (core.isDebug()) {
    core.startGroup(`Effective config (${loaded.source})`);
    core.info(formatEffectiveConfig(loaded.config));
    core.endGroup();
  } else {
    core.info(configDigest(loaded.config, loaded.source));
  }

  const final = model();
  // The step's failure message is an error annotation too: keep it a slot among the 10.
  const { error, warning } = result.counts;
  // (A team setup error fails the step through the exit code alone: it was annotated already.)
  const failureMessage =
    !final.complete ||
    (inputs.failOn === 'error' && error > 0) ||
    (inputs.failOn === 'warning' && error + warning > 0);
  const slots = {
    error: ANNOTATIONS_SHOWN_PER_LEVEL - budget.emitted.error - (failureMessage ? 1 : 0),
    warning: ANNOTATIONS_SHOWN_PER_LEVEL - budget.emitted.warning,
    notice: ANNOTATIONS_SHOWN_PER_LEVEL - budget.emitted.notice,
  };
  for (const a of buildAnnotations(final, slots)) annotate(a.level, a.message, { title: a.title });
  await writeSummary(renderSummary(final));

  mkdirSync(env.reportDir, { recursive: true });
  // Streamed, redacted piece by piece: the report's text is never held whole (README "Memory").
  writeJsonReportFile(reportPath, final, redact);
  const checked = result.issues.filter((i) => i.status === 'checked').length;
  setCountOutputs(result, checked, final.complete, reportPath, inputs.failOn, known);
  core.info(
    `backlog-lint: ${checked} issue(s) checked: ${result.counts.error} error(s), ${result.counts.warning} warning(s), ${result.counts.notice} notice(s). Report: ${reportPath}`,
  );

  if (!final.complete) {
    fail(
      `backlog-lint: the run is incomplete — ${final.incompleteReason ?? 'unknown reason'}. The partial report covers what was read.`,
    );
    return;
  }
  // A setup error (teams) was annotated once, with its title, when it happened: the step
  // fails without repeating it.
  if (setupError) process.exitCode = core.ExitCode.Failure;
  failIfNeeded(inputs, result);
}

export { InputError };
