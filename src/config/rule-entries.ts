// Checks the `rules:` entries (`severity` or `[severity, options]`) with each rule module's own
// option schema. Done by hand rather than through the file schema's union, whose errors would
// only say "invalid input" instead of naming the bad severity or option.
import { suggest } from './did-you-mean.js';
import { describeValue, formatPath, type PathProblem } from './path-problem.js';
import { problemsFromIssue } from './zod-problems.js';
import { RULES_BY_ID } from '../rules/index.js';
import { SEVERITIES, type RuleId } from '../types.js';
import type { Path } from './yaml-source.js';

const SHAPE_HINT = 'write `rule-id: warning` or `rule-id: [warning, { option: value }]`';

/** Problems in the entries of known rules; unknown rule ids are reported by the file schema. */
export function ruleEntryProblems(rules: unknown): PathProblem[] {
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) return [];
  const problems: PathProblem[] = [];
  for (const [id, entry] of Object.entries(rules)) {
    const rule = RULES_BY_ID.get(id as RuleId);
    if (!rule) continue;
    const path: Path = ['rules', id];
    if (!Array.isArray(entry)) {
      problems.push(...severityProblems(entry, path));
    } else if (entry.length < 1 || entry.length > 2) {
      problems.push({
        path,
        at: 'value',
        message: `${formatPath(path)}: expected [severity] or [severity, options], got a list of ${entry.length}`,
        hint: SHAPE_HINT,
      });
    } else {
      problems.push(...severityProblems(entry[0], [...path, 0]));
      if (entry.length === 2) {
        const result = rule.options.safeParse(entry[1]);
        for (const issue of result.error?.issues ?? []) {
          problems.push(...problemsFromIssue(issue, rule.options, entry[1], [...path, 1]));
        }
      }
    }
  }
  return problems;
}

function severityProblems(value: unknown, path: Path): PathProblem[] {
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return [];
  const where = formatPath(path);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return [
      {
        path,
        at: 'value',
        message: `${where}: expected a severity or [severity, options], got a mapping`,
        hint: SHAPE_HINT,
      },
    ];
  }
  const hint =
    typeof value === 'string'
      ? suggest(value, SEVERITIES, 'severities')
      : `severities: ${SEVERITIES.join(', ')}${typeof value === 'number' ? " (ESLint's 0/1/2 are not used here)" : ''}`;
  return [
    { path, at: 'value', message: `${where}: ${describeValue(value)} is not a severity`, hint },
  ];
}
