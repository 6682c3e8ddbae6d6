// The package's programmatic API (`import { lintIssues, loadConfig } from 'backlog-lint'`),
// bundled as dist/api/index.js. Importing it runs nothing: the action is dist/index.js
// (action.yml) and the CLI dist/cli/index.js (bin/).
//
// The declarations are generated from this file alone (scripts/package.mjs copies its .d.ts
// to dist/api/index.d.ts and fails when it imports anything), so every public type is
// declared here, and tsc checks that the engine's values are assignable to them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  defaultConfig,
  formatEffectiveConfig,
  parseConfig as parseConfigText,
} from './config/index.js';
import { lint } from './engine/index.js';
import { IssueInputError, readIssuesJson } from './issues/index.js';
import { buildJsonReport } from './report/index.js';
import { ConfigError as InternalConfigError } from './types.js';
import type { IssueFacts, ResolvedConfig } from './types.js';

export type Level = 'error' | 'warning' | 'notice';

/** One problem of a config file: 1-based line and column, and what to do about it. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** The config has problems; each is listed with its position. Nothing was linted. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(
      problems
        .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)
        .join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The issues could not be read; the message says where (file, line and column, or entry). */
export class InputError extends Error {
  readonly line: number | null;
  readonly column: number | null;
  /** Index of the bad entry in the order read, when one entry is at fault. */
  readonly index: number | null;
  constructor(
    message: string,
    where: { line: number | null; column: number | null; index: number | null },
  ) {
    super(message);
    this.name = 'InputError';
    this.line = where.line;
    this.column = where.column;
    this.index = where.index;
  }
}

/** A validated config, after `extends`: pass it to lintIssues(). */
export interface Config {
  /** Where it came from: a path, or `preset:recommended`. */
  readonly source: string;
  /** The roles and their members as written (logins and `@org/team` slugs). */
  readonly roles: Readonly<Record<string, { readonly members: readonly string[] }>>;
  /** The effective config as YAML (what `backlog-lint --print-config` prints). */
  readonly effective: string;
}

const resolved = new WeakMap<Config, ResolvedConfig>();

function wrap(config: ResolvedConfig, source: string): Config {
  const roles: Record<string, { members: string[] }> = {};
  for (const [name, role] of Object.entries(config.roles)) roles[name] = { members: role.members };
  let effective: string | undefined;
  const api: Config = Object.freeze({
    source,
    roles: Object.freeze(roles),
    // Printing costs a YAML serialisation: only when asked.
    get effective(): string {
      return (effective ??= formatEffectiveConfig(config));
    },
  });
  resolved.set(api, config);
  return api;
}

function publicConfigError(err: unknown): unknown {
  return err instanceof InternalConfigError ? new ConfigError(err.problems) : err;
}

/**
 * A config from its text. `file` names it in error messages (default
 * `.github/backlog-lint.yml`); relative `extends` files are read from `baseDir` (default: the
 * file's directory). Throws ConfigError.
 */
export function parseConfig(
  text: string,
  options: { file?: string; baseDir?: string } = {},
): Config {
  const file = options.file ?? '.github/backlog-lint.yml';
  try {
    const config = parseConfigText(
      text,
      file,
      options.baseDir !== undefined ? { baseDir: options.baseDir } : {},
    );
    return wrap(config, file);
  } catch (err) {
    throw publicConfigError(err);
  }
}

/**
 * A config file (YAML, with `extends` resolved beside it), or with no path the built-in
 * `recommended` preset (roles without members). Throws ConfigError.
 */
export function loadConfig(file?: string): Config {
  if (file === undefined) return wrap(defaultConfig(), 'preset:recommended');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        message: `cannot read config file: ${err instanceof Error ? err.message : String(err)}`,
      },
    ]);
  }
  return parseConfig(text, { file, baseDir: path.dirname(path.resolve(file)) });
}

export interface LintOptions {
  /** Default: the `recommended` preset (loadConfig()). */
  config?: Config;
  /** YYYY-MM-DD that waivers are checked against; default today (UTC). */
  today?: string;
  /** Members of the config's `@org/team` entries, keyed by the slug lower-cased (`@acme/pm`). */
  teams?: Record<string, string[]>;
  /** owner/name for the report (default: found in the issues' urls, else `local`). */
  repository?: string;
  /** Names the input in error messages (default `issues`). */
  source?: string;
}

/** Shared and frozen between findings with the same fix: read-only. */
export interface FixSuggestion {
  readonly addLabels: readonly string[];
  readonly addAssignees: readonly string[];
}

export interface Finding {
  issue: number;
  /** A rule id (`owner-role`, `type-required`, …). */
  rule: string;
  severity: Level;
  message: string;
  fix?: FixSuggestion;
  title?: string;
  url?: string;
}

/** The JSON report of the CLI's `--format json` and the action's `report-path` (version 1). */
export interface Report {
  version: 1;
  repository: string;
  mode: 'issue' | 'pull-request' | 'backlog';
  complete: boolean;
  incompleteReason?: string;
  issuesChecked: number;
  counts: Record<Level, number>;
  findings: Finding[];
  skipped: { item: string; issue?: number; reason: string }[];
  waivers: {
    issue: number;
    rules: string[];
    until: string | null;
    reason: string | null;
    active: boolean;
    problem?: string;
  }[];
  notices: { kind: string; message: string; rule?: string; role?: string }[];
  roleHealth: { kind: string; message: string; role?: string; member?: string; type?: string }[];
  load: {
    members: { login: string; roles: string[]; open: number }[];
    roles: Record<string, { issues: number; unassigned: number }>;
  };
  classification: { byRole: Record<string, number>; untyped: number; ambiguous: number };
  configSource: string;
  dryRun: boolean;
  writes: { kind: string; issue: number | null; description: string; done: boolean }[];
  runUrl?: string;
  generatedBy: 'backlog-lint';
}

/** `https://github.com/acme/rocket/issues/7` → acme/rocket. */
function repositoryOf(issues: IssueFacts[]): string | null {
  for (const issue of issues) {
    const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/issues\/\d+\/?$/.exec(issue.url);
    if (m) return `${m[1]}/${m[2]}`;
  }
  return null;
}

/**
 * Lints a backlog. `issues` is what the CLI's `--input` takes: GitHub REST issue objects,
 * `gh issue list --json …` entries, or their text (a JSON array, `gh api --paginate` output
 * with or without `--slurp`, or NDJSON). Pull requests are skipped. Throws InputError.
 */
export function lintIssues(issues: string | readonly unknown[], options: LintOptions = {}): Report {
  const config = options.config ? resolved.get(options.config) : defaultConfig();
  if (!config)
    throw new TypeError('lintIssues: options.config must come from loadConfig() or parseConfig()');
  const name = options.source ?? 'issues';
  let read;
  try {
    read = readIssuesJson(typeof issues === 'string' ? issues : JSON.stringify(issues), name);
  } catch (err) {
    if (err instanceof IssueInputError) {
      throw new InputError(err.message, { line: err.line, column: err.column, index: err.index });
    }
    throw err;
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const result = lint(read.issues, {
    config,
    today,
    scope: 'backlog',
    ...(options.teams !== undefined && { teams: options.teams }),
  });
  const report: Report = buildJsonReport({
    repository: options.repository ?? repositoryOf(read.issues) ?? 'local',
    serverUrl: 'https://github.com',
    mode: 'backlog',
    complete: true,
    result,
    configSource: options.config?.source ?? 'preset:recommended',
    dryRun: false,
    writes: [],
    skipped: read.skipped,
  });
  return report;
}
