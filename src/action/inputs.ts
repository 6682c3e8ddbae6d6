// Reads and validates the action's inputs (action.yml). A bad value fails with the input's
// name and the allowed values, before anything else runs.

export type FailOn = 'error' | 'warning' | 'never';
export type CommentPolicy = 'on-findings' | 'always' | 'never';
export type ModeInput = 'auto' | 'issue' | 'pull-request' | 'backlog';

export interface ActionInputs {
  token: string;
  configPath: string;
  mode: ModeInput;
  issueNumber: number | null;
  failOn: FailOn;
  comment: CommentPolicy;
  reportIssue: string;
  fix: boolean;
  dryRun: boolean;
  /** Path of a baseline file in the repository; '' = none. */
  baseline: string;
  /** Backlog mode: read only what changed since the last complete run's snapshot. */
  incremental: boolean;
}

export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`Input '${input}': ${message}`);
    this.name = 'InputError';
  }
}

type GetInput = (name: string) => string;

/** Largest issue number GitHub's GraphQL `Int` carries. */
export const MAX_ISSUE_NUMBER = 2 ** 31 - 1;

/** A number GitHub could give an issue: a whole number from 1 to MAX_ISSUE_NUMBER. */
export function isIssueNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_ISSUE_NUMBER;
}

function oneOf<T extends string>(get: GetInput, name: string, allowed: readonly T[], dflt: T): T {
  const raw = get(name).trim();
  if (raw === '') return dflt;
  const value = raw.toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(name, `'${raw}' is not allowed; use one of: ${allowed.join(', ')}.`);
}

// Same spellings as core.getBooleanInput (YAML 1.2 core schema booleans).
function bool(get: GetInput, name: string, dflt: boolean): boolean {
  const raw = get(name).trim();
  if (raw === '') return dflt;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, `'${raw}' is not a boolean; use true or false.`);
}

export function readInputs(get: GetInput): ActionInputs {
  const issueRaw = get('issue-number').trim().replace(/^#/, '');
  let issueNumber: number | null = null;
  if (issueRaw !== '') {
    issueNumber = Number(issueRaw);
    if (!/^[1-9]\d*$/.test(issueRaw) || !isIssueNumber(issueNumber)) {
      throw new InputError(
        'issue-number',
        `'${issueRaw}' is not an issue number (a whole number from 1 to ${MAX_ISSUE_NUMBER}).`,
      );
    }
  }
  const configPath = get('config-path').trim() || '.github/backlog-lint.yml';
  return {
    token: get('github-token').trim(),
    configPath,
    mode: oneOf(get, 'mode', ['auto', 'issue', 'pull-request', 'backlog'], 'auto'),
    issueNumber,
    failOn: oneOf(get, 'fail-on', ['error', 'warning', 'never'], 'error'),
    comment: oneOf(get, 'comment', ['on-findings', 'always', 'never'], 'on-findings'),
    reportIssue: get('report-issue').trim(),
    fix: bool(get, 'fix', false),
    dryRun: bool(get, 'dry-run', false),
    baseline: get('baseline').trim(),
    incremental: bool(get, 'incremental', true),
  };
}
