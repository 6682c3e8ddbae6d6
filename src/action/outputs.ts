// Values of the action's outputs that are computed rather than counted.
import { findingsDigest } from '../report/findings-digest.js';
import type { LintResult } from '../types.js';
import type { ActionInputs } from './inputs.js';

/**
 * `failing-issues`: the numbers of the issues with a finding at or above `fail-on`, ascending,
 * as a JSON array (`[]` with `fail-on: never`), for follow-up steps (`fromJSON(...)`).
 */
export function failingIssues(result: LintResult | null, failOn: ActionInputs['failOn']): string {
  if (!result || failOn === 'never') return '[]';
  const digest = findingsDigest(result);
  return JSON.stringify(failOn === 'warning' ? digest.failingOnWarning : digest.failingOnError);
}
