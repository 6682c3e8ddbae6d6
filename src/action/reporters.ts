// What the run tells the user at its end, or when it stops early: the config digest, the
// annotations, the job summary, report.json, the step's outputs and the step's failure.
// Everything goes through the run's annotation budget and is redacted.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BaselineError } from '../baseline/index.js';
import { configDigest, formatEffectiveConfig } from '../config/index.js';
import { redact } from '../github/index.js';
import { buildAnnotations, issuesChecked, renderSummary } from '../report/index.js';
import { writeJsonReportFile } from '../report/json-stream.js';
import { ConfigError } from '../types.js';
import type { BaselineReport, LintResult, ReportModel } from '../types.js';
import { ANNOTATIONS_SHOWN_PER_LEVEL, type AnnotationBudget } from './annotation-budget.js';
import type { ConfigLoad } from './config-source.js';
import type { ActionInputs } from './inputs.js';
import type { ActionIo } from './io.js';
import { failingIssues } from './outputs.js';
import type { RunStopped } from './setup.js';

function setCountOutputs(
  io: ActionIo,
  result: LintResult | null,
  checked: number,
  complete: boolean,
  reportPath: string,
  failOn: ActionInputs['failOn'],
  baseline?: BaselineReport,
): void {
  io.setOutput('known', baseline?.known.length ?? 0);
  io.setOutput('fixed', baseline?.fixed.length ?? 0);
  io.setOutput('errors', result?.counts.error ?? 0);
  io.setOutput('warnings', result?.counts.warning ?? 0);
  io.setOutput('notices', result?.counts.notice ?? 0);
  io.setOutput('issues-checked', checked);
  io.setOutput('report-path', reportPath);
  io.setOutput('complete', complete ? 'true' : 'false');
  io.setOutput('failing-issues', failingIssues(result, failOn));
}

async function writeSummary(io: ActionIo, markdown: string): Promise<void> {
  await io.writeSummary(redact(markdown));
}

/** Config errors: one annotation per problem on the file's line; nothing is written to GitHub. */
async function reportConfigError(
  io: ActionIo,
  budget: AnnotationBudget,
  err: ConfigError,
  whose = '',
): Promise<void> {
  for (const p of err.problems) {
    budget.annotate('error', `${p.message}${p.hint ? ` — ${p.hint}` : ''}`, {
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
    io,
    `## backlog-lint: config error${whose}\n\nThe config${whose} has ${err.problems.length} problem(s); nothing was checked and nothing was written to GitHub.\n\n${rows}\n`,
  );
  budget.fail(
    `backlog-lint config${whose} is invalid (${err.problems.length} problem(s)); see the annotations.`,
  );
}

/** A baseline that cannot be used stops the run like a config error: nothing is written. */
async function reportBaselineError(
  io: ActionIo,
  budget: AnnotationBudget,
  err: BaselineError,
): Promise<void> {
  budget.annotate('error', err.detail, { title: 'backlog-lint baseline', file: err.file });
  await writeSummary(
    io,
    `## backlog-lint: baseline error\n\n${err.message.replace(/[<>]/g, '')}\n\nNothing was checked and nothing was written to GitHub.\n`,
  );
  budget.fail(`backlog-lint: ${err.message}`);
}

/** The run stopped before linting: empty counts, the problem, the step fails. */
export async function reportStopped(
  io: ActionIo,
  budget: AnnotationBudget,
  stop: RunStopped,
  failOn: ActionInputs['failOn'],
): Promise<void> {
  setCountOutputs(io, null, 0, false, '', failOn);
  if (stop.reason instanceof ConfigError)
    return reportConfigError(io, budget, stop.reason, stop.whose);
  if (stop.reason instanceof BaselineError) return reportBaselineError(io, budget, stop.reason);
  budget.fail(stop.message);
}

/**
 * What the run enforced: one line, and the whole effective config (~470 lines, collapsed)
 * only with debug logging. Printed once the issues are linted, before the run waits for
 * the answer of an issue event's lookup: never before the first request, nor after the
 * answer.
 */
export function reportConfig(io: ActionIo, loaded: ConfigLoad): void {
  if (io.isDebug()) {
    io.startGroup(`Effective config (${loaded.source})`);
    io.info(formatEffectiveConfig(loaded.config));
    io.endGroup();
  } else {
    io.info(configDigest(loaded.config, loaded.source));
  }
}

/** The end of a run: annotations, summary, report.json, outputs, the log's last line, failure. */
export async function reportRun(o: {
  io: ActionIo;
  budget: AnnotationBudget;
  inputs: ActionInputs;
  model: ReportModel;
  known: BaselineReport | undefined;
  reportDir: string;
  /** A team setup error: annotated when it happened, the step fails without repeating it. */
  setupError: string | null;
}): Promise<void> {
  const { io, budget, inputs, model: final } = o;
  const result = final.result;
  const reportPath = path.join(o.reportDir, 'report.json');
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
  for (const a of buildAnnotations(final, slots))
    budget.annotate(a.level, a.message, { title: a.title });
  await writeSummary(io, renderSummary(final));

  mkdirSync(o.reportDir, { recursive: true });
  // Streamed, redacted piece by piece: the report's text is never held whole (README "Memory").
  writeJsonReportFile(reportPath, final, redact);
  const checked = issuesChecked(final); // counted once for the summary and report.json
  setCountOutputs(io, result, checked, final.complete, reportPath, inputs.failOn, o.known);
  io.info(
    `backlog-lint: ${checked} issue(s) checked: ${result.counts.error} error(s), ${result.counts.warning} warning(s), ${result.counts.notice} notice(s). Report: ${reportPath}`,
  );

  if (!final.complete) {
    budget.fail(
      `backlog-lint: the run is incomplete — ${final.incompleteReason ?? 'unknown reason'}. The partial report covers what was read.`,
    );
    return;
  }
  if (o.setupError) io.markFailed();
  if (inputs.failOn === 'error' && error > 0) {
    budget.fail(`backlog-lint: ${error} error(s) (fail-on: error).`);
  } else if (inputs.failOn === 'warning' && error + warning > 0) {
    budget.fail(`backlog-lint: ${error} error(s) and ${warning} warning(s) (fail-on: warning).`);
  }
}
