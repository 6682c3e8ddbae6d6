// Command-line parsing for the CLI: node:util parseArgs (strict), then validation of values.
// Every problem is a UsageError; main() prints it with the usage text and exits 2.
import { parseArgs } from 'node:util';
import { closest } from '../config/did-you-mean.js';
import { EXPLAIN_USAGE, parseExplainArgs, type ExplainCommand } from './explain-args.js';

export type Format = 'text' | 'json' | 'markdown';
export type FailOn = 'error' | 'warning' | 'never';

export const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'print-config'; config: string | null }
  | ExplainCommand
  | {
      kind: 'lint';
      /** `{ file }` for --input (`-` = stdin), `{ repo }` for --repo. */
      source: { kind: 'file'; file: string } | { kind: 'repo'; owner: string; repo: string };
      config: string | null;
      format: Format;
      failOn: FailOn;
      /** YYYY-MM-DD, null = today (UTC). */
      today: string | null;
      /** --baseline: findings in this file are known (reported, never failing). */
      baseline: string | null;
      /** --write-baseline: write the run's findings as a baseline file. */
      writeBaseline: string | null;
      /** --compare-config: lint with this (base) config too and print the difference. */
      compareConfig: string | null;
    };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  backlog-lint --input FILE.json [--config PATH] [--format text|json|markdown] [--fail-on error|warning|never]
  backlog-lint --repo OWNER/NAME [--config PATH] [--format text|json|markdown] [--fail-on error|warning|never]
  backlog-lint --input FILE.json | --repo OWNER/NAME [--baseline PATH] [--write-baseline PATH]
  backlog-lint --input FILE.json | --repo OWNER/NAME --config HEAD.yml --compare-config BASE.yml
  backlog-lint --print-config [--config PATH]
  ${EXPLAIN_USAGE}
  backlog-lint --help | --version`;

export const HELP = `backlog-lint: lint an issue backlog for product vs project ownership.

${USAGE}

Input (one of):
  -i, --input FILE.json    issues exported as GitHub REST issue objects (a JSON array) or as
                           gh issue list --json number,title,labels,assignees,milestone,body,author,url,state;
                           gh api --paginate output (arrays back to back, or --slurp's array of
                           arrays) and NDJSON work too ('-' reads standard input); pull requests
                           in it are skipped
  -r, --repo OWNER/NAME    read the repository's open issues live; needs GITHUB_TOKEN (or GH_TOKEN),
                           API base from GITHUB_API_URL and GITHUB_GRAPHQL_URL
                           (default https://api.github.com and https://api.github.com/graphql),
                           links to GITHUB_SERVER_URL (default https://github.com)

Options:
  -c, --config PATH        config file (default: .github/backlog-lint.yml when it exists,
                           else the built-in recommended preset)
  -f, --format FORMAT      text (default), json (the JSON report) or markdown
      --fail-on LEVEL      error (default), warning or never
      --today YYYY-MM-DD   date waivers are checked against (default: today, UTC)
      --print-config       print the effective config (after extends) and exit
      --baseline PATH      findings listed in this baseline file are known: shown apart, never
                           counted against --fail-on; entries that no longer occur are listed as fixed
      --write-baseline PATH
                           write the run's findings to PATH as a baseline (sorted JSON) and exit 0
      --compare-config BASE.yml
                           also lint with BASE.yml and print what --config changes: issues that
                           newly fail or pass, change type or owner role, counts per rule;
                           exit 1 when --config adds findings at or above --fail-on

Explain (tune a config): backlog-lint explain N --input FILE.json | --repo OWNER/NAME
                           prints every signal of issue N (issue type, labels, title prefix),
                           which type each names and why, which decided, which rules fired
  -h, --help               show this help
  -v, --version            print the version

Examples:
  backlog-lint --input examples/sample-backlog.json --config examples/backlog-lint.yml
  gh issue list --state open --limit 10000 \\
    --json number,title,labels,assignees,milestone,body,author,url,state > issues.json
  backlog-lint --input issues.json --format markdown > backlog-report.md
  gh api --paginate repos/acme/rocket/issues | backlog-lint --input -
  GITHUB_TOKEN=$(gh auth token) backlog-lint --repo acme/rocket --fail-on warning

Text output is coloured on a terminal; NO_COLOR turns colour off, FORCE_COLOR forces it.

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, config or input error (or the issues could not be read completely)`;

const OPTIONS = {
  input: { type: 'string', short: 'i' },
  repo: { type: 'string', short: 'r' },
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  today: { type: 'string' },
  'print-config': { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'compare-config': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const REPO_RE = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/;

function oneOf<T extends string>(
  flag: string,
  raw: string | undefined,
  allowed: readonly T[],
  dflt: T,
): T {
  if (raw === undefined) return dflt;
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const near = closest(value, allowed);
  throw new UsageError(
    `--${flag}: '${raw}' is not allowed${near ? ` (did you mean ${near}?)` : ''}; use one of: ${allowed.join(', ')}`,
  );
}

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * `--inptu` → `--input`: the closest long option of the flag table (OPTIONS), so every flag
 * added there gets a suggestion too.
 */
export function suggestOption(flag: string): string | null {
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  if (name === '') return null;
  const best = closest(name, Object.keys(OPTIONS));
  return best === undefined ? null : `--${best}`;
}

/**
 * A bare argument: a file (`backlog-lint issues.json`) is meant for --input; a misspelt
 * option written with one dash (`-input`) for that option.
 */
export function suggestForArgument(arg: string): string {
  if (/^-[A-Za-z][\w-]+/.test(arg)) {
    const option = suggestOption(arg);
    if (option !== null) return `did you mean ${option}?`;
  }
  if (arg === '-' || /\.(json|ndjson|jsonl|txt)$/i.test(arg) || /[\\/]/.test(arg)) {
    return `did you mean --input ${arg}?`;
  }
  return 'options are written --name VALUE';
}

/** Rewrites node:util's messages into shorter ones that name the flag. */
function describeParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const msg = String(e.message ?? err);
  const firstLine = msg.split('\n')[0] ?? msg;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = /Unknown option '([^']+)'/.exec(msg)?.[1];
      if (flag === undefined) return firstLine;
      const suggestion = suggestOption(flag);
      return `unknown option ${flag}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = /Option '(?:-\w, )?(--[\w-]+)/.exec(msg)?.[1];
      if (flag === undefined) return firstLine;
      if (msg.includes('does not take an argument')) return `${flag} does not take a value`;
      if (msg.includes('argument missing')) return `${flag} needs a value`;
      if (msg.includes('ambiguous')) {
        return `${flag} needs a value (to pass a value starting with '-', write ${flag}=VALUE)`;
      }
      return firstLine;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const arg = /Unexpected argument '([^']*)'/.exec(msg)?.[1] ?? '';
      return `unexpected argument '${arg}' (${suggestForArgument(arg)})`;
    }
    default:
      return firstLine;
  }
}

