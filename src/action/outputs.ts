// Values of the action's outputs that are computed rather than counted.
import type { LintResult } from '../types.js';
import type { ActionInputs } from './inputs.js';

/**
 * `failing-issues`: the numbers of the issues with a finding at or above `fail-on`, ascending,
 * as a JSON array (`[]` with `fail-on: never`), for follow-up steps (`fromJSON(...)`).
 */
export function failingIssues(result: LintResult | null, failOn: ActionInputs['failOn']): string {
  if (!result || failOn === 'never') return '[]';
  const levels = failOn === 'warning' ? ['error', 'warning'] : ['error'];
  const numbers = new Set<number>();
  for (const f of result.findings) if (levels.includes(f.severity)) numbers.add(f.issue);
  return JSON.stringify([...numbers].sort((a, b) => a - b));
}
