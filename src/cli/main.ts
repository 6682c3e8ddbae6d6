// The CLI: `backlog-lint --input FILE.json | --repo OWNER/NAME`, same engine as the action.
// main() takes its streams, environment, working directory and clock as arguments so the
// tests run it in-process; src/cli.ts wires it to the real process.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  applyBaseline,
  BaselineError,
  baselineOf,
  formatBaseline,
  parseBaseline,
} from '../baseline/index.js';
import { defaultConfig, formatEffectiveConfig, parseConfig } from '../config/index.js';
import { explainIssue, lint, renderExplanation } from '../engine/index.js';
import type { GitHubClient, RepoRef, createOctokit } from '../github/index.js';
import {
  compareConfigs,
  previewJson,
  previewSections,
  renderPreviewText,
} from '../preview/index.js';
import { buildJsonReport, renderMarkdown, renderText } from '../report/index.js';
import { streamJsonReport } from '../report/json-stream.js';
import { fitSections, jsChars } from '../report/fit.js';
import { ConfigError } from '../types.js';
import type { LintResult, ReportModel, ResolvedConfig } from '../types.js';
import { HELP, USAGE, UsageError, parseCliArgs } from './args.js';
import type { CliCommand, FailOn, Format } from './args.js';
import { useColor } from './color.js';
import { InputFileError, readInputIssues } from './input.js';
import { LiveError, connect, fetchRepositoryConfig, lintRepository, tokenFrom } from './live.js';
import { packageVersion } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Where the CLI looks for a config when --config is not given (relative to cwd). */
export const DEFAULT_CONFIG_PATH = '.github/backlog-lint.yml';
export const PRESET_SOURCE = 'preset:recommended';

export interface CliStream {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (colour for the text format). */
  isTTY: boolean;
  /** Read by `--input -`. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Clock for the default `--today` (UTC date); tests inject it. */
  now?: () => Date;
  /** Replaces createOctokit for `--repo` (tests). */
  createClient?: typeof createOctokit;
}

/** An error already worded for the user: printed as `backlog-lint: <message>`, exit 2. */
class CliError extends Error {}