/** --baseline, --write-baseline and --compare-config: paths, and which go together. */
function adoptionFiles(values: {
  baseline?: string;
  'write-baseline'?: string;
  'compare-config'?: string;
}): { baseline: string | null; writeBaseline: string | null; compareConfig: string | null } {
  for (const flag of ['baseline', 'write-baseline', 'compare-config'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') {
      throw new UsageError(`--${flag}: the path is empty`);
    }
  }
  const compareConfig = values['compare-config'] ?? null;
  if (compareConfig !== null && (values.baseline ?? values['write-baseline']) !== undefined) {
    throw new UsageError(
      '--compare-config compares two configs; run it without --baseline / --write-baseline',
    );
  }
  return {
    baseline: values.baseline ?? null,
    writeBaseline: values['write-baseline'] ?? null,
    compareConfig,
  };
}

export function parseCliArgs(argv: string[]): CliCommand {
  // `explain N ...`: a subcommand with its own flags (src/cli/explain-args.ts).
  if (argv[0] === 'explain') return parseExplainArgs(argv.slice(1));
  let values: {
    input?: string;
    repo?: string;
    config?: string;
    format?: string;
    'fail-on'?: string;
    today?: string;
    'print-config'?: boolean;
    baseline?: string;
    'write-baseline'?: string;
    'compare-config'?: string;
    help?: boolean;
    version?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(describeParseError(err));
  }

  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const config = values.config ?? null;
  if (config !== null && config.trim() === '') throw new UsageError('--config: the path is empty');

  if (values['print-config']) {
    const extra = (
      [
        'input',
        'repo',
        'format',
        'fail-on',
        'today',
        'baseline',
        'write-baseline',
        'compare-config',
      ] as const
    ).filter((k) => values[k] !== undefined);
    if (extra.length > 0) {
      throw new UsageError(
        `--print-config takes only --config (got ${extra.map((k) => `--${k}`).join(', ')})`,
      );
    }
    return { kind: 'print-config', config };
  }

  const format = oneOf('format', values.format, FORMATS, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
  let today: string | null = null;
  if (values.today !== undefined) {
    if (!isIsoDate(values.today)) {
      throw new UsageError(`--today: '${values.today}' is not a date written YYYY-MM-DD`);
    }
    today = values.today;
  }

  const files = adoptionFiles(values);

  if (values.input !== undefined && values.repo !== undefined) {
    throw new UsageError('use either --input or --repo, not both');
  }
  if (values.input !== undefined) {
    if (values.input.trim() === '') throw new UsageError('--input: the path is empty');
    return {
      kind: 'lint',
      source: { kind: 'file', file: values.input },
      config,
      format,
      failOn,
      today,
      ...files,
    };
  }
  if (values.repo !== undefined) {
    const m = REPO_RE.exec(values.repo.trim());
    if (!m || !m[1] || !m[2]) {
      throw new UsageError(`--repo: '${values.repo}' is not OWNER/NAME (e.g. --repo acme/rocket)`);
    }
    return {
      kind: 'lint',
      source: { kind: 'repo', owner: m[1], repo: m[2] },
      config,
      format,
      failOn,
      today,
      ...files,
    };
  }
  throw new UsageError('nothing to lint: pass --input FILE.json or --repo OWNER/NAME');
}