function say(stream: CliStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The config's text; null when the file does not exist. `shown` is the path as given. */
function readConfigText(abs: string, shown: string): string | null {
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') throw new CliError(`config ${shown} is a directory, not a file`);
    throw new CliError(
      `cannot read config ${shown}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

interface LoadedConfig {
  config: ResolvedConfig;
  /** The path as given (or found), or `preset:recommended`. */
  source: string;
}

/** --config PATH, else `.github/backlog-lint.yml` in cwd, else the recommended preset. */
function loadConfig(configPath: string | null, io: CliIO): LoadedConfig {
  const path = configPath ?? DEFAULT_CONFIG_PATH;
  const abs = resolve(io.cwd, path);
  const text = readConfigText(abs, path);
  if (text === null) {
    if (configPath !== null) throw new CliError(`config file not found: ${configPath}`);
    say(
      io.stderr,
      `backlog-lint: notice: no ${DEFAULT_CONFIG_PATH} here, so the recommended preset runs with no role members (rules that need members are skipped); pass --config PATH or create ${DEFAULT_CONFIG_PATH} (see examples/backlog-lint.yml)`,
    );
    return { config: defaultConfig(), source: PRESET_SOURCE };
  }
  return { config: parseConfig(text, path, { baseDir: dirname(abs) }), source: path };
}

/**
 * `--repo`: --config PATH, else `.github/backlog-lint.yml` in cwd, else the repository's own
 * `.github/backlog-lint.yml` through the API (as the action reads it without a checkout), so
 * the CLI and the action agree on the same repository; else the recommended preset.
 */
async function loadRepoConfig(
  configPath: string | null,
  io: CliIO,
  gh: GitHubClient,
  repo: RepoRef,
): Promise<LoadedConfig> {
  if (
    configPath !== null ||
    readConfigText(resolve(io.cwd, DEFAULT_CONFIG_PATH), DEFAULT_CONFIG_PATH) !== null
  ) {
    return loadConfig(configPath, io);
  }
  const text = await fetchRepositoryConfig(gh, repo, DEFAULT_CONFIG_PATH);
  if (text === null) {
    say(
      io.stderr,
      `backlog-lint: notice: no ${DEFAULT_CONFIG_PATH} here or in ${repo.owner}/${repo.repo}, so the recommended preset runs with no role members (rules that need members are skipped); pass --config PATH`,
    );
    return { config: defaultConfig(), source: PRESET_SOURCE };
  }
  // Relative `extends` files cannot be read without a checkout: parseConfig reports them.
  const config = parseConfig(text, DEFAULT_CONFIG_PATH, { readFile: () => undefined });
  return { config, source: `api:${DEFAULT_CONFIG_PATH}` };
}

function todayUtc(io: CliIO): string {
  return (io.now ? io.now() : new Date()).toISOString().slice(0, 10);
}

function exitCodeFor(result: LintResult, failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const failing = result.counts.error + (failOn === 'warning' ? result.counts.warning : 0);
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
}

// The JSON report in pieces of ~64 KB: never the whole text at once (README "Memory").
function streamJson(model: ReportModel, out: CliStream): void {
  let buffer = '';
  streamJsonReport(model, (text) => {
    buffer += text;
    if (buffer.length >= 64 * 1024) {
      out.write(buffer);
      buffer = '';
    }
  });
  if (buffer) out.write(buffer);
}

function render(model: ReportModel, format: Format, io: CliIO): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(buildJsonReport(model), null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(model);
    case 'text':
      return renderText(model, { color: useColor(io.env, io.isTTY) });
  }
}

async function runLint(cmd: Extract<CliCommand, { kind: 'lint' }>, io: CliIO): Promise<number> {
  const warn = (m: string) => say(io.stderr, `backlog-lint: ${m}`);
  let model: ReportModel = await lintModel(cmd, io);
  const { base, config: headConfig } = model as Linted;
  if (base) return comparison(model, base, headConfig, cmd, io);

  const full = model.result;
  if (cmd.baseline !== null) {
    const text = readConfigText(resolve(io.cwd, cmd.baseline), cmd.baseline);
    if (text === null) {
      throw new CliError(
        `baseline file not found: ${cmd.baseline} (write one with --write-baseline ${cmd.baseline})`,
      );
    }
    // An incomplete read cannot tell which entries are fixed beyond the issues it saw.
    const outcome = applyBaseline(full, parseBaseline(text, cmd.baseline), {
      wholeBacklog: model.complete,
    });
    model = {
      ...model,
      result: outcome.result,
      baseline: {
        source: cmd.baseline,
        known: outcome.known,
        knownCounts: outcome.knownCounts,
        fixed: outcome.fixed,
      },
    };
  }

  if (cmd.format === 'json') streamJson(model, io.stdout);
  else say(io.stdout, render(model, cmd.format, io));
  if (!model.complete) {
    // A partial backlog must not pass: the report above is marked incomplete.
    warn(`error: ${model.incompleteReason ?? 'the run was cut short'}`);
    if (cmd.writeBaseline !== null) warn(`the baseline ${cmd.writeBaseline} was not written`);
    return EXIT_ERROR;
  }
  if (cmd.writeBaseline !== null) {
    const baseline = baselineOf(full);
    const abs = resolve(io.cwd, cmd.writeBaseline);
    try {
      writeFileSync(abs, formatBaseline(baseline));
    } catch (err) {
      throw new CliError(
        `cannot write the baseline ${cmd.writeBaseline}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const issues = new Set(baseline.entries.map((e) => e.issue)).size;
    say(
      io.stderr,
      `backlog-lint: wrote ${cmd.writeBaseline}: ${baseline.entries.length} finding(s) on ${issues} issue(s) are now known; commit it and pass --baseline ${cmd.writeBaseline} (action input \`baseline\`)`,
    );
    // Writing a baseline accepts every finding in it: nothing is left to fail on.
    return EXIT_OK;
  }
  return exitCodeFor(model.result, cmd.failOn);
}

/** `explain N`: lint the same way, then explain issue N's classification and findings. */
async function runExplain(
  cmd: Extract<CliCommand, { kind: 'explain' }>,
  io: CliIO,
): Promise<number> {
  const model = await lintModel(cmd, io);
  const issue = model.result.issues.find((i) => i.number === cmd.issue);
  if (!issue) {
    const where = cmd.source.kind === 'file' ? cmd.source.file : 'the open issues read';
    throw new CliError(`issue #${cmd.issue} is not in ${where}`);
  }
  const explanation = explainIssue(issue, model.config, model.result.findings);
  say(
    io.stdout,
    cmd.format === 'json' ? JSON.stringify(explanation, null, 2) : renderExplanation(explanation),
  );
  if (!model.complete) {
    say(io.stderr, `backlog-lint: error: ${model.incompleteReason ?? 'the run was cut short'}`);
    return EXIT_ERROR;
  }
  return EXIT_OK;
}

type Sourced = Pick<Extract<CliCommand, { kind: 'lint' }>, 'source' | 'config' | 'today'> & {
  /** --compare-config: the base config, linted from the same read of the issues. */
  compareConfig?: string | null;
};

/** The lint's model, its (head) config, and with --compare-config the base config's lint. */
type Linted = ReportModel & {
  config: ResolvedConfig;
  base?: { source: string; config: ResolvedConfig; result: LintResult };
};

async function lintModel(cmd: Sourced, io: CliIO): Promise<Linted> {
  const today = cmd.today ?? todayUtc(io);
  const warn = (m: string) => say(io.stderr, `backlog-lint: ${m}`);

  let model: Linted;
  let base: (LoadedConfig & { result?: LintResult }) | null = null;
  if (cmd.source.kind === 'file') {
    // The input first: a missing file is reported without the config's notices around it.
    const input = await readInputIssues(cmd.source.file, io.cwd, io.stdin);
    if (input.issues.length === 0) {
      // An empty export is not an error (a repository without open issues), but worth saying.
      const name = cmd.source.file === '-' ? '<stdin>' : cmd.source.file;
      const skipped = input.skipped.length > 0 ? ` (${input.skipped.length} skipped)` : '';
      warn(`0 issues read from ${name}${skipped}`);
    }
    const { config, source } = loadConfig(cmd.config, io);
    base = cmd.compareConfig ? loadConfig(cmd.compareConfig, io) : null;
    // A file export is the whole backlog: load checks (owner-capacity) apply.
    const result = lint(input.issues, { config, today, scope: 'backlog' });
    if (base) base.result = lint(input.issues, { config: base.config, today, scope: 'backlog' });
    model = {
      repository: input.repository ?? 'local',
      serverUrl: input.serverUrl ?? 'https://github.com',
      mode: 'backlog',
      complete: true,
      result,
      configSource: source,
      dryRun: false,
      writes: [],
      skipped: input.skipped,
      config,
    };
  } else {
    const token = tokenFrom(io.env);
    if (token === null) {
      throw new CliError(
        '--repo needs a token: set GITHUB_TOKEN to a token that can read the repository\'s issues (and read:org to resolve "@org/team" members)',
      );
    }
    const { owner, repo } = cmd.source;
    const gh = connect({ token, env: io.env, warn, createClient: io.createClient });
    const { config, source } = await loadRepoConfig(cmd.config, io, gh, { owner, repo });
    base = cmd.compareConfig ? loadConfig(cmd.compareConfig, io) : null;
    const live = await lintRepository({
      repo: { owner, repo },
      token,
      config,
      ...(base && { baseConfig: base.config }),
      today,
      env: io.env,
      warn,
      gh,
    });
    model = {
      repository: `${owner}/${repo}`,
      serverUrl: io.env.GITHUB_SERVER_URL?.trim().replace(/\/+$/, '') || 'https://github.com',
      mode: 'backlog',
      complete: live.complete,
      ...(live.incompleteReason !== undefined ? { incompleteReason: live.incompleteReason } : {}),
      result: live.result,
      ...(live.cost !== undefined ? { cost: live.cost } : {}),
      configSource: source,
      dryRun: false,
      writes: [],
      skipped: [],
      config,
    };
    if (base) base.result = live.baseResult;
  }
  if (base?.result) {
    model.base = { source: base.source, config: base.config, result: base.result };
  }
  return model;
}

/** --compare-config: what the --config (head) changes against the base config. */
function comparison(
  model: ReportModel,
  base: { source: string; config: ResolvedConfig; result: LintResult },
  headConfig: ResolvedConfig,
  cmd: Extract<CliCommand, { kind: 'lint' }>,
  io: CliIO,
): number {
  const preview = compareConfigs(
    base,
    { source: model.configSource, config: headConfig, result: model.result },
    { threshold: cmd.failOn === 'warning' ? 'warning' : 'error' },
  );
  const text =
    cmd.format === 'json'
      ? `${JSON.stringify(previewJson(preview, model.repository), null, 2)}\n`
      : cmd.format === 'markdown'
        ? fitSections(
            previewSections(preview, { heading: '##', pullRequest: false }),
            Number.POSITIVE_INFINITY,
            jsChars,
          )
        : renderPreviewText(preview);
  say(io.stdout, text);
  if (!model.complete) {
    say(io.stderr, `backlog-lint: error: ${model.incompleteReason ?? 'the run was cut short'}`);
    return EXIT_ERROR;
  }
  return cmd.failOn !== 'never' && preview.addedFindings > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    say(
      io.stderr,
      `backlog-lint: ${err.message}\n\n${USAGE}\n\nRun 'backlog-lint --help' for details.`,
    );
    return EXIT_ERROR;
  }

  try {
    switch (cmd.kind) {
      case 'help':
        say(io.stdout, HELP);
        return EXIT_OK;
      case 'version':
        say(io.stdout, packageVersion());
        return EXIT_OK;
      case 'print-config': {
        const { config, source } = loadConfig(cmd.config, io);
        say(io.stdout, `# Config source: ${source}\n${formatEffectiveConfig(config)}`);
        return EXIT_OK;
      }
      case 'lint':
        return await runLint(cmd, io);
      case 'explain':
        return await runExplain(cmd, io);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) {
        say(
          io.stderr,
          `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`,
        );
      }
      const n = err.problems.length;
      say(io.stderr, `backlog-lint: ${n} config problem${n === 1 ? '' : 's'}; nothing was linted`);
      return EXIT_ERROR;
    }
    if (
      err instanceof CliError ||
      err instanceof InputFileError ||
      err instanceof LiveError ||
      err instanceof BaselineError
    ) {
      say(io.stderr, `backlog-lint: ${err.message}`);
      return EXIT_ERROR;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    say(io.stderr, `backlog-lint: unexpected error: ${detail}`);
    return EXIT_ERROR;
  }
}
